import SessionEngine

/// `ssopick credential-process`: the Version 1 JSON of spec §10 for `credential_process`.
/// Credentials come from ``RoleCredentialsService`` with the AWS CLI's 15-minute reuse rule;
/// it never signs in interactively unless allowed (the SDK runs it with nobody watching).
public struct CredentialProcessUseCase: Sendable {
  /// Which role.
  public var role: RoleRequest
  /// `--allow-login`: sign in (browser or device code) when needed.
  public var allowLogin: Bool

  /// Creates the use case.
  public init(role: RoleRequest, allowLogin: Bool = false) {
    self.role = role
    self.allowLogin = allowLogin
  }

  /// Prints the JSON. The cached credential is read first without the config.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    if let session = role.selection.session, let account = role.account, let name = role.role,
      PortalDirectory.isAccountID(account)
    {
      let key = RoleCredentialCache.Key(
        accountID: account, roleName: name, sessionName: session, startURL: "")
      let cache = RoleCredentialCache(
        directories: try CacheDirectories(environment: context.environment), time: context.time)
      if let hit = cache.cached(key) {
        context.console.print(CredentialProcessOutput.render(hit))
        return .success
      }
    }
    let workspace = try Workspace(context)
    let resolved = try role.resolve(in: workspace, command: "ssopick credential-process")
    let service = RoleCredentialsService(
      workspace: workspace, session: resolved.session, login: allowLogin ? .always : .never)
    let accountID =
      PortalDirectory.isAccountID(resolved.accountQuery)
      ? resolved.accountQuery : try await service.account(resolved.accountQuery).accountID
    let credentials = try await service.credentials(
      accountID: accountID, roleName: resolved.roleName,
      minimumLifetime: RoleCredentialCache.reuseWindow)
    context.console.print(CredentialProcessOutput.render(credentials))
    return .success
  }
}
