import CurlTransport
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// The test server's own guarantees that other suites rely on.
@Suite("LoopbackHTTPServer", .timeLimit(.minutes(1)))
struct LoopbackHTTPServerTests {
  let transport = CurlTransport()

  @Test func stopEndsHangingConnections() async throws {
    try await LoopbackHTTPServer(reply: .hang).serve { server in
      let transport = self.transport
      let task = Task { try await transport.send(get(server.url("/"), timeout: .seconds(30))) }
      #expect(await server.waitUntil { $0.requestsInHandler == 1 })
      server.stop()
      let outcome = await task.result
      guard case .failure(let error as HTTPTransportError) = outcome else {
        Issue.record("expected a transport error, got \(outcome)")
        return
      }
      #expect(error.kind == .other)  // the connection closed without a response
      #expect(await server.waitUntil { $0.closedConnections == 1 })
    }
  }

  @Test func connectionCloseFromTheClientIsHonoured() async throws {
    try await LoopbackHTTPServer(reply: .status(200)).serve { server in
      for _ in 0..<2 {
        _ = try await transport.send(
          get(server.url("/"), headers: [HTTPHeader("Connection", "close")]))
      }
      #expect(server.statistics.acceptedConnections == 2)
      #expect(server.requests.map(\.connectionNumber) == [1, 2])
    }
  }

  @Test func closesConnectionWhenTheResponseSaysSo() async throws {
    try await LoopbackHTTPServer(
      reply: .respond(LoopbackResponse(status: 200, closesConnection: true))
    ).serve { server in
      for _ in 0..<3 {
        let response = try await transport.send(get(server.url("/")))
        #expect(response.header("Connection") == "close")
      }
      #expect(server.statistics.acceptedConnections == 3)
    }
  }

  @Test func recordsQueryItemsDecoded() async throws {
    try await LoopbackHTTPServer(reply: .status(200)).serve { server in
      _ = try await transport.send(
        get(server.url("/roles?account_id=1234&next_token=a%2Fb%3D&empty=")))
      let seen = try #require(server.requests.first)
      #expect(seen.path == "/roles")
      #expect(seen.queryItems.map(\.name) == ["account_id", "next_token", "empty"])
      #expect(seen.queryItems.map(\.value) == ["1234", "a/b=", ""])
    }
  }
}
