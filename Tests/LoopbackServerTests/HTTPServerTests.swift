import Foundation
import LoopbackServer
import SSOPickTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An echo server: every request is answered 200 with a JSON description of what arrived.
/// `/slow` waits (cancellably) for a long time; `/close` asks for the connection to close.
private func echoServer(
  _ configure: (inout HTTPServer.Configuration) -> Void = { _ in }
) throws -> HTTPServer {
  var configuration = HTTPServer.Configuration()
  configure(&configuration)
  return try HTTPServer(configuration: configuration) { request in
    var headers: [(String, String)] = [("Content-Type", "application/json")]
    if request.path == "/close" { headers.append(("Connection", "close")) }
    let description: [String: Any] = [
      "method": request.method, "path": request.path, "rawQuery": request.rawQuery,
      "headers": request.headers, "body": String(decoding: request.body, as: UTF8.self),
    ]
    let body = (try? JSONSerialization.data(withJSONObject: description)) ?? Data()
    return HTTPServer.Response(status: 200, headers: headers, body: body)
  }
}

/// Runs `body` with `server`, then stops it (awaited), whether `body` returns or throws.
private func serving<Result>(
  _ server: HTTPServer, isolation: isolated (any Actor)? = #isolation,
  _ body: (HTTPServer) async throws -> Result
) async throws -> Result {
  let result: Result
  do {
    result = try await body(server)
  } catch {
    await server.stop()
    throw error
  }
  await server.stop()
  return result
}

/// The echo server's description of the request it received.
private func echoed(_ response: (status: Int, headers: [String: String], body: String)) throws
  -> [String: Any]
{
  try #require(response.status == 200, "status \(response.status): \(response.body)")
  return try #require(
    try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
}

@Suite("HTTPServer: the one HTTP/1.1 server (the fake's, the credentials endpoint's)")
struct HTTPServerTests {
  @Test func expectContinueGetsAnInterimResponseBeforeTheBodyIsSent() async throws {
    try await serving(try echoServer()) { server in
      let port = server.port
      let (interim, final) = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send(
          "POST /client/register HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
            + "Content-Length: 11\r\n\r\n")
        // The client sends nothing more until it has the 100.
        let interim = try connection.readResponse()
        try connection.send("hello world")
        return (interim, try connection.readResponse())
      }
      #expect(interim.status == 100)
      #expect(try echoed(final)["body"] as? String == "hello world")
    }
  }

  @Test func expectContinueForATooLargeBodyIsAnswered413WithoutContinue() async throws {
    try await serving(try echoServer { $0.maxBodyBytes = 1_000 }) { server in
      let port = server.port
      let (response, rest) = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send(
          "POST /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
        return (try connection.readResponse(), try connection.readUntilClosed())
      }
      #expect(response.status == 413)
      #expect(response.headers["connection"] == "close")
      #expect(response.body.contains("larger than 1000 bytes"))
      #expect(rest.isEmpty)
    }
  }

  @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
    try await serving(try echoServer()) { server in
      let port = server.port
      let (responses, rest) = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send(
          "GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /second HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody"
            + "GET /third HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let responses = try (0..<3).map { _ in try connection.readResponse() }
        return (responses, try connection.readUntilClosed())
      }
      let echoes = try responses.map(echoed)
      #expect(echoes.map { $0["path"] as? String } == ["/first", "/second", "/third"])
      #expect(echoes[1]["body"] as? String == "body")
      #expect(responses[0].headers["connection"] == nil)
      #expect(responses[2].headers["connection"] == "close")
      #expect(rest.isEmpty)
    }
  }

  @Test func headerNamesTargetAndQueryArriveAsSent() async throws {
    try await serving(try echoServer()) { server in
      let port = server.port
      let response = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send(
          "\r\nGET /assignment%2Froles?next_token=a+b%2Bc%3D&x= HTTP/1.1\r\nHost: x\r\n"
            + "x-amz-sso_bearer_token:   token-value \t\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\n")
        return try connection.readResponse()
      }
      let echo = try echoed(response)
      #expect(echo["path"] as? String == "/assignment/roles")
      #expect(echo["rawQuery"] as? String == "next_token=a+b%2Bc%3D&x=")
      let headers = try #require(echo["headers"] as? [String: String])
      #expect(headers["x-amz-sso_bearer_token"] == "token-value")
      #expect(headers["x-dup"] == "1, 2")
      #expect(response.headers["content-length"] == String(response.body.utf8.count))
    }
  }

  @Test func bareLineFeedsAbsoluteFormTargetsAndHeadRequests() async throws {
    try await serving(try echoServer()) { server in
      let port = server.port
      let (bare, absolute, head) = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send("GET /bare HTTP/1.1\nHost: x\n\n")
        let bare = try connection.readResponse()
        try connection.send("GET http://127.0.0.1/abs?q=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        let absolute = try connection.readResponse()
        try connection.send("HEAD /head HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try connection.readHead()
        // Nothing follows the head of a HEAD answer: the next response starts right after it.
        try connection.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        return (bare, absolute, (head, try connection.readResponse()))
      }
      #expect(try echoed(bare)["path"] as? String == "/bare")
      let echo = try echoed(absolute)
      #expect(echo["path"] as? String == "/abs" && echo["rawQuery"] as? String == "q=1")
      #expect(head.0.status == 200 && Int(head.0.headers["content-length"] ?? "") ?? 0 > 0)
      #expect(try echoed(head.1)["path"] as? String == "/after")
    }
  }

  @Test func chunkedBodiesWithExtensionsAndTrailers() async throws {
    try await serving(try echoServer()) { server in
      let port = server.port
      let response = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send(
          "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")
        return try connection.readResponse()
      }
      #expect(try echoed(response)["body"] as? String == "hello 0123456789")
    }
  }

  @Test func connectionCloseHttp10AndTheHandlersCloseEndTheConnection() async throws {
    try await serving(try echoServer()) { server in
      let port = server.port
      let requests = [
        "GET /a HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n",
        "GET /b HTTP/1.0\r\n\r\n",
        "GET /close HTTP/1.1\r\nHost: x\r\n\r\n",
      ]
      let results = try await onThread {
        try requests.map { request in
          let connection = try RawConnection(port: port)
          try connection.send(request)
          return (try connection.readResponse(), try connection.readUntilClosed())
        }
      }
      for (response, rest) in results {
        #expect(response.status == 200)
        #expect(response.headers["connection"] == "close")
        #expect(rest.isEmpty)
      }
    }
  }

  /// Each case: what is sent, the status expected; the connection is closed afterwards.
  static let badRequests: [(String, Int)] = [
    ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n", 413),
    ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3E9\r\n", 413),
    ("GET /" + String(repeating: "a", count: 3_000) + " HTTP/1.1\r\n\r\n", 414),
    ("GET /" + String(repeating: "a", count: 3_000), 414),
    ("GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: 5_000) + "\r\n\r\n", 431),
    ("GET / HTTP/1.1\r\n" + String(repeating: "X: y\r\n", count: 40) + "\r\n", 431),
    ("GET /\r\n\r\n", 400),
    ("GET  / HTTP/1.1\r\n\r\n", 400),
    ("G(T / HTTP/1.1\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nName : x\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\nab", 400),
    ("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
    ("GET / HTTP/2.0\r\n\r\n", 505),
    ("GET / HTTP/1.1x\r\n\r\n", 400),
    ("GET example.com:443 HTTP/1.1\r\n\r\n", 400),
  ]

  @Test(arguments: 0..<badRequests.count)
  func requestsBeyondTheLimitsOrMalformedAreAnsweredAndClosed(index: Int) async throws {
    let (request, expected) = Self.badRequests[index]
    try await serving(
      try echoServer {
        $0.maxBodyBytes = 1_000
        $0.maxRequestLineBytes = 2_000
        $0.maxHeaderBytes = 4_000
        $0.maxHeaderCount = 32
      }
    ) { server in
      let port = server.port
      let (response, rest) = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send(request)
        return (try connection.readResponse(), try connection.readUntilClosed())
      }
      #expect(response.status == expected, "\(request.prefix(60).debugDescription)")
      #expect(response.headers["connection"] == "close")
      #expect(response.headers["content-type"]?.hasPrefix("text/plain") == true)
      #expect(rest.isEmpty)
    }
  }

  @Test func idleConnectionsAreClosedAndAStalledRequestGets408() async throws {
    try await serving(try echoServer { $0.idleTimeout = .milliseconds(100) }) { server in
      let port = server.port
      let (afterRequest, silent, stalled) = try await onThread {
        let kept = try RawConnection(port: port)
        try kept.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try kept.readResponse()
        let silent = try RawConnection(port: port)
        let stalled = try RawConnection(port: port)
        try stalled.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        // Each read returns once the server closes (the client's own limit is 10 s).
        return (
          try kept.readUntilClosed(), try silent.readUntilClosed(),
          (try stalled.readResponse(), try stalled.readUntilClosed())
        )
      }
      #expect(afterRequest.isEmpty)
      #expect(silent.isEmpty)
      #expect(stalled.0.status == 408)
      #expect(stalled.1.isEmpty)
    }
  }

  @Test func connectionsOverTheLimitAreAnswered503() async throws {
    try await serving(try echoServer { $0.maxConnections = 2 }) { server in
      let port = server.port
      let (admitted, refused, refusedRest, open) = try await onThread {
        let first = try RawConnection(port: port)
        let second = try RawConnection(port: port)
        var statuses: [Int] = []
        for connection in [first, second] {
          try connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
          statuses.append(try connection.readResponse().status)
        }
        let third = try RawConnection(port: port)
        return (statuses, try third.readResponse(), try third.readUntilClosed(), [first, second])
      }
      #expect(admitted == [200, 200])
      #expect(refused.status == 503)
      #expect(refusedRest.isEmpty)
      #expect(server.openConnections == 2)
      withExtendedLifetime(open) {}
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func stopClosesIdleAndBusyConnectionsAndCancelsTheHandler() async throws {
    let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
    let (ended, endedContinuation) = AsyncStream.makeStream(of: Bool.self)
    try await serving(
      try HTTPServer { request in
        guard request.path == "/slow" else { return HTTPServer.Response(status: 204) }
        startedContinuation.yield()
        let cancelled = (try? await Task.sleep(for: .seconds(600))) == nil
        endedContinuation.yield(cancelled)
        return HTTPServer.Response(status: 200)
      }
    ) { server in
      let port = server.port
      let connections = try await onThread {
        let idle = try (0..<3).map { _ in try RawConnection(port: port) }
        let kept = try RawConnection(port: port)
        try kept.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try kept.readResponse()
        let busy = try RawConnection(port: port)
        try busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        return idle + [kept, busy]
      }
      var startedEvents = started.makeAsyncIterator()
      _ = await startedEvents.next()
      #expect(server.openConnections == 5)

      await server.stop()

      #expect(server.openConnections == 0)
      var endedEvents = ended.makeAsyncIterator()
      #expect(await endedEvents.next() == true)
      let (rests, refused) = try await onThread {
        let rests = try connections.map { try $0.readUntilClosed() }
        let refused = (try? RawConnection(port: port)) == nil
        return (rests, refused)
      }
      #expect(rests.allSatisfy { $0.isEmpty })
      #expect(refused)
      await server.stop()  // idempotent
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func stopDoesNotWaitForAHandlerThatIgnoresCancellation() async throws {
    let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
    let (gate, gateContinuation) = AsyncStream.makeStream(of: Void.self)
    try await serving(
      try HTTPServer { _ in
        startedContinuation.yield()
        for await _ in gate {}
        return HTTPServer.Response(status: 200)
      }
    ) { server in
      let port = server.port
      let connection = try await onThread {
        let connection = try RawConnection(port: port)
        try connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        return connection
      }
      var startedEvents = started.makeAsyncIterator()
      _ = await startedEvents.next()
      await server.stop()
      gateContinuation.finish()
      let rest = try await onThread { try connection.readUntilClosed() }
      #expect(rest.isEmpty)
    }
  }

  @Test func aBusyPortIsReportedWithTheReason() async throws {
    try await serving(try echoServer()) { first in
      #expect(throws: HTTPServerError.socket(call: "bind", errno: EADDRINUSE)) {
        _ = try HTTPServer(port: first.port) { _ in HTTPServer.Response(status: 200) }
      }
      let error = HTTPServerError.socket(call: "bind", errno: EADDRINUSE)
      #expect(error.description.contains("Address already in use"))
      #expect(error.description.contains("port 0"))
    }
  }
}
