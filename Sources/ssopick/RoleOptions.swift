import ArgumentParser
import Foundation
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `--account`, `--role`, `--region`: which role a command gets credentials for. Without
/// `--account`/`--role`, the profile chosen by `--profile` (or `AWS_PROFILE`) supplies them
/// from its `sso_account_id` and `sso_role_name`.
struct RoleOptions: ParsableArguments {
  @Option(name: .long, help: "The account: its 12-digit id, or its name.")
  var account: String?

  @Option(name: .long, help: "The role (permission set) name.")
  var role: String?

  @Option(name: .long, help: "The AWS region to use (else the profile's region, if any).")
  var region: String?

  func validate() throws {
    if (account == nil) != (role == nil) {
      throw ValidationError("Give --account and --role together.")
    }
  }
}

/// One role made ready for a command: its session, account, role, region and the portal
/// calls that go with it.
struct RoleTarget {
  let services: Services
  let context: SessionContext
  let accountQuery: String
  let roleName: String
  let region: String?
  let directory: PortalDirectory
  let cache: RoleCredentialCache

  /// Export, exec and console reuse cached credentials only while they last this long
  /// (so a command started now has at least 45 minutes), else fetch new ones.
  static let interactiveReuse: TimeInterval = 45 * 60

  /// When a command may start a sign-in.
  enum LoginPolicy {
    /// Never: fail with "run `ssopick login`".
    case never
    /// When a person is at a terminal to see the prompt (stdin or stderr is a terminal).
    case whenAtTerminal
    /// Whenever needed (`credential-process --allow-login`).
    case always
  }

  /// Resolves the role for `command` from the options.
  init(
    services: Services, sessionOptions: SessionOptions, roleOptions: RoleOptions,
    command: String, login policy: LoginPolicy
  ) throws {
    self.services = services
    context = try services.context(sessionOptions)
    if let account = roleOptions.account, let role = roleOptions.role {
      accountQuery = account
      roleName = role
    } else if let profile = context.profile, !profile.isTokenOnly {
      let pair = try profile.accountAndRole()
      accountQuery = pair.accountID
      roleName = pair.roleName
    } else {
      throw OutputError.accountAndRoleRequired(command: command)
    }
    region = roleOptions.region ?? context.profile?.region
    let allowed =
      switch policy {
      case .never: false
      case .whenAtTerminal: Self.personIsPresent
      case .always: true
      }
    let login = allowed ? services.interactiveLogin() : nil
    let authenticator = services.authenticator(for: context, login: login)
    directory = PortalDirectory(
      portal: PortalClient(endpoint: context.portalEndpoint.url, transport: services.transport),
      tokens: authenticator, sessionName: context.displayName)
    cache = RoleCredentialCache(directories: services.directories)
  }

  /// Whether someone can answer a sign-in prompt (stdin or stderr is a terminal).
  static var personIsPresent: Bool { isatty(STDIN_FILENO) == 1 || isatty(STDERR_FILENO) == 1 }

  /// The account (with its name when it can be found) and credentials at once.
  func accountAndCredentials() async throws -> (AccountInfo, RoleCredentials) {
    async let account = directory.account(accountQuery)
    if PortalDirectory.isAccountID(accountQuery) {
      let credentials = try await credentials(accountID: accountQuery)
      return (try await account, credentials)
    }
    let resolved = try await account
    return (resolved, try await credentials(accountID: resolved.accountID))
  }

  /// Credentials valid for at least 45 more minutes: from the shared cache, else fetched
  /// (and cached for `credential-process` and the AWS CLI).
  func credentials(accountID: String) async throws -> RoleCredentials {
    let key = RoleCredentialCache.Key(
      accountID: accountID, roleName: roleName, session: context.session)
    return try await cache.credentials(for: key, minimumLifetime: Self.interactiveReuse) {
      try await directory.roleCredentials(accountID: accountID, roleName: roleName)
    }
  }
}
