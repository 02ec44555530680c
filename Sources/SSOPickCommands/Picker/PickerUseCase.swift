import Foundation
import PickerCore
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ssopick` / `ssopick pick`: the full-screen picker, wired to the world.
///
/// Data flow: options → ``Workspace`` (config, session) → sign-in (before the screen opens)
/// → `CatalogSource` (the cache, then the loader) → `PickerProgram` on the injected terminal
/// → `PickerOutcome` → the same ``RoleActions`` the commands use → stdout. A choice counts as
/// recent only when its action succeeded.
public struct PickerUseCase: Sendable {
  /// The options.
  public struct Request: Sendable, Equatable {
    /// Which session.
    public var selection: SessionSelection
    /// What Enter does.
    public var action: RoleAction
    /// Roles to assume from the chosen one before the action (`--assume`).
    public var chain: RoleChain
    /// `--force`: let `--export` print secrets to a terminal.
    public var force: Bool
    /// The command line to suggest in the `--export` refusal.
    public var commandLine: String
    /// `--query`.
    public var query: String
    /// `--select-1`.
    public var selectOne: Bool
    /// `--region` for exports and the console.
    public var region: String?
    /// How far to trust the cached catalog (`--refresh`, `--max-age`).
    public var freshness: CatalogFreshnessRequest
    /// Ask the terminal for mouse events.
    public var mouse: Bool
    /// `--verbose`.
    public var verbose: Bool

    /// Creates a request.
    public init(
      selection: SessionSelection = SessionSelection(), action: RoleAction,
      chain: RoleChain = .none, force: Bool = false,
      commandLine: String = "ssopick", query: String = "", selectOne: Bool = false,
      region: String? = nil, freshness: CatalogFreshnessRequest = CatalogFreshnessRequest(),
      mouse: Bool = true, verbose: Bool = false
    ) {
      self.selection = selection
      self.action = action
      self.chain = chain
      self.force = force
      self.commandLine = commandLine
      self.query = query
      self.selectOne = selectOne
      self.region = region
      self.freshness = freshness
      self.mouse = mouse
      self.verbose = verbose
    }
  }

  /// The options.
  public var request: Request

  /// Creates the use case.
  public init(_ request: Request) {
    self.request = request
  }

  /// Runs the picker and the chosen action. Exit status: the action's (0), 1 nothing
  /// chosen, 130 cancelled, 128+N for signal N.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    // Fail before signing in or listing anything when the picker cannot be shown.
    try context.pickerTerminal.checkAvailable()
    try RoleActions.check(
      request.action, context: context, force: request.force, command: request.commandLine)
    let freshness = try request.freshness.freshness(environment: context.environment)
    let workspace = try Workspace(context)
    let session = try workspace.session(request.selection)

    // Sign in before the screen opens; inside the picker the loader only refreshes (a
    // prompt would be drawn over), and a lost login shows on the title line.
    let quiet = workspace.authenticator(for: session, login: .never)
    try await signInIfNeeded(workspace: workspace, session: session, quiet: quiet)

    let actions = RoleActions(
      credentials: RoleCredentialsService(
        workspace: workspace, session: session, authenticator: quiet))
    let action = request.action
    let chain = request.chain
    let recents = RecentChoices(directories: workspace.directories, session: session.session)
    let configuration = PickerConfiguration(
      sessionName: session.displayName, initialQuery: request.query,
      selectOne: request.selectOne,
      describeChoice: { choice in
        let text = actions.describe(
          choice.intent == .console ? .console(ConsoleRequest()) : action,
          account: choice.account, roleName: choice.roleName)
        guard let last = chain.steps.last else { return text }
        return "assume \(last.roleName) in \(last.accountID), then " + text
      })
    let model = PickerModel(
      configuration: configuration, size: TerminalSize(rows: 24, columns: 80),
      now: context.time.now, recents: RecentRanks(recents.load()))
    let source = CatalogSource(
      cache: workspace.catalogCache(for: session), sessionName: session.displayName,
      time: context.time, makeLoader: { workspace.loader(for: session, tokens: quiet) },
      onSaveError: { _ in })
    let feed = PickerCatalogFeed(source: source, freshness: freshness)

    let terminal = try context.pickerTerminal.open(
      PickerTerminalOptions(
        mouse: request.mouse, colors: context.environment.nonEmpty("NO_COLOR") == nil))
    let program = PickerProgram(
      model: model, terminal: terminal, feed: feed,
      loginStatus: { await Self.loginStatus(quiet) },
      onDraw: FirstFrameProbe(environment: context.environment)?.onDraw)
    let outcome = await program.runOnOwnThread()
    terminal.close()

    guard case .chosen(let choice) = outcome else {
      return ExitStatus(rawValue: outcome.exitStatus)
    }
    // The sign-in may have ended while the picker was open: now a prompt can be shown.
    let interactive = workspace.authenticator(for: session, login: .whenPersonPresent)
    let chosen = RoleActions(
      credentials: RoleCredentialsService(
        workspace: workspace, session: session, authenticator: interactive))
    let status: ExitStatus
    do {
      // Counted as recent before an `exec` replaces the process, and only once the
      // credentials for it are in hand (the action fetches them first).
      status = try await chosen.perform(
        choice.intent == .console ? .console(ConsoleRequest()) : action,
        account: choice.account, roleName: choice.roleName, region: request.region,
        chain: chain,
        onReady: { remember(choice, in: recents, console: context.console, time: context.time) })
    } catch {
      await workspace.report(interactive, verbose: request.verbose)
      throw error
    }
    await workspace.report(interactive, verbose: request.verbose)
    return status
  }

  private func remember(
    _ choice: PickerChoice, in recents: RecentChoices, console: Console, time: any TimeSource
  ) {
    do {
      try recents.record(choice, at: time.now)
    } catch {
      console.say("Warning: the choice was not remembered: \(error)")
    }
  }

  /// Signs in (prompting on the terminal) when the cached login cannot be used or renewed.
  private func signInIfNeeded(
    workspace: Workspace, session: SessionContext, quiet: SessionAuthenticator
  ) async throws {
    switch try await quiet.status().state {
    case .signedIn, .expiredRefreshable:
      return
    case .expired, .notSignedIn, .unreadable:
      let login = workspace.authenticator(for: session, interactive: workspace.interactiveLogin())
      _ = try await login.accessToken()
      await workspace.report(login, verbose: request.verbose)
    }
  }

  /// The login's expiry for the title line.
  private static func loginStatus(_ authenticator: SessionAuthenticator) async
    -> PickerProgram.LoginStatus
  {
    guard let status = try? await authenticator.status() else {
      return PickerProgram.LoginStatus(expiresAt: nil, renewable: false)
    }
    return PickerProgram.LoginStatus(
      expiresAt: status.accessTokenExpiresAt, renewable: status.refreshableUntil != nil)
  }
}

/// The catalog for the picker: the session's `CatalogSource` (the cache at once, then the
/// portal when the cache is stale; only the portal for Ctrl-R).
struct PickerCatalogFeed: CatalogFeed {
  let source: CatalogSource
  let freshness: CatalogSource.Freshness

  func open(refresh: Bool) -> CatalogListing {
    source.open(refresh ? .refresh : freshness)
  }
}

/// `SSOPICK_FIRST_FRAME_PROBE=FILE`: when the first frame showing rows has been drawn, one
/// line is written to FILE: the wall-clock time (nanoseconds since 1970, `CLOCK_REALTIME`)
/// and the CPU time the process has used so far (nanoseconds, `CLOCK_PROCESS_CPUTIME_ID`),
/// separated by a space. The start-up benchmark (`scripts/bench/picker.sh`) compares the
/// first with the time just before the process was started; the second leaves out the time
/// spent waiting for a core (BENCHMARKS.md). Two clock reads and one small write, once.
final class FirstFrameProbe: @unchecked Sendable {
  private let path: String
  private var done = false

  init?(environment: Environment) {
    guard let path = environment.nonEmpty("SSOPICK_FIRST_FRAME_PROBE") else { return nil }
    self.path = path
  }

  func onDraw(_ model: PickerModel, _ frame: Frame) {
    guard !done, model.rowCount > 0 else { return }
    done = true
    let line = "\(Self.nanoseconds(CLOCK_REALTIME)) \(Self.nanoseconds(CLOCK_PROCESS_CPUTIME_ID))\n"
    try? line.write(toFile: path, atomically: false, encoding: .utf8)
  }

  private static func nanoseconds(_ clock: clockid_t) -> Int64 {
    var now = timespec()
    clock_gettime(clock, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
  }
}
