import Foundation
import SSOPickTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the built `ssopick` (or any program) the way a person or script would, and captures
/// what it did: stdout, stderr and exit status. Shared by the binary tests.
///
/// The binary is `$SSOPICK_BINARY`, or `.build/debug/ssopick` in this package (built by
/// `swift build --build-tests`). A missing binary fails the test with a message.
struct BinaryRunner {
  /// What one run produced.
  struct Output: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Whether the watchdog had to kill the program.
    var timedOut: Bool

    var description: String { "status \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
  }

  struct RunnerError: Error, CustomStringConvertible {
    var description: String
  }

  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The `ssopick` executable under test.
  static func binary() throws -> String {
    if let path = ProcessInfo.processInfo.environment["SSOPICK_BINARY"], !path.isEmpty {
      return path
    }
    let path = packageRoot.appendingPathComponent(".build/debug/ssopick").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw RunnerError(
        description: "No ssopick binary at \(path); run `swift build --build-tests` first "
          + "(or set SSOPICK_BINARY).")
    }
    return path
  }

  /// A minimal environment for a test run: a temporary `HOME` and `PATH`, nothing from the
  /// developer's own AWS setup.
  static func environment(home: String, _ extra: [String: String] = [:]) -> [String: String] {
    var variables = [
      "HOME": home, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "LANG": "C.UTF-8",
    ]
    variables.merge(extra) { $1 }
    return variables
  }

  /// Runs ssopick in a new session (`setsid`), so it has no controlling terminal even when
  /// the tests run in one.
  static func withoutTerminal(_ arguments: [String], environment: [String: String])
    async throws -> BinaryRunner.Output
  {
    // setsid fails in a process-group leader (which the test's child may be): fork first.
    let script = """
      import os, sys
      pid = os.fork()
      if pid:
          sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
      os.setsid()
      os.execv(sys.argv[1], sys.argv[1:])
      """
    return try await BinaryRunner.run(
      executable: try Python.interpreter(),
      arguments: ["-c", script, try BinaryRunner.binary()] + arguments,
      environment: environment)
  }

  /// Runs `ssopick` with `arguments`.
  static func ssopick(
    _ arguments: [String], environment: [String: String], stdin: String? = nil,
    terminal: Bool = false, timeout: Duration = .seconds(60)
  ) async throws -> Output {
    try await run(
      executable: try binary(), arguments: arguments, environment: environment, stdin: stdin,
      terminal: terminal, timeout: timeout)
  }

  /// Runs `executable`. With `terminal`, stdin is a pseudo-terminal (so `isatty(0)` is true)
  /// and `stdin` is typed into it; otherwise `stdin` is piped in (or /dev/null when `nil`).
  /// The program is killed if it runs longer than `timeout`.
  static func run(
    executable: String, arguments: [String], environment: [String: String],
    stdin: String? = nil, terminal: Bool = false, timeout: Duration = .seconds(60)
  ) async throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    let stdout = Pipe.closedOnExec()
    let stderr = Pipe.closedOnExec()
    process.standardOutput = stdout
    process.standardError = stderr

    var terminalMain: FileHandle?
    var input: Pipe?
    if terminal {
      let (main, secondary) = try openPseudoTerminal()
      terminalMain = main
      process.standardInput = secondary
    } else if stdin != nil {
      input = Pipe.closedOnExec()
      process.standardInput = input
    } else {
      process.standardInput = FileHandle.nullDevice
    }

    let finished = AsyncStream<Int32>.makeStream()
    process.terminationHandler = { finished.continuation.yield($0.terminationStatus) }
    try process.run()
    if let stdin, let terminalMain {
      terminalMain.write(Data(stdin.utf8))
      // Echoed input comes back on the terminal; drain it so the program never blocks.
      drain(terminalMain)
    } else if let stdin, let input {
      input.fileHandleForWriting.write(Data(stdin.utf8))
      try input.fileHandleForWriting.close()
    }
    async let out = readAll(stdout.fileHandleForReading)
    async let err = readAll(stderr.fileHandleForReading)

    let watchdog = Task {
      try await Task.sleep(for: timeout)
      if process.isRunning { process.terminate() }
      return true
    }
    var status: Int32 = -1
    for await code in finished.stream {
      status = code
      break
    }
    watchdog.cancel()
    let timedOut = (try? await watchdog.value) ?? false
    let output = Output(
      status: status, stdout: String(decoding: await out, as: UTF8.self),
      stderr: String(decoding: await err, as: UTF8.self), timedOut: timedOut)
    try? terminalMain?.close()
    return output
  }

  // Blocking reads run on threads of their own: on a 2-core machine the global dispatch
  // queue has two threads, and parallel tests that parked reads there starved everything
  // else scheduled on it (in-process fake servers answered seconds late).
  private static func readAll(_ handle: FileHandle) async -> Data {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(returning: handle.readDataToEndOfFile())
      }
    }
  }

  private static func drain(_ handle: FileHandle) {
    Thread.detachNewThread {
      while true {
        guard let data = try? handle.read(upToCount: 4096), !data.isEmpty else { return }
      }
    }
  }

  /// Opens a pseudo-terminal pair, both ends close-on-exec (the child gets the secondary as
  /// a standard descriptor through dup2, which keeps it open). The POSIX functions are looked
  /// up at run time because Swift's Glibc module does not export them.
  static func openPseudoTerminal() throws -> (main: FileHandle, secondary: FileHandle) {
    typealias IntFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let library = dlopen(nil, RTLD_NOW)
    guard let openSymbol = dlsym(library, "posix_openpt"),
      let grantSymbol = dlsym(library, "grantpt"),
      let unlockSymbol = dlsym(library, "unlockpt"), let nameSymbol = dlsym(library, "ptsname")
    else { throw RunnerError(description: "no pseudo-terminal functions in libc") }
    let openMain = unsafeBitCast(openSymbol, to: IntFunction.self)
    let grant = unsafeBitCast(grantSymbol, to: IntFunction.self)
    let unlock = unsafeBitCast(unlockSymbol, to: IntFunction.self)
    let name = unsafeBitCast(nameSymbol, to: NameFunction.self)
    let main = openMain(O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard main >= 0, grant(main) == 0, unlock(main) == 0, let path = name(main) else {
      throw RunnerError(
        description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
    }
    let secondary = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard secondary >= 0 else {
      throw RunnerError(description: "cannot open \(String(cString: path))")
    }
    return (
      FileHandle(fileDescriptor: main, closeOnDealloc: true),
      FileHandle(fileDescriptor: secondary, closeOnDealloc: true)
    )
  }
}
