import Foundation
import SSOPickTestSupport
import Testing

/// Runs Python's botocore, the real AWS SDK, as the judge of what a config file means.
/// The interpreter is `$SSOPICK_PYTHON` or `<package>/.venv/bin/python` (made by
/// `scripts/bootstrap --test`). A missing interpreter or botocore fails the test.
enum PythonOracle {
  struct OracleError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// Runs `script` with `arguments` and returns its stdout; throws with stderr on failure.
  /// `environment` is added to the test's own.
  static func run(_ script: String, arguments: [String], environment: [String: String] = [:])
    async throws -> Data
  {
    let output = try await ChildProcess.run(
      try Python.interpreter(), ["-c", script] + arguments,
      environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    guard output.status == 0, !output.signalled else {
      throw OracleError(message: "Python failed (status \(output.status)): \(output.stderr)")
    }
    return output.stdoutData
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
  static func read(_ paths: [String]) async throws -> [String: [String: Any]] {
    let data = try await run(readScript, arguments: paths)
    let json = try JSONSerialization.jsonObject(with: data)
    return try #require(json as? [String: [String: Any]], "unexpected output from Python")
  }
}
