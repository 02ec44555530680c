public import SessionEngine

/// `ssopick serve`: the credentials endpoint alone, for programs ssopick does not start (a
/// container run with `--network host`, an IDE, a second terminal). It signs in first if
/// needed (as `export` does), fetches the role's credentials once — so a wrong role fails
/// now, with exit 2, not in the SDK later — starts the endpoint (``CredentialsEndpoint``) on
/// 127.0.0.1 and `port` (0: a free one), prints the variables to set on stdout (the token is
/// a secret: it appears nowhere else), and serves until a signal asks it to stop; the exit
/// status is then 128 + N (130 for SIGINT).
public struct ServeUseCase: Sendable {
  /// The options.
  public struct Request: Sendable, Equatable {
    /// Which role.
    public var role: RoleRequest
    /// Roles to assume from it first (`--assume`).
    public var chain: RoleChain
    /// The port (0: a free one).
    public var port: UInt16
    /// The syntax of the printed lines (`nil`: from `$SHELL`).
    public var shell: Shell?
    /// `--verbose`.
    public var verbose: Bool

    /// Creates a request.
    public init(
      role: RoleRequest, chain: RoleChain = .none, port: UInt16 = 0, shell: Shell? = nil,
      verbose: Bool = false
    ) {
      self.role = role
      self.chain = chain
      self.port = port
      self.shell = shell
      self.verbose = verbose
    }
  }

  /// The options.
  public var request: Request
  /// Starts catching the signals that stop the server (live: ``TerminationSignal``). It is
  /// called once the sign-in and the first fetch are done (until then Ctrl-C ends ssopick as
  /// usual), right before the endpoint starts.
  public var catchStop: @Sendable () -> any StopSignal

  private static let command = "ssopick serve"

  /// Creates the use case.
  public init(_ request: Request, catchStop: @escaping @Sendable () -> any StopSignal) {
    self.request = request
    self.catchStop = catchStop
  }

  /// Serves until stopped; errors before that (no sign-in, no such role, a busy port) throw.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    try request.chain.checkRenewable()
    let shell = try request.shell ?? Shell.detect(environment: context.environment)
    let workspace = try Workspace(context)
    let resolved = try request.role.resolve(in: workspace, command: Self.command)
    let service = RoleCredentialsService(
      workspace: workspace, session: resolved.session, login: .whenPersonPresent)
    let account: AccountInfo
    let first: RoleCredentials
    do {
      account = try await service.account(resolved.accountQuery)
      first = try await EndpointFeed.fetching(
        service, accountID: account.accountID, roleName: resolved.roleName,
        chain: request.chain, region: resolved.region)()
      await workspace.report(service.authenticator, verbose: request.verbose)
    } catch {
      await workspace.report(service.authenticator, verbose: request.verbose)
      throw error
    }
    let feed = EndpointFeed.renewing(
      workspace: workspace, session: resolved.session, accountID: account.accountID,
      roleName: resolved.roleName, chain: request.chain, region: resolved.region,
      command: Self.command)
    let stop = catchStop()
    let endpoint = try CredentialsEndpoint(port: request.port) { await feed.answer() }
    let export = ShellExport.endpoint(url: endpoint.url, token: endpoint.token)
    let lines: String
    do {
      lines = try export.render(for: shell)
    } catch {
      await endpoint.stop()
      throw error
    }
    let role =
      request.chain.steps.last.map { "\(untrusted: $0.roleARN)" }
      ?? "\(RoleActions.label(account)) / \(untrusted: resolved.roleName)"
    context.console.say(
      "Serving credentials for \(role) on \(endpoint.url) until interrupted (Ctrl-C); the "
        + "ones now last until \(AWSTimestamp.format(first.expiration)) and are renewed before "
        + "they expire. Set the variables printed on stdout where the SDK runs (a container: "
        + "docker run --network host -e AWS_CONTAINER_CREDENTIALS_FULL_URI "
        + "-e AWS_CONTAINER_AUTHORIZATION_TOKEN …).")
    context.console.print(lines)
    let signal = await stop.wait()
    await endpoint.stop()
    context.console.say("Stopped serving credentials.")
    return .signal(signal)
  }
}
