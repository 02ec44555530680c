public import Foundation
import PickerCore
public import SSOPickCommands
public import SessionEngine
import Synchronization

/// A `ByteSink` that keeps what was written, for assertions.
public final class RecordingSink: ByteSink {
  private let bytes = Mutex<[UInt8]>([])

  /// Creates an empty sink.
  public init() {}

  /// Keeps `bytes`.
  public func write(_ bytes: [UInt8]) {
    self.bytes.withLock { $0 += bytes }
  }

  /// Everything written, as UTF-8 text.
  public var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
}

/// Answers from a script, one line at a time; `nil` after the last.
public final class ScriptedInput: LineReader {
  private let lines: Mutex<[String]>

  /// Answers `lines` in order.
  public init(_ lines: [String] = []) {
    self.lines = Mutex(lines)
  }

  /// The next scripted line.
  public func readLine() -> String? {
    lines.withLock { $0.isEmpty ? nil : $0.removeFirst() }
  }
}

/// A `ProcessLauncher` that records the `exec` it was asked for instead of doing it, and
/// answers as a failed `execve` would (so the use case returns). A child run
/// (`exec --refresh`) is recorded too and played by the test's stand-in (``playChild(_:)``),
/// in this process, while the use case waits for it.
public final class RecordingLauncher: ProcessLauncher {
  /// Plays a child process: gets what it was started with, returns how it ended.
  public typealias Child = @Sendable (Launch) async -> CommandLauncher.Ending
  /// One recorded launch.
  public struct Launch: Sendable, Equatable {
    /// The resolved program.
    public var path: String
    /// Its arguments, its own name first.
    public var arguments: [String]
    /// Its environment.
    public var environment: [String: String]
  }

  private let launches = Mutex<[Launch]>([])
  private let child = Mutex<Child>({ _ in .exited(0) })

  /// Makes every later child run play `body` (the default exits 0 at once).
  public func playChild(_ body: @escaping Child) {
    child.withLock { $0 = body }
  }

  /// Creates a launcher.
  public init() {}

  /// What was launched.
  public var recorded: [Launch] { launches.withLock { $0 } }

  /// No descriptors.
  public func descriptorSnapshot() -> [Int32: CommandLauncher.FileIdentity] { [:] }

  /// Records the launch and "fails" with 126.
  public func replaceProcess(
    path: String, arguments: [String], environment: [String: String],
    inherited: [Int32: CommandLauncher.FileIdentity]
  ) async -> CommandLauncher.Failure {
    launches.withLock {
      $0.append(Launch(path: path, arguments: arguments, environment: environment))
    }
    return .cannotRun(arguments.first ?? path, reason: "recorded by the test, not run")
  }

  /// Records the launch and plays the child set by ``playChild(_:)``.
  public func run(
    path: String, arguments: [String], environment: [String: String],
    inherited: [Int32: CommandLauncher.FileIdentity]
  ) async -> CommandLauncher.Ending {
    let launch = Launch(path: path, arguments: arguments, environment: environment)
    launches.withLock { $0.append(launch) }
    return await child.withLock { $0 }(launch)
  }
}

/// Picker terminals for tests: none at all (the picker cannot run), or scripted ones made
/// by `make` (each `open` asks for a new one; the last is kept for assertions).
public final class TestPickerTerminals: PickerTerminalFactory {
  private let make: (@Sendable () -> ScriptedTerminal)?
  private let opened = Mutex<ScriptedTerminal?>(nil)

  /// No terminal: `checkAvailable()` fails as it does without `/dev/tty`.
  public init() {
    make = nil
  }

  /// Scripted terminals from `make`.
  public init(_ make: @escaping @Sendable () -> ScriptedTerminal) {
    self.make = make
  }

  /// The last terminal opened.
  public var last: ScriptedTerminal? { opened.withLock { $0 } }

  /// Fails when there is no scripted terminal.
  public func checkAvailable() throws {
    guard make != nil else { throw NoTerminal() }
  }

  /// A new scripted terminal.
  public func open(_ options: PickerTerminalOptions) throws -> any ClosableTerminal {
    guard let make else { throw NoTerminal() }
    let terminal = make()
    opened.withLock { $0 = terminal }
    return terminal
  }

  /// The picker's "no terminal" error.
  public struct NoTerminal: Error, CustomStringConvertible {
    /// Says so.
    public var description: String { "No terminal (the test gave none)." }
  }
}

extension ScriptedTerminal: ClosableTerminal {
  /// Nothing to restore.
  public func close() {}
}

/// A ``CommandContext`` for in-process tests of the command layer, and what it recorded.
public struct TestCommandContext: Sendable {
  /// The context to run use cases in.
  public var context: CommandContext
  /// stdout.
  public let output: RecordingSink
  /// stderr.
  public let messages: RecordingSink
  /// Prompts.
  public let prompts: RecordingSink
  /// `exec` launches.
  public let launcher: RecordingLauncher

  /// A context over `environment` (e.g. `FakeHome.environment()`), with no terminal, the
  /// real libcurl transport (to the fake on loopback), recording sinks, `clock`, jitter
  /// fixed at `jitter`, and `terminals` for the picker.
  public init(
    environment: [String: String], clock: any TimeSource = ManualTimeSource(start: Date()),
    jitter: Double = 0.5, retry: RetryPolicy = .standard, terminal: TerminalFacts = .none,
    input: [String] = [], terminals: TestPickerTerminals = TestPickerTerminals()
  ) {
    output = RecordingSink()
    messages = RecordingSink()
    prompts = RecordingSink()
    launcher = RecordingLauncher()
    context = CommandContext(
      environment: Environment(environment), terminal: terminal,
      console: Console(output: output, messages: messages, prompts: prompts),
      input: ScriptedInput(input), time: clock, jitter: { jitter }, retry: retry,
      transports: CurlTransportFactory(), launcher: launcher, pickerTerminal: terminals)
  }

  /// stdout as text.
  public var stdout: String { output.text }
  /// stderr as text.
  public var stderr: String { messages.text }
}

extension FakeHome {
  /// A test context for this home (its environment plus `extra`). The clock starts at the
  /// real time by default, as the fake's does (STS checks signatures' times against it).
  public func context(
    _ extra: [String: String] = [:], clock: any TimeSource = ManualTimeSource(start: Date()),
    retry: RetryPolicy = .standard, terminal: TerminalFacts = .none, input: [String] = [],
    terminals: TestPickerTerminals = TestPickerTerminals()
  ) -> TestCommandContext {
    TestCommandContext(
      environment: environment(extra), clock: clock, retry: retry, terminal: terminal,
      input: input, terminals: terminals)
  }
}

extension ManualTimeSource {
  /// Runs `body` while moving the clock to the next deadline whenever something waits on
  /// it (a backoff, a timeout), so work that waits on the clock — a service that never
  /// answers, say — finishes without anyone waiting for real, and the clock never runs past
  /// a moment somebody waits for. The driver waits for a waiter rather than spinning.
  public func driving<T: Sendable>(_ body: @escaping @Sendable () async throws -> T)
    async throws -> T
  {
    let work = Task { try await body() }
    let driver = Task {
      for await _ in waiterArrivals() {
        while waitingSleepers > 0, !Task.isCancelled {
          advanceToNextDeadline()
          await Task.yield()
        }
      }
    }
    defer { driver.cancel() }
    return try await work.value
  }
}
