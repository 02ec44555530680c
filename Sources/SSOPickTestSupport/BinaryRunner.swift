public import Foundation

/// Runs the built `ssopick` the way a person or script would, and captures what it did:
/// stdout, stderr, exit status (or signal). Every binary test goes through this; the child
/// itself is a ``ChildProcess``.
///
/// The binary is `$SSOPICK_BINARY` if set, else `ssopick` in the build products folder that
/// holds this test bundle (as swift-argument-parser's test helpers find theirs), so
/// `swift test -c release` and `--scratch-path` builds test their own binary. A missing
/// binary fails the test with a message.
public enum BinaryRunner {
  /// What one run produced.
  public typealias Output = ChildProcess.Output

  /// The binary could not be found.
  public struct RunnerError: Error, CustomStringConvertible {
    /// What is missing and how to get it.
    public var description: String
  }

  /// The package's source folder (from this file's path), for files the tests read from the
  /// checkout.
  public static var packageRoot: URL { Python.packageRoot }

  /// The folder of the build products (`.build/debug`, `.build/release`, a scratch path's
  /// configuration folder): where the test bundle is, and the executables beside it.
  public static var productsFolder: URL {
    #if canImport(Darwin)
      // The `.xctest` bundle (which this code is linked into) sits in the products folder.
      let bundle = Bundle(for: BundleMarker.self)
      if bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent()
      }
      for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent()
      }
      return Bundle.main.bundleURL.deletingLastPathComponent()
    #else
      // On Linux the test bundle is an executable; `Bundle.main` is its folder.
      return Bundle.main.bundleURL
    #endif
  }

  /// The `ssopick` executable under test.
  public static func binary() throws -> String {
    if let path = ProcessInfo.processInfo.environment["SSOPICK_BINARY"], !path.isEmpty {
      return path
    }
    let path = productsFolder.appendingPathComponent("ssopick").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw RunnerError(
        description: "No ssopick binary at \(path); build it with `swift build --build-tests` "
          + "(same configuration and scratch path as the tests), or set SSOPICK_BINARY.")
    }
    return path
  }

  /// A minimal environment for a test run: a temporary `HOME` and `PATH`, nothing from the
  /// developer's own AWS setup.
  public static func environment(home: String, _ extra: [String: String] = [:]) -> [String:
    String]
  {
    var variables = [
      "HOME": home, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "LANG": "C.UTF-8",
    ]
    variables.merge(extra) { $1 }
    return variables
  }

  /// Runs `ssopick` with `arguments` and exactly `environment`.
  ///
  /// - Parameters:
  ///   - stdin: piped in (or `/dev/null` when `nil`); with `terminal`, typed into a
  ///     pseudo-terminal that is stdin (so `isatty(0)` is true).
  ///   - stdoutTerminal: stdout and stderr are one pseudo-terminal (all of it is `stdout`).
  ///   - timeout: the program is killed after this long (`Output.timedOut`).
  ///   - marker, whenPrinted: `whenPrinted` is called with the pid once stdout contains
  ///     `marker` (to send the program a signal, say).
  public static func ssopick(
    _ arguments: [String], environment: [String: String], stdin: String? = nil,
    terminal: Bool = false, stdoutTerminal: Bool = false, timeout: Duration = .seconds(60),
    marker: String? = nil, whenPrinted: (@Sendable (Int32) -> Void)? = nil
  ) async throws -> Output {
    let input: ChildProcess.Input
    if terminal {
      input = .terminal(typing: Data((stdin ?? "").utf8))
    } else if let stdin {
      input = .data(Data(stdin.utf8))
    } else {
      input = .nullDevice
    }
    let child = try ChildProcess.start(
      try binary(), arguments, environment: environment, stdin: input,
      output: stdoutTerminal ? .terminal : .pipes, timeout: timeout)
    if let marker, let whenPrinted, await child.waitForOutput(containing: marker) {
      whenPrinted(child.pid)
    }
    return await child.waitForExit()
  }

  /// Runs ssopick in a new session (`setsid`), so it has no controlling terminal even when
  /// the tests run in one.
  public static func withoutTerminal(_ arguments: [String], environment: [String: String])
    async throws -> Output
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
    return try await ChildProcess.run(
      try Python.interpreter(), ["-c", script, try binary()] + arguments,
      environment: environment)
  }
}

#if canImport(Darwin)
  /// A class of this module, to find the bundle its code was loaded from.
  private final class BundleMarker {}
#endif
