import SessionEngine

/// `ssopick export`, `exec` and `console`: one role, named by options or a profile, made
/// into one ``RoleAction`` — the same action the picker's Enter performs.
public struct RoleUseCase: Sendable {
  /// Which role.
  public var role: RoleRequest
  /// What to make of it.
  public var action: RoleAction
  /// Roles to assume from it first (`--assume`).
  public var chain: RoleChain
  /// `--force`: print secrets even when stdout is a terminal.
  public var force: Bool
  /// The command line to suggest in messages (`eval "$(…)"`).
  public var commandLine: String
  /// The command's name for messages, e.g. `ssopick export`.
  public var commandName: String
  /// `--verbose`.
  public var verbose: Bool

  /// Creates the use case.
  public init(
    role: RoleRequest, action: RoleAction, chain: RoleChain = .none, force: Bool = false,
    commandLine: String, commandName: String, verbose: Bool = false
  ) {
    self.role = role
    self.action = action
    self.chain = chain
    self.force = force
    self.commandLine = commandLine
    self.commandName = commandName
    self.verbose = verbose
  }

  /// Resolves the role, gets what the action needs, performs it. Exit status: the action's
  /// (0, or for `exec` 126/127 when the command cannot start).
  public func run(in context: CommandContext) async throws -> ExitStatus {
    try RoleActions.check(
      action, chain: chain, context: context, force: force, command: commandLine)
    let workspace = try Workspace(context)
    let resolved = try role.resolve(in: workspace, command: commandName)
    let service = RoleCredentialsService(
      workspace: workspace, session: resolved.session, login: .whenPersonPresent)
    let actions = RoleActions(credentials: service)
    do {
      let status: ExitStatus
      if try action.needsNoCredentials(environment: context.environment) {
        // No credentials needed (a profile, the portal's console shortcut), but the role
        // must exist before anything names it.
        let account = try await service.account(resolved.accountQuery)
        let roles = try await service.directory.roles(of: account.accountID)
        guard roles.contains(resolved.roleName) else {
          throw OutputError.roleNotFound(
            role: resolved.roleName, accountID: account.accountID, available: roles)
        }
        status = try await actions.perform(
          action, account: account, roleName: resolved.roleName, region: resolved.region,
          chain: chain)
      } else if !chain.isEmpty {
        // The base role's credentials are fetched only if the chain's are not cached.
        let account = try await service.account(resolved.accountQuery, needName: false)
        status = try await actions.perform(
          action, account: account, roleName: resolved.roleName, region: resolved.region,
          chain: chain)
      } else {
        let (account, credentials) = try await service.accountAndCredentials(resolved)
        status = try await actions.perform(
          action, account: account, roleName: resolved.roleName, region: resolved.region,
          credentials: credentials)
      }
      await workspace.report(service.authenticator, verbose: verbose)
      return status
    } catch {
      await workspace.report(service.authenticator, verbose: verbose)
      throw error
    }
  }
}
