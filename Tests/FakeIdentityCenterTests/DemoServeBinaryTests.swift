import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("ssopick demo --serve, the built binary")
struct DemoServeBinaryTests {
  static var binary: URL { packageRoot.appendingPathComponent(".build/debug/ssopick") }

  @Test func servesPrintsTheURLFirstAndExitsZeroOnSIGTERM() async throws {
    let path = Self.binary.path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      Issue.record("\(path) is missing: run `swift build --build-tests` first.")
      return
    }
    let result = try await onThread { () -> (String, Int, String, Int32) in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: path)
      process.arguments = ["demo", "--serve", "--accounts", "25", "--seed", "3"]
      let stdout = Pipe()
      process.standardOutput = stdout
      process.standardError = FileHandle.nullDevice
      try process.run()
      var line = Data()
      let reader = stdout.fileHandleForReading
      while !line.contains(10) {
        let chunk = reader.availableData
        if chunk.isEmpty { break }
        line += chunk
      }
      let first =
        String(decoding: line, as: UTF8.self)
        .split(separator: "\n").first.map(String.init) ?? ""
      var status = -1
      var body = ""
      if let port = URLComponents(string: first)?.port {
        let connection = try RawConnection(port: UInt16(port))
        try connection.send("GET /_fake/organisation HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try connection.readResponse()
        status = response.status
        body = response.body
      }
      kill(process.processIdentifier, SIGTERM)
      process.waitUntilExit()
      return (first, status, body, process.terminationStatus)
    }
    #expect(result.0.hasPrefix("http://127.0.0.1:"))
    #expect(result.1 == 200)
    let accounts =
      (try? JSONSerialization.jsonObject(with: Data(result.2.utf8)) as? [String: Any])?[
        "accounts"] as? [Any]
    #expect(accounts?.count == 25)
    #expect(result.3 == 0)
  }

  @Test(arguments: [
    ["demo", "--serve", "--keep"], ["demo", "--serve", "--port", "70000"],
    ["demo", "--serve", "--accounts", "0"],
    ["demo", "--serve", "--roles-per-account", "3"],
    ["demo", "--serve", "--accounts", "5", "--roles-per-account", "6-2"],
    ["demo", "--serve", "--org", "/nonexistent/org.json"],
    ["demo", "--serve", "--throttle-rps", "0"],
  ])
  func badUsageExitsTwoWithAMessage(arguments: [String]) async throws {
    let path = Self.binary.path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      Issue.record("\(path) is missing: run `swift build --build-tests` first.")
      return
    }
    let result = try await runProgram(path, arguments)
    #expect(result.status == 2, "\(arguments): \(result.output)")
    #expect(!result.output.isEmpty)
    if arguments.contains("--keep") {
      #expect(result.output.contains("--keep applies only to the demo"))
    }
  }
}
