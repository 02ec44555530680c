import Foundation
import SSOPickTestSupport

/// An HTTPS server in a Python subprocess (`Fixtures/tls_server.py`), presenting the
/// test-only certificate for 127.0.0.1/localhost signed by `Fixtures/ca.pem`.
struct TLSTestServer {
  struct StartError: Error, CustomStringConvertible {
    var description: String
  }

  let port: UInt16

  /// Runs `body` with a started server, then ends it and waits for its end, whether `body`
  /// returns or throws.
  static func with<Result>(
    isolation: isolated (any Actor)? = #isolation, _ body: (TLSTestServer) async throws -> Result
  ) async throws -> Result {
    // The server also ends when its stdin closes, should this process die first.
    try await ChildProcess.with(
      Fixtures.python,
      [
        Fixtures.path("tls_server.py"), Fixtures.path("server.pem"),
        Fixtures.path("server-key.pem"),
      ],
      stdin: .pipe
    ) { child in
      // It prints its port on one line once it listens.
      _ = await child.waitForOutput(containing: "\n")
      let line = child.stdoutSoFar.prefix { $0 != "\n" }
      guard let port = UInt16(line.trimmingCharacters(in: .whitespaces)) else {
        child.closeInput()
        let output = await child.waitForExit()
        throw StartError(
          description: "tls_server.py did not start (\(Fixtures.python)): \(output.stderr)")
      }
      return try await body(TLSTestServer(port: port))
    }
  }

  func url(host: String = "127.0.0.1", _ path: String) -> String {
    "https://\(host):\(port)\(path)"
  }
}

/// Files under `Fixtures/` and the Python interpreter the tests use.
enum Fixtures {
  static func path(_ name: String) -> String {
    let file = URL(fileURLWithPath: name)
    let url = Bundle.module.url(
      forResource: file.deletingPathExtension().lastPathComponent,
      withExtension: file.pathExtension, subdirectory: "Fixtures")
    return url?.path ?? name
  }

  /// `$SSOPICK_PYTHON`, else the project's `.venv`, else `python3` on the `PATH`.
  static let python: String = {
    if let configured = ProcessInfo.processInfo.environment["SSOPICK_PYTHON"], !configured.isEmpty {
      return configured
    }
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let venv = root.appendingPathComponent(".venv/bin/python").path
    if FileManager.default.isExecutableFile(atPath: venv) { return venv }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/python3"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return "/usr/bin/python3"
  }()
}
