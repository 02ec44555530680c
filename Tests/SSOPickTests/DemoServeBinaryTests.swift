import Foundation
import SSOPickTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("ssopick demo --serve, the built binary")
struct DemoServeBinaryTests {
  @Test func servesPrintsTheURLFirstAndExitsZeroOnSIGTERM() async throws {
    let result = try await ChildProcess.with(
      try BinaryRunner.binary(), ["demo", "--serve", "--accounts", "25", "--seed", "3"]
    ) { child -> (String, Int, String, Int32) in
      _ = await child.waitForOutput(containing: "\n")
      let first = child.stdoutSoFar.split(separator: "\n").first.map(String.init) ?? ""
      var status = -1
      var body = ""
      if let port = URLComponents(string: first)?.port {
        let response = try await LoopbackGet.getOffPool(
          port: UInt16(port), target: "/_fake/organisation")
        status = response.status
        body = response.body
      }
      child.signal(SIGTERM)
      return (first, status, body, await child.waitForExit().status)
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
    let result = try await BinaryRunner.ssopick(
      arguments, environment: ProcessInfo.processInfo.environment)
    #expect(result.status == 2, "\(arguments): \(result.output)")
    #expect(!result.output.isEmpty)
    if arguments.contains("--keep") {
      #expect(result.output.contains("--keep applies only to the demo"))
    }
  }
}
