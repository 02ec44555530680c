import SessionEngine

/// `exec --refresh` (and the picker's `--exec --refresh-credentials`): runs the command as a
/// child of ssopick, which stays alive to serve the role's credentials on a credentials
/// endpoint (``CredentialsEndpoint``, 127.0.0.1, a free port, a new token) for as long as the
/// command runs. The command gets `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` instead of keys, and none of the variables that would
/// win over them in the SDKs' credential chain (``ShellExport/endpointRivals``); the SDKs
/// fetch the credentials there and fetch them again before they expire.
///
/// Signals other processes send to ssopick are passed on to the command (the terminal's
/// reach it directly); ssopick exits with the command's status, or 128 + N when signal N
/// ended it, once the command has ended and the endpoint has stopped.
struct RefreshingExec: Sendable {
  /// The run's files and connections.
  var workspace: Workspace
  /// Where the endpoint's credentials come from.
  var feed: EndpointFeed

  /// Runs `command` and returns its exit status (127/126 when it cannot be started).
  /// `onReady` is called right before it starts.
  func run(
    _ command: [String], inherited: [Int32: CommandLauncher.FileIdentity],
    account: AccountInfo, roleName: String, region: String?, session: String?,
    onReady: () -> Void
  ) async throws -> ExitStatus {
    guard let name = command.first else { return .error }
    let feed = feed
    let endpoint = try CredentialsEndpoint { await feed.answer() }
    let export = ShellExport.endpoint(url: endpoint.url, token: endpoint.token)
      .addingRole(account: account, roleName: roleName, region: region, session: session)
    let context = workspace.context
    let environment = CommandLauncher.environment(
      base: context.environment.variables, applying: export)
    let ending: CommandLauncher.Ending
    switch CommandLauncher.resolve(name, searchPath: environment["PATH"]) {
    case .success(let path):
      onReady()
      ending = await context.launcher.run(
        path: path, arguments: command, environment: environment, inherited: inherited)
    case .failure(let notFound):
      ending = .failed(notFound)
    }
    await endpoint.stop()
    if case .failed(let failure) = ending { workspace.console.say(failure.description) }
    return ExitStatus(rawValue: ending.exitStatus)
  }
}
