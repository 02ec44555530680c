import Foundation
import Testing

/// Runs Python's botocore, the real AWS SDK, as the judge of what a config file means.
/// The interpreter is `$SSOPICK_PYTHON` or `<package>/.venv/bin/python` (made by
/// `scripts/bootstrap --test`). A missing interpreter or botocore fails the test.
enum PythonOracle {
  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Config
      .deletingLastPathComponent()  // SessionEngineTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()
  }

  static func interpreter() throws -> String {
    let candidate =
      ProcessInfo.processInfo.environment["SSOPICK_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
      ?? packageRoot.appendingPathComponent(".venv/bin/python").path
    guard FileManager.default.isExecutableFile(atPath: candidate) else {
      throw OracleError(
        message:
          "No Python at \(candidate). Run scripts/bootstrap --test (or set SSOPICK_PYTHON) so the "
          + "botocore interoperability tests can run.")
    }
    return candidate
  }

  struct OracleError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// Runs `script` with `arguments` and returns its stdout; throws with stderr on failure.
  static func run(_ script: String, arguments: [String], environment: [String: String] = [:])
    throws -> Data
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try interpreter())
    process.arguments = ["-c", script] + arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read before waiting so a large output cannot fill the pipe and block Python.
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw OracleError(
        message: "Python failed (status \(process.terminationStatus)): \(errorText)")
    }
    return data
  }

  /// What botocore reads from each file: `raw_config_parse` and, for config files, the
  /// `build_profile_map` view; or the name of the exception it raised.
  static let readScript = """
    import json, os, sys, tempfile
    try:
        import botocore.configloader as loader
    except ImportError as e:
        sys.stderr.write("botocore is not installed for this Python: %s\\n" % e)
        sys.exit(3)

    def read(path):
        try:
            raw = loader.raw_config_parse(path)
        except Exception as e:
            return {"error": type(e).__name__}
        return {"raw": raw, "map": loader.build_profile_map(raw)}

    out = {}
    for path in sys.argv[1:]:
        result = read(path)
        with open(path, "rb") as f:
            data = f.read()
        if data.startswith(b"\\xef\\xbb\\xbf"):
            with tempfile.NamedTemporaryFile(delete=False) as t:
                t.write(data[3:])
            result["withoutBOM"] = read(t.name)
            os.unlink(t.name)
        out[path] = result
    print(json.dumps(out))
    """

  /// botocore's reading of each file at `paths`, keyed by path.
  static func read(_ paths: [String]) throws -> [String: [String: Any]] {
    let data = try run(readScript, arguments: paths)
    let json = try JSONSerialization.jsonObject(with: data)
    return try #require(json as? [String: [String: Any]], "unexpected output from Python")
  }
}
