import Foundation

/// An HTTPS server in a Python subprocess (`Fixtures/tls_server.py`), presenting the
/// test-only certificate for 127.0.0.1/localhost signed by `Fixtures/ca.pem`.
final class TLSTestServer {
  struct StartError: Error, CustomStringConvertible {
    var description: String
  }

  let port: UInt16
  private let process: Process
  private let input: Pipe

  /// Starts the server and waits (without blocking the caller's thread) for its port.
  static func start() async throws -> TLSTestServer {
    try await withCheckedThrowingContinuation { continuation in
      // A thread of its own: blocking on the global queue starves Swift concurrency.
      Thread.detachNewThread {
        continuation.resume(with: Result { try TLSTestServer() })
      }
    }
  }

  private init() throws {
    process = Process()
    input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.executableURL = URL(fileURLWithPath: Fixtures.python)
    process.arguments = [
      Fixtures.path("tls_server.py"), Fixtures.path("server.pem"), Fixtures.path("server-key.pem"),
    ]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let more = output.fileHandleForReading.availableData
      if more.isEmpty { break }
      line.append(more)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let port = UInt16(text) else {
      try? input.fileHandleForWriting.close()
      process.waitUntilExit()
      let stderr = String(
        decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      throw StartError(description: "tls_server.py did not start (\(Fixtures.python)): \(stderr)")
    }
    self.port = port
  }

  deinit {
    // Closing stdin ends the server (it waits for end of input).
    try? input.fileHandleForWriting.close()
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
