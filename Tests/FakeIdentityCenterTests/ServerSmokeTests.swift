import FakeIdentityCenter
import Foundation
import LoopbackServer
import SSOPickTestSupport
import Testing

@Suite("The fake on a real socket")
struct ServerSmokeTests {
  static func started(_ configure: (inout FakeIdentityCenter.Options) -> Void = { _ in })
    async throws -> (FakeIdentityCenter, UInt16)
  {
    let center = try Fixture.center(clock: ManualFakeClock(), configure)
    let url = try await center.start()
    #expect(url.host == "127.0.0.1")
    return (center, UInt16(try #require(url.port)))
  }

  /// Runs `body` with a started fake and its port, then stops it (awaited), whether `body`
  /// returns or throws.
  static func withStarted(
    _ configure: (inout FakeIdentityCenter.Options) -> Void = { _ in },
    _ body: (FakeIdentityCenter, UInt16) async throws -> Void
  ) async throws {
    let (center, port) = try await started(configure)
    do {
      try await body(center, port)
    } catch {
      await center.stop()
      throw error
    }
    await center.stop()
  }

  @Test func bearerHeaderWithUnderscoreKeepAliveAndQueryDecoding() async throws {
    try await Self.withStarted { center, port in
      let (_, tokens) = try await center.login()
      let access = tokens.access
      let results = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send(
          "GET /assignment/accounts?max_result=2 HTTP/1.1\r\nHost: x\r\n"
            + "x-amz-sso_bearer_token: \(access)\r\n\r\n")
        let first = try connection.readResponse()
        let token =
          (try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])?[
            "nextToken"] as? String ?? ""
        // Same connection (keep-alive), token percent-encoded as botocore does.
        try connection.send(
          "GET /assignment/accounts?next_token=\(percentEncoded(token))&max_result=2 HTTP/1.1\r\n"
            + "Host: x\r\nX-Amz-Sso_Bearer_Token: \(access)\r\n\r\n")
        let second = try connection.readResponse()
        return (first, second, token)
      }
      #expect(results.0.status == 200 && results.1.status == 200)
      #expect(results.2.contains("+") && results.2.contains("/") && results.2.contains("="))
      #expect(results.1.body.contains("\"accountList\""))
      #expect(results.0.body != results.1.body)
      #expect(results.0.headers["x-amzn-requestid"] != nil)
    }
  }

  @Test func postBodiesWithExpectChunkedOrNoLength() async throws {
    try await Self.withStarted { center, port in
      let body = #"{"clientName": "botocore-client-raw", "clientType": "public"}"#
      let statuses = try await onThread { () -> [Int] in
        var statuses: [Int] = []
        let connection = try RawConnection(port: port)
        // Expect: 100-continue: the client sends the body once it has the interim 100.
        try connection.send(
          "POST /client/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Expect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
        statuses.append(try connection.readResponse().status)
        try connection.send(body)
        statuses.append(try connection.readResponse().status)
        // Chunked.
        let hex = String(body.utf8.count, radix: 16)
        try connection.send(
          "POST /client/register HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "\(hex)\r\n\(body)\r\n0\r\n\r\n")
        statuses.append(try connection.readResponse().status)
        // No Content-Length: an empty body, answered as a malformed request, not a hang.
        try connection.send("POST /client/register HTTP/1.1\r\nHost: x\r\n\r\n")
        let empty = try connection.readResponse()
        statuses.append(empty.status)
        return statuses
      }
      #expect(statuses == [100, 200, 200, 400])
    }
  }

  @Test func sixtyFourConcurrentConnections() async throws {
    try await Self.withStarted { center, port in
      let statuses = try await onThread { () -> [Int] in
        let connections = try (0..<64).map { _ in try RawConnection(port: port) }
        for connection in connections {
          try connection.send("GET /assignment/accounts HTTP/1.1\r\nHost: x\r\n\r\n")
        }
        return try connections.map { try $0.readResponse().status }
      }
      #expect(statuses.count == 64 && statuses.allSatisfy { $0 == 401 })
      let stats = await center.control("GET", "stats").jsonObject
      #expect(stats?["total"] as? Int == 64)
    }
  }

  @Test func twoServersGetDifferentPortsAndStopCleanly() async throws {
    try await Self.withStarted { first, firstPort in
      try await Self.withStarted { second, secondPort in
        #expect(firstPort != secondPort)
        await first.stop()
        await second.stop()
        #expect(first.baseURL == nil)
      }
    }
  }
}
