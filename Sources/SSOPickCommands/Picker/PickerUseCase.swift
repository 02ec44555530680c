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
  ///
  /// With several sso-sessions configured and none chosen (`--session`, `--profile`,
  /// `AWS_PROFILE`), the picker shows every session's rows, each marked with its session;
  /// only the sign-in of a session that is used (Enter, Ctrl-L) ever prompts.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    // Fail before signing in or listing anything when the picker cannot be shown.
    try context.pickerTerminal.checkAvailable()
    try RoleActions.check(
      request.action, chain: request.chain, context: context, force: request.force,
      command: request.commandLine)
    let freshness = try request.freshness.freshness(environment: context.environment)
    // Ctrl-O: a federation sign-in URL or the portal's shortcut, as SSOPICK_CONSOLE says
    // (checked before anything is drawn).
    let console = ConsoleRequest()
    _ = try console.usesPortal(environment: context.environment)
    let workspace = try Workspace(context)
    let sessions = try workspace.sessions(request.selection)
    let multi = sessions.count > 1
    // Every session's loader may have its 32 requests in flight at once.
    _ = workspace.transport(
      maxConnections: RateController.Settings().maxInFlight * max(1, sessions.count))

    // Quiet authenticators: inside the picker the loaders only refresh (a prompt would be
    // drawn over); a lost login shows on the title line.
    let quiet = sessions.map { workspace.authenticator(for: $0, login: .never) }
    var signedIn: [Bool]
    if multi {
      signedIn = await Self.signedIn(quiet)
    } else {
      // One session: sign in before the screen opens.
      try await signInIfNeeded(workspace: workspace, session: sessions[0], quiet: quiet[0])
      signedIn = [true]
    }

    let actions = sessions.indices.map { index in
      RoleActions(
        credentials: RoleCredentialsService(
          workspace: workspace, session: sessions[index], authenticator: quiet[index]))
    }
    let action = request.action
    let chain = request.chain
    let recents = sessions.map {
      RecentChoices(directories: workspace.directories, session: $0.session)
    }
    let configuration = PickerConfiguration(
      sessionName: sessions[0].displayName,
      sessions: multi
        ? sessions.indices.map { .init(name: sessions[$0].displayName, signedIn: signedIn[$0]) }
        : [],
      initialQuery: request.query, selectOne: request.selectOne,
      describeChoice: { choice in
        let actions = actions.indices.contains(choice.source) ? actions[choice.source] : actions[0]
        let text = actions.describe(
          choice.intent == .console ? .console(console) : action,
          account: choice.account, roleName: choice.roleName)
        guard let last = chain.steps.last else { return text }
        return "assume \(last.roleName) in \(last.accountID), then " + text
      })
    var model = PickerModel(
      configuration: configuration, size: TerminalSize(rows: 24, columns: 80),
      now: context.time.now,
      recents: RecentRanks(bySession: recents.enumerated().map { ($0.offset, $0.element.load()) }))
    let feeds: [any CatalogFeed] = sessions.indices.map { index in
      let session = sessions[index]
      let tokens = quiet[index]
      return PickerCatalogFeed(
        source: CatalogSource(
          cache: workspace.catalogCache(for: session), sessionName: session.displayName,
          time: context.time, makeLoader: { workspace.loader(for: session, tokens: tokens) },
          onSaveError: { _ in }),
        freshness: freshness)
    }

    var outcome: PickerOutcome
    let probe = FirstFrameProbe(environment: context.environment)
    while true {
      let run = try await context.runPicker(
        model, feeds: feeds, mouse: request.mouse,
        loginStatus: { source in await Self.loginStatus(quiet[source]) },
        onDraw: probe?.onDraw)
      outcome = run.outcome
      guard case .signIn(let source) = outcome else { break }
      // Ctrl-L: the screen is closed, so the sign-in can prompt; then the picker again.
      model = run.model
      let login = workspace.authenticator(
        for: sessions[source], interactive: workspace.interactiveLogin())
      do {
        _ = try await login.accessToken()
        await workspace.report(login, verbose: request.verbose)
        Picker.resume(&model, signedIn: source)
      } catch {
        await workspace.report(login, verbose: request.verbose)
        Picker.resume(
          &model, signedIn: nil,
          notice: "Not signed in to \(sessions[source].displayName): \(error)")
      }
    }

    guard case .chosen(let choice) = outcome else {
      return ExitStatus(rawValue: outcome.exitStatus)
    }
    let session = sessions.indices.contains(choice.source) ? choice.source : 0
    // The sign-in may have ended while the picker was open: now a prompt can be shown.
    let interactive = workspace.authenticator(for: sessions[session], login: .whenPersonPresent)
    let chosen = RoleActions(
      credentials: RoleCredentialsService(
        workspace: workspace, session: sessions[session], authenticator: interactive))
    let status: ExitStatus
    do {
      // Counted as recent before an `exec` replaces the process, and only once the
      // credentials for it are in hand (the action fetches them first).
      status = try await chosen.perform(
        choice.intent == .console ? .console(console) : action,
        account: choice.account, roleName: choice.roleName, region: request.region,
        chain: chain,
        onReady: {
          remember(choice, in: recents[session], console: context.console, time: context.time)
        })
    } catch {
      await workspace.report(interactive, verbose: request.verbose)
      throw error
    }
    await workspace.report(interactive, verbose: request.verbose)
    return status
  }

  /// Whether each session's sign-in can be used without the user (signed in, or renewable
  /// with its refresh token), asked of every session at once.
  private static func signedIn(_ authenticators: [SessionAuthenticator]) async -> [Bool] {
    await withTaskGroup(of: (Int, Bool).self) { group in
      for (index, authenticator) in authenticators.enumerated() {
        group.addTask {
          switch try? await authenticator.status().state {
          case .signedIn, .expiredRefreshable: (index, true)
          default: (index, false)
          }
        }
      }
      var result = Array(repeating: false, count: authenticators.count)
      for await (index, usable) in group { result[index] = usable }
      return result
    }
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

/// `SSOPICK_FIRST_FRAME_PROBE=FILE`: when the first frame showing rows (of every session)
/// has been drawn, one
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
    // Over several sessions: once every session's first rows (its cache) are in.
    guard !done, model.rowCount > 0,
      !model.sessions.contains(where: { $0.loading.phase == .starting })
    else { return }
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
