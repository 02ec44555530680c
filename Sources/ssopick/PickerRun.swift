import Foundation
import PickerCore
import PickerCurses
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One run of the picker, wired to the real world: the terminal is checked first, the user
/// signs in if needed (before the screen opens), the catalog comes from the cache and the
/// portal, the picker runs on /dev/tty, and the choice is turned into a profile or exports.
///
/// Data flow: options → `CatalogWiring` (config, session) → sign-in → `PickerCatalogFeed`
/// (CatalogSource: cache, then the loader) → `PickerProgram` on `CursesTerminal` →
/// `PickerOutcome` → `PickerAction` (ProfileWriter / ShellExport) → stdout.
struct PickerRun {
  /// What the run ended with.
  enum Result {
    /// The result is on stdout: exit 0.
    case printed
    /// Exit with this status (1 nothing chosen, 130 cancelled, 128+N signal N).
    case status(Int32)
  }

  let command: PickCommand
  let environment: Environment

  func run() async throws -> Result {
    // Descriptors open now (the caller's) are passed on to an --exec command; ones opened
    // below (the terminal, connections, caches) are not.
    let inherited = command.exec ? CommandLauncher.descriptorSnapshot() : [:]
    // Fail before signing in or listing anything when the picker cannot be shown.
    try CursesTerminal.checkAvailable()
    let action = try PickerAction(command: command, environment: environment)
    let maxAge = try CatalogSource.maxAge(flag: command.maxAge, environment: environment)
    let wiring = try CatalogWiring(options: command.sessionOptions, environment: environment)
    let settings = CatalogLoader.Settings()
    let services = Services(
      environment: environment, loadedConfig: wiring.config, directories: wiring.directories,
      maxConnections: settings.rate.maxInFlight)
    let context = wiring.context

    // Sign in before the screen opens; inside the picker the loader only refreshes (a
    // prompt would be drawn over by curses), and a lost login shows on the status line.
    let quiet = services.authenticator(for: context, login: nil)
    try await signInIfNeeded(services: services, context: context, quiet: quiet)

    let recents = RecentChoices(directories: wiring.directories, session: context.session)
    let describe = action.describer(config: wiring.config, session: context.session)
    let configuration = PickerConfiguration(
      sessionName: context.displayName, initialQuery: command.query ?? "",
      selectOne: command.selectOne, describeChoice: describe)
    let model = PickerModel(
      configuration: configuration, size: TerminalSize(rows: 24, columns: 80), now: Date(),
      recents: RecentRanks(recents.load()))
    let source = CatalogSource(
      cache: wiring.cache, sessionName: context.displayName,
      makeLoader: {
        let portal = PortalClient(
          endpoint: context.portalEndpoint.url, transport: services.transport)
        return CatalogLoader(portal: portal, tokens: quiet, settings: settings)
      },
      onSaveError: { _ in })
    let feed = PickerCatalogFeed(
      source: source, maxAge: command.refresh ? .zero : maxAge)

    let terminal = try CursesTerminal(
      options: CursesTerminal.Options(
        mouse: !command.noMouse, colors: environment.nonEmpty("NO_COLOR") == nil))
    let program = PickerProgram(
      model: model, terminal: terminal, feed: feed,
      loginStatus: { await Self.loginStatus(quiet) },
      onDraw: FirstFrameProbe(environment: environment)?.onDraw)
    let outcome = await program.runOnOwnThread()
    terminal.close()

    switch outcome {
    case .chosen(let choice):
      do {
        try recents.record(choice, at: Date())
      } catch {
        StandardError.write("Warning: the choice was not remembered: \(error)")
      }
      let interactive = services.authenticator(
        for: context, login: CatalogWiring.canSignIn ? services.interactiveLogin() : nil)
      if choice.intent == .console {
        try await action.openConsole(
          choice, context: context, services: services, authenticator: interactive)
        await services.report(interactive, verbose: command.sessionOptions.verbose)
        return .printed
      }
      let result = try await action.perform(
        choice, context: context, config: wiring.config, services: services,
        authenticator: interactive)
      await services.report(interactive, verbose: command.sessionOptions.verbose)
      switch result {
      case .print(let text):
        StandardOutput.write(text)
        return .printed
      case .exec(let path, let arguments, let environment):
        // execve from the main thread (its signal mask is the one ssopick started with).
        let failure = await MainActor.run {
          CommandLauncher.replaceProcess(
            path: path, arguments: arguments, environment: environment, inherited: inherited)
        }
        StandardError.write(failure.description)
        return .status(failure.exitStatus)
      }
    case .nothingChosen, .cancelled, .interrupted:
      return .status(outcome.exitStatus)
    }
  }

  /// Signs in (prompting on the terminal) when the cached login cannot be used or renewed.
  private func signInIfNeeded(
    services: Services, context: SessionContext, quiet: SessionAuthenticator
  ) async throws {
    let status = try await quiet.status()
    switch status.state {
    case .signedIn, .expiredRefreshable:
      return
    case .expired, .notSignedIn, .unreadable:
      let login = services.authenticator(for: context, login: services.interactiveLogin())
      _ = try await login.accessToken()
      await services.report(login, verbose: command.sessionOptions.verbose)
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
  let maxAge: Duration

  func open(refresh: Bool) -> CatalogListing {
    source.open(refresh ? .refresh : .automatic(maxAge: maxAge))
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
