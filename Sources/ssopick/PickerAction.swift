import Foundation
import PickerCore
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What Enter does in the picker, and the text on stdout afterwards:
/// - default: write the profile (ProfileWriter) and print its name;
/// - `--export`: fetch the role's credentials and print export lines (ShellExport);
/// - `--export-profile`: write the profile and print `export AWS_PROFILE=NAME`.
struct PickerAction {
  enum Mode {
    case writeProfile
    case export(Shell)
    case exportProfile(Shell)
  }

  let mode: Mode
  let template: ProfileNameTemplate
  let region: String?
  let force: Bool

  /// Reads the options; fails before the picker opens on a bad template or shell, and on
  /// `--export` to a terminal without `--force` (secrets would land in the scrollback).
  init(command: PickCommand, environment: Environment) throws {
    let templateText =
      command.template ?? environment.nonEmpty("SSOPICK_PROFILE_TEMPLATE")
      ?? ProfileNameTemplate.defaultTemplate
    template = try ProfileNameTemplate(templateText)
    region = command.region
    force = command.force
    func shell() throws -> Shell {
      if let name = command.shell {
        guard let shell = Shell(name: name) else {
          throw OutputError.unsupportedShell(name: name, fromEnvironment: false)
        }
        return shell
      }
      return try Shell.detect(environment: environment)
    }
    if command.export {
      let shell = try shell()
      if isatty(STDOUT_FILENO) == 1, !command.force {
        throw PickerActionError.exportToTerminal(hint: shell.evalHint(command: "ssopick --export"))
      }
      mode = .export(shell)
    } else if command.exportProfile {
      mode = .exportProfile(try shell())
    } else {
      mode = .writeProfile
    }
  }

  /// The profile name for `choice`.
  func profileName(_ choice: PickerChoice, session: SSOSession) -> String {
    template.name(account: choice.account, roleName: choice.roleName, session: session)
  }

  /// How the detail line says what Enter will do.
  func describer(config: SharedConfig, session: SSOSession) -> @Sendable (PickerChoice) -> String {
    let profiles = config.profiles
    let action = self
    return { choice in
      switch action.mode {
      case .export(let shell):
        return "print \(shell) export lines with this role's credentials"
      case .writeProfile, .exportProfile:
        let name = action.profileName(choice, session: session)
        let verb: String
        if let existing = profiles[name] {
          let same =
            existing.string("sso_account_id") == choice.account.accountID
            && existing.string("sso_role_name") == choice.roleName
            && existing.string("sso_session") == session.name
          if same {
            verb = "update profile \(name)"
          } else if action.force {
            verb = "replace profile \(name) (--force)"
          } else {
            return "profile \(name) exists for something else; --force replaces it"
          }
        } else {
          verb = "write profile \(name)"
        }
        if case .exportProfile = action.mode { return verb + " and print AWS_PROFILE" }
        return verb
      }
    }
  }

  /// Does it and returns what goes to stdout.
  func perform(
    _ choice: PickerChoice, context: SessionContext, config: SharedConfig, services: Services,
    authenticator: SessionAuthenticator
  ) async throws -> String {
    switch mode {
    case .writeProfile:
      return try await writeProfile(choice, context: context, config: config) + "\n"
    case .exportProfile(let shell):
      let name = try await writeProfile(choice, context: context, config: config)
      return try ShellExport.profile(name, account: choice.account, roleName: choice.roleName)
        .render(for: shell)
    case .export(let shell):
      let portal = PortalClient(
        endpoint: context.portalEndpoint.url, transport: services.transport)
      let key = RoleCredentialCache.Key(
        accountID: choice.account.accountID, roleName: choice.roleName,
        session: context.session)
      let credentials = try await RoleCredentialCache(directories: services.directories)
        .refresh(for: key) {
          try await portal.getRoleCredentials(
            accessToken: try await authenticator.accessToken(),
            accountID: choice.account.accountID, roleName: choice.roleName)
        }
      return try ShellExport.credentials(
        credentials, account: choice.account, roleName: choice.roleName, region: region
      ).render(for: shell)
    }
  }

  private func writeProfile(
    _ choice: PickerChoice, context: SessionContext, config: SharedConfig
  ) async throws -> String {
    let name = profileName(choice, session: context.session)
    // A new profile gets the sso-session's region unless one is given (as `aws configure
    // sso` offers); an existing profile keeps its own.
    let region = self.region ?? (config.profiles[name] == nil ? context.session.region : nil)
    let result = try await ProfileWriter(configFile: config.configFile).write(
      ProfileWriter.Request(
        name: name, session: context.session, accountID: choice.account.accountID,
        roleName: choice.roleName, region: region),
      overwrite: force)
    return result.name
  }
}

/// Why the picker's action cannot run.
enum PickerActionError: Error, CustomStringConvertible {
  /// `--export` with stdout on a terminal (the secrets would be shown, not used).
  case exportToTerminal(hint: String)

  var description: String {
    switch self {
    case .exportToTerminal(let hint):
      "--export prints secret credentials; load them into your shell with \(hint) "
        + "(or add --force to print them here)."
    }
  }
}
