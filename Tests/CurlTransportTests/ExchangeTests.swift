import CurlTransport
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

@Suite("CurlTransport exchanges with a loopback server", .timeLimit(.minutes(1)))
struct ExchangeTests {
  let transport = CurlTransport()

  @Test(arguments: [200, 204, 404, 500])
  func returnsTheStatus(status: Int) async throws {
    try await LoopbackHTTPServer(reply: .status(status, body: status == 204 ? "" : "x")).serve {
      server in
      let response = try await transport.send(get(server.url("/s")))
      #expect(response.status == status)
    }
  }

  @Test func doesNotFollowRedirects() async throws {
    try await LoopbackHTTPServer { request in
      request.path == "/start"
        ? .status(302, headers: [HTTPHeader("Location", "/elsewhere")], body: "moved")
        : .status(200, body: "followed")
    }.serve { server in
      let response = try await transport.send(get(server.url("/start")))
      #expect(response.status == 302)
      #expect(response.header("location") == "/elsewhere")
      #expect(String(decoding: response.body, as: UTF8.self) == "moved")
      #expect(server.requests.map(\.target) == ["/start"])
    }
  }

  @Test func sendsHeadersExactlyIncludingUnderscores() async throws {
    try await LoopbackHTTPServer { .respond(.echo(of: $0)) }.serve { server in
      let request = get(
        server.url("/federation/credentials?account_id=111122223333&role_name=Admin"),
        headers: [
          HTTPHeader("x-amz-sso_bearer_token", "aoa-token-value"),
          HTTPHeader("X-Mixed-Case", "Value With  Spaces"),
          HTTPHeader("x-empty", ""),
        ])
      let response = try await transport.send(request)
      #expect(response.status == 200)
      let seen = try #require(server.requests.first)
      #expect(seen.method == "GET")
      #expect(seen.target == "/federation/credentials?account_id=111122223333&role_name=Admin")
      #expect(seen.rawHead.contains("\r\nx-amz-sso_bearer_token: aoa-token-value\r\n"))
      #expect(seen.rawHead.contains("\r\nX-Mixed-Case: Value With  Spaces\r\n"))
      #expect(seen.header("x-empty") == "")
      #expect(seen.header("User-Agent") == "ssopick")
      #expect(seen.header("Accept-Encoding") == "identity")
      #expect(seen.header("Expect") == nil)
      #expect(seen.header("Content-Type") == nil)
      #expect(seen.header("Content-Length") == nil)
      // The echo body is what the server received, so the client saw the same bytes.
      #expect(String(decoding: response.body, as: UTF8.self) == seen.rawHead)
    }
  }

  @Test func receivesHeaderNamesAsSentAndValuesTrimmed() async throws {
    try await LoopbackHTTPServer(
      reply: .status(
        200,
        headers: [
          HTTPHeader("x-amz-sso_bearer_token", "  padded value \t"),
          HTTPHeader("X-Amzn-RequestId", "abc-123"),
          HTTPHeader("x-repeated", "one"),
          HTTPHeader("x-repeated", "two"),
        ])
    ).serve { server in
      let response = try await transport.send(get(server.url("/")))
      let custom = response.headers.filter { $0.name != "Content-Length" }
      #expect(
        custom == [
          HTTPHeader("x-amz-sso_bearer_token", "padded value"),
          HTTPHeader("X-Amzn-RequestId", "abc-123"),
          HTTPHeader("x-repeated", "one"),
          HTTPHeader("x-repeated", "two"),
        ])
      #expect(response.header("content-length") == "0")
    }
  }

  @Test func keepsOnlyTheFinalResponsesHeaders() async throws {
    try await LoopbackHTTPServer(
      reply: .respond(
        LoopbackResponse(
          status: 200, headers: [HTTPHeader("X-Final", "yes")], body: Data("done".utf8),
          interim: [
            LoopbackResponse.Interim(status: 103, headers: [HTTPHeader("Link", "</a.css>")]),
            LoopbackResponse.Interim(status: 100),
          ]))
    ).serve { server in
      let response = try await transport.send(get(server.url("/")))
      #expect(response.status == 200)
      #expect(response.header("Link") == nil)
      #expect(response.headers.map(\.name) == ["X-Final", "Content-Length"])
      #expect(String(decoding: response.body, as: UTF8.self) == "done")
    }
  }

  @Test func emptyBodies() async throws {
    try await LoopbackHTTPServer { request in
      request.path == "/204" ? .status(204) : .status(200)
    }.serve { server in
      let noContent = try await transport.send(get(server.url("/204")))
      #expect(noContent.status == 204)
      #expect(noContent.body.isEmpty)
      let empty = try await transport.send(get(server.url("/200")))
      #expect(empty.status == 200)
      #expect(empty.body.isEmpty)
    }
  }

  @Test func largeBodyArrivesByteForByte() async throws {
    let body = pseudoRandomBytes(count: 8 << 20)
    try await LoopbackHTTPServer(reply: .respond(LoopbackResponse(status: 200, body: body))).serve {
      server in
      let response = try await transport.send(get(server.url("/big")))
      #expect(response.status == 200)
      #expect(response.body.count == body.count)
      #expect(response.body == body)
    }
  }

  @Test func postSendsTheBodyWithoutExpectOrDefaultContentType() async throws {
    try await LoopbackHTTPServer { .respond(.echo(of: $0)) }.serve { server in
      let json = Data(#"{"clientId": "abc", "grantType": "refresh_token"}"#.utf8)
      let response = try await transport.send(
        HTTPRequest(
          method: "POST", url: server.url("/token"),
          headers: [HTTPHeader("Content-Type", "application/json")], body: json))
      #expect(response.status == 200)
      let seen = try #require(server.requests.first)
      #expect(seen.method == "POST")
      #expect(seen.body == json)
      #expect(seen.header("Content-Type") == "application/json")
      #expect(seen.header("Content-Length") == String(json.count))
      #expect(seen.header("Expect") == nil)
    }
  }

  @Test func largePostDoesNotWaitForContinue() async throws {
    // libcurl adds `Expect: 100-continue` to bodies over 1 MB unless told not to.
    let body = pseudoRandomBytes(count: 3 << 20, seed: 42)
    try await LoopbackHTTPServer {
      .respond(LoopbackResponse(status: 200, body: $0.body))
    }.serve { server in
      let response = try await transport.send(
        HTTPRequest(method: "POST", url: server.url("/upload"), body: body))
      let seen = try #require(server.requests.first)
      #expect(seen.header("Expect") == nil)
      #expect(seen.header("Content-Type") == nil)
      #expect(seen.body == body)
      #expect(response.body == body)
    }
  }

  @Test func emptyPostSendsContentLengthZeroAndNoContentType() async throws {
    // Portal Logout: POST, empty body, Content-Length: 0, no Content-Type (spec §2).
    try await LoopbackHTTPServer(reply: .status(200)).serve { server in
      _ = try await transport.send(
        HTTPRequest(
          method: "POST", url: server.url("/logout"),
          headers: [HTTPHeader("x-amz-sso_bearer_token", "t")]))
      let seen = try #require(server.requests.first)
      #expect(seen.method == "POST")
      #expect(seen.header("Content-Length") == "0")
      #expect(seen.header("Content-Type") == nil)
      #expect(seen.header("Expect") == nil)
      #expect(seen.body.isEmpty)
    }
  }

  @Test func otherMethodsAreSentAsGiven() async throws {
    try await LoopbackHTTPServer { .respond(.echo(of: $0)) }.serve { server in
      _ = try await transport.send(HTTPRequest(method: "DELETE", url: server.url("/thing")))
      _ = try await transport.send(
        HTTPRequest(method: "PUT", url: server.url("/thing"), body: Data("new".utf8)))
      let head = try await transport.send(HTTPRequest(method: "HEAD", url: server.url("/thing")))
      #expect(server.requests.map(\.method) == ["DELETE", "PUT", "HEAD"])
      #expect(server.requests[1].body == Data("new".utf8))
      #expect(head.status == 200)
      #expect(head.body.isEmpty)
    }
  }

  @Test func aRequestHeaderOverridesTheUserAgent() async throws {
    try await LoopbackHTTPServer { .respond(.echo(of: $0)) }.serve { server in
      let custom = CurlTransport(configuration: .init(userAgent: "ssopick/9.9 test"))
      _ = try await custom.send(get(server.url("/")))
      _ = try await custom.send(get(server.url("/"), headers: [HTTPHeader("User-Agent", "mine")]))
      #expect(server.requests.map { $0.header("User-Agent") } == ["ssopick/9.9 test", "mine"])
    }
  }
}
