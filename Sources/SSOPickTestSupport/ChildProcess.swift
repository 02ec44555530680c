public import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program a test started: the one way tests run a child process (the built `ssopick`
/// through ``BinaryRunner``, shells, Python, tmux, `patch`, …).
///
/// ```swift
/// let output = try await ChildProcess.run("/bin/sh", ["-c", "echo hi"])
/// #expect(output.stdout == "hi\n")
/// ```
///
/// Why not Foundation's `Process`: on Linux it passes every inheritable descriptor of the
/// test process to the child (a parallel test's pipe then stays open in a long-lived child,
/// and its reader waits for that child), and `waitUntilExit` spins a run loop that was
/// seen to hang on the concurrency pool's threads. Here the child is made with
/// `posix_spawn`, gets exactly stdin, stdout and stderr (every other descriptor is closed),
/// starts with no signal blocked and every signal at its default, and is waited for, read
/// and timed on threads of its own — never on the concurrency pool, which in-process fake
/// servers need.
public final class ChildProcess: Sendable {
  /// What the child's standard input is.
  public enum Input: Sendable {
    /// `/dev/null`.
    case nullDevice
    /// A pipe fed with `bytes`, then closed.
    case data(Data)
    /// A pipe that stays open until the test calls ``ChildProcess/closeInput()`` (a server
    /// that runs until its input ends, say).
    case pipe
    /// A pseudo-terminal (so `isatty(0)` is true), with `bytes` typed into it. Its echo is
    /// read and dropped unless the output goes to the terminal too.
    case terminal(typing: Data)
  }

  /// Where the child's standard output and error go.
  public enum OutputMode: Sendable {
    /// Two pipes, read separately into ``Output/stdout`` and ``Output/stderr``.
    case pipes
    /// One pseudo-terminal for both (so `isatty(1)` is true); all of it is
    /// ``Output/stdout``.
    case terminal
  }

  /// How a child ended and what it printed.
  public struct Output: Sendable, CustomStringConvertible {
    /// The child's process ID.
    public var pid: Int32
    /// The exit code, or the signal number when ``signalled``.
    public var status: Int32
    /// Whether a signal ended the child.
    public var signalled: Bool
    /// Whether the child was killed for running longer than its timeout.
    public var timedOut: Bool
    /// Standard output, as bytes.
    public var stdoutData: Data
    /// Standard error, as bytes.
    public var stderrData: Data

    /// Standard output (UTF-8, invalid bytes replaced).
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// Standard error (UTF-8, invalid bytes replaced).
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// `status N` (or `signal N`), then stdout and stderr — for failure messages.
    public var description: String {
      "\(signalled ? "signal" : "status") \(status)\(timedOut ? " (timed out)" : "")\n"
        + "stdout:\n\(stdout)\nstderr:\n\(stderr)"
    }
  }

  /// The child's process ID.
  public let pid: Int32
  let state: Mutex<State>
  /// Readable once the child has exited (one byte, never read): the readers poll it.
  let exitRead: Int32
  let exitWrite: Int32

  /// Starts `executable` (a path; see ``find(_:)``) with `arguments`.
  ///
  /// - Parameters:
  ///   - environment: exactly the child's environment; `nil` passes the test's own.
  ///   - directory: the child's working folder (`nil`: the test's).
  ///   - timeout: the child is killed (SIGKILL) after this long (`nil`: never).
  public static func start(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    directory: String? = nil, stdin: Input = .nullDevice, output: OutputMode = .pipes,
    timeout: Duration? = .seconds(60)
  ) throws -> ChildProcess {
    try Spawner(
      executable: executable, arguments: arguments, environment: environment,
      directory: directory, stdin: stdin, output: output
    ).start(timeout: timeout)
  }

  /// Runs `executable` to its end and returns what it did (see ``start(_:_:environment:directory:stdin:output:timeout:)``).
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    directory: String? = nil, stdin: Input = .nullDevice, output: OutputMode = .pipes,
    timeout: Duration? = .seconds(60)
  ) async throws -> Output {
    let child = try start(
      executable, arguments, environment: environment, directory: directory, stdin: stdin,
      output: output, timeout: timeout)
    return await child.waitForExit()
  }

  /// Runs `body` with a started child, then kills it (if it still runs) and waits for its
  /// end, whether `body` returns or throws — so a server started by a test never outlives it.
  public static func with<Result>(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    directory: String? = nil, stdin: Input = .nullDevice, output: OutputMode = .pipes,
    timeout: Duration? = .seconds(60), isolation: isolated (any Actor)? = #isolation,
    _ body: (ChildProcess) async throws -> Result
  ) async throws -> Result {
    let child = try start(
      executable, arguments, environment: environment, directory: directory, stdin: stdin,
      output: output, timeout: timeout)
    let result: Result
    do {
      result = try await body(child)
    } catch {
      child.signal(SIGKILL)
      _ = await child.waitForExit()
      throw error
    }
    child.signal(SIGKILL)
    _ = await child.waitForExit()
    return result
  }

  /// The full path of `program` on `PATH`, or `nil`.
  public static func find(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(program)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  init(pid: Int32, state: sending State, exitPipe: (read: Int32, write: Int32)) {
    self.pid = pid
    self.state = Mutex(state)
    exitRead = exitPipe.read
    exitWrite = exitPipe.write
  }

  deinit {
    close(exitRead)
    close(exitWrite)
  }

  // MARK: Talking to the child

  /// Sends signal `number`, unless the child has already exited (so the number of a
  /// process that ended is never signalled after the system could reuse it).
  public func signal(_ number: Int32) {
    state.withLock { state in
      if !state.exited { _ = kill(pid, number) }
    }
  }

  /// Closes the child's stdin (``Input/pipe``): the child reads end of file.
  public func closeInput() {
    let fd = state.withLock { state -> Int32? in
      defer { state.inputWriter = nil }
      return state.inputWriter
    }
    if let fd { close(fd) }
  }

  /// What the child has printed on stdout so far.
  public var stdoutSoFar: String {
    state.withLock { String(decoding: $0.stdout, as: UTF8.self) }
  }

  /// Suspends until the child's stdout contains `text` (`true`), or it ended without
  /// printing it (`false`).
  public func waitForOutput(containing text: String) async -> Bool {
    let wanted = Data(text.utf8)
    return await withCheckedContinuation { continuation in
      let answer = state.withLock { state -> Bool? in
        if state.stdout.range(of: wanted) != nil { return true }
        if state.stdoutEnded { return false }
        state.markerWaiters.append((wanted, continuation))
        return nil
      }
      if let answer { continuation.resume(returning: answer) }
    }
  }

  /// Suspends until the child has exited and its output is read, and returns it.
  public func waitForExit() async -> Output {
    await withCheckedContinuation { continuation in
      let output = state.withLock { state -> Output? in
        if let output = state.output(pid: pid) { return output }
        state.exitWaiters.append(continuation)
        return nil
      }
      if let output { continuation.resume(returning: output) }
    }
  }
}
