public import Foundation

/// Runs Python's botocore/boto3 — the real AWS SDK that judges ssopick's files and wire
/// traffic. The interpreter is `$SSOPICK_PYTHON`, else `<package>/.venv/bin/python` (made by
/// `scripts/bootstrap --test`). A missing interpreter is an error that says how to get one,
/// so an interoperability test fails instead of silently passing.
public enum Python {
  /// A failure to run Python, or a script that exited non-zero.
  public struct Failure: Error, CustomStringConvertible {
    /// What went wrong, with the script's stderr.
    public var description: String
  }

  /// What a script printed and how it exited.
  public typealias Output = ChildProcess.Output

  /// The package's root folder.
  public static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The interpreter to use.
  public static func interpreter() throws -> String {
    let candidate =
      ProcessInfo.processInfo.environment["SSOPICK_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
      ?? packageRoot.appendingPathComponent(".venv/bin/python").path
    guard FileManager.default.isExecutableFile(atPath: candidate) else {
      throw Failure(
        description: "No Python at \(candidate). Run scripts/bootstrap --test (or set "
          + "SSOPICK_PYTHON) so the botocore interoperability tests can run.")
    }
    return candidate
  }

  /// Runs `script` (Python source) with `arguments` and exactly `environment` (a
  /// ``ChildProcess``, so a server in this process keeps answering), and returns its output
  /// whatever the exit status.
  public static func run(
    _ script: String, arguments: [String] = [], environment: [String: String]
  ) async throws -> Output {
    try await ChildProcess.run(
      try interpreter(), ["-c", script] + arguments, environment: environment)
  }

  /// Runs `script` and returns its stdout; a non-zero exit throws with its stderr.
  public static func check(
    _ script: String, arguments: [String] = [], environment: [String: String]
  ) async throws -> String {
    let output = try await run(script, arguments: arguments, environment: environment)
    guard output.status == 0 else {
      throw Failure(
        description: "Python exited \(output.status):\n\(output.stderr)\(output.stdout)")
    }
    return output.stdout
  }
}
