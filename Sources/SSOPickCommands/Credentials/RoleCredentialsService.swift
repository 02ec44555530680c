public import Foundation
public import SessionEngine

/// `--account`, `--role`, `--region` and the session a command gets credentials for.
/// Without `account`/`role`, the selected profile (`--profile`, else `AWS_PROFILE`) supplies
/// them from its `sso_account_id` and `sso_role_name`.
public struct RoleRequest: Sendable, Equatable {
  /// `--session` / `--profile`.
  public var selection: SessionSelection
  /// The account: its 12-digit id, or its name.
  public var account: String?
  /// The role (permission set) name.
  public var role: String?
  /// The region for exports, profiles and the console.
  public var region: String?

  /// Creates a request.
  public init(
    selection: SessionSelection = SessionSelection(), account: String? = nil,
    role: String? = nil, region: String? = nil
  ) {
    self.selection = selection
    self.account = account
    self.role = role
    self.region = region
  }
}

/// A ``RoleRequest`` made definite: the session, the account (id or name, not yet looked up),
/// the role and the region.
public struct ResolvedRole: Sendable, Equatable {
  /// The session and its endpoints.
  public var session: SessionContext
  /// The account as given: an id or a name.
  public var accountQuery: String
  /// The role name.
  public var roleName: String
  /// `--region`, else the profile's.
  public var region: String?

  /// Creates a value.
  public init(session: SessionContext, accountQuery: String, roleName: String, region: String?) {
    self.session = session
    self.accountQuery = accountQuery
    self.roleName = roleName
    self.region = region
  }
}

extension RoleRequest {
  /// The role this request names in `workspace`, or an error naming what is missing
  /// (`command` says who asks, e.g. `ssopick export`).
  public func resolve(in workspace: Workspace, command: String) throws -> ResolvedRole {
    let session = try workspace.session(selection)
    let accountQuery: String
    let roleName: String
    if let account, let role {
      accountQuery = account
      roleName = role
    } else if let profile = session.profile, !profile.isTokenOnly {
      let pair = try profile.accountAndRole()
      accountQuery = pair.accountID
      roleName = pair.roleName
    } else {
      throw OutputError.accountAndRoleRequired(command: command)
    }
    return ResolvedRole(
      session: session, accountQuery: accountQuery, roleName: roleName,
      region: region ?? session.profile?.region)
  }
}

/// The one way to get credentials for a role — the picker's Enter, `export`, `exec`,
/// `console`, `--write-credentials` and `credential-process` all call it:
///
/// 1. the AWS CLI's role-credential cache (`~/.aws/cli/cache`, shared), while the cached
///    credentials last at least `minimumLifetime` more;
/// 2. otherwise GetRoleCredentials, under the cache's lock (20 processes at once make one
///    call), through ``PortalDirectory``: the token renewed once on 401, throttling and
///    server errors retried by the one ``RetryPolicy`` within its deadline, and "you have no
///    role R in account A" (with the roles you do have) when the role is not assigned;
/// 3. the result cached for the next caller (and the AWS CLI).
public struct RoleCredentialsService: Sendable {
  /// Commands that hand credentials to a person or a command reuse cached ones only while
  /// they last this long (45 minutes), so what is started now has time to run.
  public static let interactiveReuse: TimeInterval = 45 * 60

  /// The run's files and connections.
  public let workspace: Workspace
  /// The session.
  public let session: SessionContext
  /// Its sign-in.
  public let authenticator: SessionAuthenticator
  /// The portal lookups (cached catalog first).
  public let directory: PortalDirectory

  /// The service for `session`, signing in only as `login` allows.
  public init(workspace: Workspace, session: SessionContext, login: LoginPermission) {
    self.init(
      workspace: workspace, session: session,
      authenticator: workspace.authenticator(for: session, login: login))
  }

  /// The service for `session` with a given authenticator (the picker shares its own).
  public init(workspace: Workspace, session: SessionContext, authenticator: SessionAuthenticator) {
    self.workspace = workspace
    self.session = session
    self.authenticator = authenticator
    directory = workspace.directory(for: session, tokens: authenticator)
  }

  /// The account `query` names (an id or a name), with its name when it can be found.
  public func account(_ query: String, needName: Bool = true) async throws -> AccountInfo {
    try await directory.account(query, needName: needName)
  }

  /// Credentials for the role, valid for at least `minimumLifetime` more (see the type).
  public func credentials(
    accountID: String, roleName: String, minimumLifetime: TimeInterval = interactiveReuse
  ) async throws -> RoleCredentials {
    let key = RoleCredentialCache.Key(
      accountID: accountID, roleName: roleName, session: session.session)
    let directory = directory
    return try await workspace.roleCredentialCache.credentials(
      for: key, minimumLifetime: minimumLifetime
    ) {
      try await directory.roleCredentials(accountID: accountID, roleName: roleName)
    }
  }

  /// The account (named when possible) and the role's credentials, fetched at once when the
  /// account is given by id.
  public func accountAndCredentials(
    _ role: ResolvedRole, minimumLifetime: TimeInterval = interactiveReuse, needName: Bool = true
  ) async throws -> (account: AccountInfo, credentials: RoleCredentials) {
    if PortalDirectory.isAccountID(role.accountQuery) {
      async let account = self.account(role.accountQuery, needName: needName)
      let credentials = try await credentials(
        accountID: role.accountQuery, roleName: role.roleName, minimumLifetime: minimumLifetime)
      return (try await account, credentials)
    }
    let account = try await account(role.accountQuery)
    let credentials = try await credentials(
      accountID: account.accountID, roleName: role.roleName, minimumLifetime: minimumLifetime)
    return (account, credentials)
  }
}
