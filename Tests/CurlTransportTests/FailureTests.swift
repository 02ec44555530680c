import CurlTransport
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

@Suite("CurlTransport failures", .timeLimit(.minutes(1)))
struct FailureTests {
  let transport = CurlTransport()

  @Test func serverThatNeverAnswersTimesOut() async throws {
    try await LoopbackHTTPServer(reply: .hang).serve { server in
      let error = try #require(
        await expectTransportError(transport, get(server.url("/slow"), timeout: .milliseconds(300)))
      )
      #expect(error.kind == .timeout)
      #expect(error.host == "127.0.0.1")
      #expect(error.message.localizedCaseInsensitiveContains("timed out"))
    }
  }

  @Test func configuredRequestTimeoutAppliesWithoutAPerRequestOne() async throws {
    try await LoopbackHTTPServer(reply: .hang).serve { server in
      let quick = CurlTransport(configuration: .init(requestTimeout: .milliseconds(300)))
      let error = try #require(await expectTransportError(quick, get(server.url("/slow"))))
      #expect(error.kind == .timeout)
    }
  }

  @Test func refusedConnectionIsAConnectErrorSayingSo() async throws {
    let port = try LoopbackHTTPServer.unusedPort()
    let error = try #require(
      await expectTransportError(transport, get("http://127.0.0.1:\(port)/accounts")))
    #expect(error.kind == .connect)
    #expect(error.host == "127.0.0.1")
    #expect(error.message.localizedCaseInsensitiveContains("refused"))
    #expect(error.message.contains("\(port)"))
  }

  @Test func cancellingInFlightEndsTheRequestAndItsConnection() async throws {
    try await LoopbackHTTPServer { request in
      request.path == "/hang" ? .hang : .status(200, body: "fine")
    }.serve { server in
      let transport = self.transport
      let task = Task { try await transport.send(get(server.url("/hang"))) }
      #expect(await server.waitUntil { $0.requestsInHandler == 1 })
      task.cancel()
      let outcome = await task.result
      guard case .failure(let error as HTTPTransportError) = outcome else {
        Issue.record("expected a cancellation error, got \(outcome)")
        return
      }
      #expect(error.kind == .cancelled)
      // libcurl dropped the transfer, which closes its connection.
      #expect(await server.waitUntil { $0.closedConnections == 1 })
      // And the transport carries on.
      let response = try await transport.send(get(server.url("/after")))
      #expect(response.status == 200)
    }
  }

  @Test func cancelledBeforeSendingNeverConnects() async throws {
    try await LoopbackHTTPServer(reply: .status(200)).serve { server in
      let transport = self.transport
      let task = Task {
        withUnsafeCurrentTask { $0?.cancel() }
        return try await transport.send(get(server.url("/")))
      }
      let outcome = await task.result
      guard case .failure(let error as HTTPTransportError) = outcome else {
        Issue.record("expected a cancellation error, got \(outcome)")
        return
      }
      #expect(error.kind == .cancelled)
      #expect(server.statistics.acceptedConnections == 0)
    }
  }

  @Test func connectionClosedMidResponseIsAnError() async throws {
    try await LoopbackHTTPServer(
      reply: .respond(
        LoopbackResponse(
          status: 200, body: pseudoRandomBytes(count: 100_000), truncatedBodyLength: 1000))
    ).serve { server in
      let error = try #require(await expectTransportError(transport, get(server.url("/"))))
      #expect(error.kind == .other)
      #expect(!error.message.isEmpty)
    }
  }

  @Test func connectionClosedWithoutResponseIsAnError() async throws {
    try await LoopbackHTTPServer(reply: .close).serve { server in
      let error = try #require(await expectTransportError(transport, get(server.url("/"))))
      #expect(error.kind == .other)
      #expect(error.message.localizedCaseInsensitiveContains("empty reply"))
    }
  }

  @Test func onlyHTTPAndHTTPSAreAllowed() async throws {
    let error = try #require(await expectTransportError(transport, get("file:///etc/hostname")))
    #expect(error.kind == .other)
  }

  @Test func headerValuesWithLineBreaksAreRejectedWithoutQuotingThem() async throws {
    try await LoopbackHTTPServer(reply: .status(200)).serve { server in
      let error = try #require(
        await expectTransportError(
          transport,
          get(
            server.url("/"), headers: [HTTPHeader("x-amz-sso_bearer_token", "SECRET\r\nX-Evil: 1")])
        ))
      #expect(error.kind == .other)
      #expect(error.message.contains("x-amz-sso_bearer_token"))
      #expect(!error.description.contains("SECRET"))
      #expect(server.statistics.requests == 0)
    }
  }

  @Test func errorsNeverCarryThePathQueryHeadersOrBody() async throws {
    let refused = try LoopbackHTTPServer.unusedPort()
    try await LoopbackHTTPServer(reply: .hang).serve { hanging in
      let urls = [
        "http://127.0.0.1:\(refused)/assignment/roles?nextToken=QUERY-SECRET-4711&account_id=1",
        hanging.url("/assignment/roles?nextToken=QUERY-SECRET-4711&account_id=1"),
      ]
      for url in urls {
        let request = HTTPRequest(
          method: "POST", url: url,
          headers: [HTTPHeader("x-amz-sso_bearer_token", "BEARER-SECRET-0815")],
          body: Data(#"{"clientSecret": "BODY-SECRET-42"}"#.utf8), timeout: .milliseconds(300))
        let error = try #require(await expectTransportError(transport, request))
        let text = "\(error) \(error.message) \(String(describing: error))"
        for secret in ["QUERY-SECRET", "BEARER-SECRET", "BODY-SECRET", "nextToken", "/assignment"] {
          #expect(!text.contains(secret), "\(error.kind) error leaks \(secret)")
        }
        #expect(error.host == "127.0.0.1")
      }
    }
  }
}
