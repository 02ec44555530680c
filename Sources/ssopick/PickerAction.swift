import ArgumentParser
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
/// - `--export-profile`: write the profile and print `export AWS_PROFILE=NAME`;
/// - `--write-credentials PROFILE`: write the keys into the credentials file, print PROFILE;
/// - `--exec -- COMMAND`: become the command, with the credentials in its environment.
/// Ctrl-O (``PickerChoice/Intent/console``) opens the console instead, whatever the mode.
struct PickerAction {
  enum Mode {
    case writeProfile
    case export(Shell)
    case exportProfile(Shell)
    case writeCredentials(profile: String)
    case exec([String])
  }

  /// What is left to do once ``perform(_:context:config:services:authenticator:)`` returns.
  enum Result {
    /// Print this on stdout.
    case print(String)
    /// Replace ssopick with this command (`ssopick exec`'s launcher).
    case exec(path: String, arguments: [String], environment: [String: String])
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
    } else if let profile = command.writeCredentials {
      mode = .writeCredentials(profile: profile)
    } else if command.exec {
      mode = .exec(command.command)
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
      case .writeCredentials(let profile):
        return "write this role's keys to [\(profile)] in the credentials file"
      case .exec(let command):
        return "run \(command.first ?? "the command") with this role's credentials"
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

  /// Does it and returns what is left: text for stdout, or a command to become.
  func perform(
    _ choice: PickerChoice, context: SessionContext, config: SharedConfig, services: Services,
    authenticator: SessionAuthenticator
  ) async throws -> Result {
    switch mode {
    case .writeProfile:
      return .print(try await writeProfile(choice, context: context, config: config) + "\n")
    case .exportProfile(let shell):
      let name = try await writeProfile(choice, context: context, config: config)
      return .print(
        try ShellExport.profile(name, account: choice.account, roleName: choice.roleName)
          .render(for: shell))
    case .export(let shell):
      let credentials = try await Self.credentials(
        for: choice, context: context, services: services, authenticator: authenticator)
      return .print(
        try ShellExport.credentials(
          credentials, account: choice.account, roleName: choice.roleName, region: region
        ).render(for: shell))
    case .writeCredentials(let profile):
      let credentials = try await Self.credentials(
        for: choice, context: context, services: services, authenticator: authenticator)
      let result = try await CredentialsFileWriter(credentialsFile: config.credentialsFile)
        .write(credentials, profile: profile, roleName: choice.roleName, overwrite: force)
      if result.tightenedMode {
        StandardError.write("Made \(config.credentialsFile) private (mode 0600).")
      }
      StandardError.write(
        "Wrote credentials for \(choice.account.accountName) (\(choice.account.accountID)) / "
          + "\(choice.roleName) to [\(profile)] in \(config.credentialsFile); they expire at "
          + "\(AWSTimestamp.format(credentials.expiration)).")
      return .print(profile + "\n")
    case .exec(let command):
      let credentials = try await Self.credentials(
        for: choice, context: context, services: services, authenticator: authenticator)
      let export = ShellExport.credentials(
        credentials, account: choice.account, roleName: choice.roleName, region: region)
      let environment = CommandLauncher.environment(
        base: ProcessInfo.processInfo.environment, applying: export)
      switch CommandLauncher.resolve(command[0], searchPath: environment["PATH"]) {
      case .success(let path):
        return .exec(path: path, arguments: command, environment: environment)
      case .failure(let failure):
        StandardError.write(failure.description)
        throw ExitCode(failure.exitStatus)
      }
    }
  }

  /// The role's credentials, as `export`, `exec` and `console` get them: from the AWS CLI's
  /// cache while they last at least 45 more minutes, else from the portal (and cached).
  static func credentials(
    for choice: PickerChoice, context: SessionContext, services: Services,
    authenticator: SessionAuthenticator
  ) async throws -> RoleCredentials {
    let portal = PortalClient(endpoint: context.portalEndpoint.url, transport: services.transport)
    let key = RoleCredentialCache.Key(
      accountID: choice.account.accountID, roleName: choice.roleName, session: context.session)
    return try await RoleCredentialCache(directories: services.directories)
      .credentials(for: key, minimumLifetime: RoleTarget.interactiveReuse) {
        try await portal.getRoleCredentials(
          accessToken: try await authenticator.accessToken(),
          accountID: choice.account.accountID, roleName: choice.roleName)
      }
  }

  /// Opens the AWS console for `choice` in the browser (Ctrl-O).
  func openConsole(
    _ choice: PickerChoice, context: SessionContext, services: Services,
    authenticator: SessionAuthenticator
  ) async throws {
    let launcher = BrowserLauncher(environment: services.environment)
    if let reason = launcher.headlessReason { throw OutputError.noBrowser(reason: reason) }
    let signIn = try ConsoleSignIn(
      ssoRegion: context.session.region, region: region, environment: services.environment,
      transport: services.transport)
    let credentials = try await Self.credentials(
      for: choice, context: context, services: services, authenticator: authenticator)
    let url = try await signIn.signInURL(
      credentials, destination: try signIn.destination(nil), sessionDuration: nil)
    guard launcher.open(url) else { throw OutputError.noBrowser(reason: nil) }
    StandardError.write(
      "Opened the AWS console for \(choice.account.accountName) (\(choice.account.accountID)) "
        + "as \(choice.roleName) in your browser.")
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
