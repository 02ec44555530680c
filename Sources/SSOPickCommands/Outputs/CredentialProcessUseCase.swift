import SessionEngine

/// `ssopick credential-process`: the Version 1 JSON of spec §10 for `credential_process`.
/// Credentials come from ``RoleCredentialsService`` with the AWS CLI's 15-minute reuse rule;
/// it never signs in interactively unless allowed (the SDK runs it with nobody watching).
public struct CredentialProcessUseCase: Sendable {
  /// Which role.
  public var role: RoleRequest
  /// `--allow-login`: sign in (browser or device code) when needed.
  public var allowLogin: Bool
  /// Roles to assume from it (`--assume`).
  public var chain: RoleChain

  /// Creates the use case.
  public init(role: RoleRequest, allowLogin: Bool = false, chain: RoleChain = .none) {
    self.role = role
    self.allowLogin = allowLogin
    self.chain = chain
  }

  /// Prints the JSON. The cached credential is read first without the config.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    if let session = role.selection.session, let account = role.account, let name = role.role,
      PortalDirectory.isAccountID(account)
    {
      let key = chain.steps.reduce(
        RoleCredentialCache.Key(
          accountID: account, roleName: name, sessionName: session, startURL: "")
      ) { $0.assuming(RoleChainer.link($1)) }
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
    let base = {
      try await service.credentials(
        accountID: accountID, roleName: resolved.roleName,
        minimumLifetime: RoleCredentialCache.reuseWindow)
    }
    let credentials: RoleCredentials
    if chain.isEmpty {
      credentials = try await base()
    } else {
      credentials = try await RoleChainer(
        workspace: workspace, session: resolved.session, region: resolved.region
      ).assume(
        chain,
        baseKey: RoleCredentialCache.Key(
          accountID: accountID, roleName: resolved.roleName, session: resolved.session.session),
        base: base
      ).credentials
    }
    context.console.print(CredentialProcessOutput.render(credentials))
    return .success
  }
}
