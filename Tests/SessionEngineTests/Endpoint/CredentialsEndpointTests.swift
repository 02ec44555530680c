import Foundation
import SSOPickTestSupport
import SessionEngine
import Synchronization
import Testing

/// The credentials endpoint on the wire (spec §18): the token, the statuses, the body.
@Suite("Credentials endpoint (the server)")
struct CredentialsEndpointTests {
  static let credentials = RoleCredentials(
    accessKeyID: "ASIAEXAMPLEKEY000001", secretAccessKey: "secret/with+chars",
    sessionToken: "session\"token", expiration: Date(timeIntervalSince1970: 1_796_000_000),
    accountID: "210987654321")

  /// Counts the source's calls.
  final class Calls: Sendable {
    let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
  }

  /// Runs `body` with an endpoint answering `answer`, stopped afterwards (awaited).
  static func serving(
    _ answer: CredentialsEndpoint.Answer = .credentials(credentials), calls: Calls = Calls(),
    _ body: (CredentialsEndpoint) async throws -> Void
  ) async throws {
    let endpoint = try CredentialsEndpoint {
      calls.count.withLock { $0 += 1 }
      return answer
    }
    do {
      try await body(endpoint)
    } catch {
      await endpoint.stop()
      throw error
    }
    await endpoint.stop()
  }

  /// One raw request and its response.
  static func request(
    _ endpoint: CredentialsEndpoint, _ head: String
  ) async throws -> (status: Int, headers: [String: String], body: String) {
    let port = endpoint.port
    return try await onThread {
      let connection = try RawConnection(port: port)
      try connection.send(head)
      return try connection.readResponse()
    }
  }

  static func get(_ path: String, authorization: String?) -> String {
    "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + (authorization.map { "Authorization: \($0)\r\n" } ?? "") + "\r\n"
  }

  @Test("the right token gets the role's credentials as spec §18's JSON")
  func servesTheCredentials() async throws {
    try await Self.serving { endpoint in
      #expect(endpoint.url == "http://127.0.0.1:\(endpoint.port)/role-credentials")
      let response = try await Self.request(
        endpoint, Self.get(endpoint.path, authorization: endpoint.token))
      #expect(response.status == 200)
      #expect(response.headers["content-type"] == "application/json")
      #expect(response.headers["cache-control"] == "no-store")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: String])
      #expect(
        json == [
          "AccessKeyId": "ASIAEXAMPLEKEY000001", "SecretAccessKey": "secret/with+chars",
          "Token": "session\"token", "Expiration": "2026-11-30T00:53:20Z",
          "AccountId": "210987654321",
        ])
    }
  }

  @Test("no token: 401, a wrong one: 403, both without a body and without asking the source")
  func refusesWithoutTheToken() async throws {
    let calls = Calls()
    try await Self.serving(calls: calls) { endpoint in
      let missing = try await Self.request(endpoint, Self.get(endpoint.path, authorization: nil))
      #expect(missing.status == 401)
      #expect(missing.body.isEmpty)
      #expect(missing.headers["content-length"] == "0")
      for wrong in ["", "x", String(endpoint.token.dropLast()), endpoint.token + "0"] {
        let refused = try await Self.request(
          endpoint, Self.get(endpoint.path, authorization: wrong))
        #expect(refused.status == 403, "token \(wrong.count) characters")
        #expect(refused.body.isEmpty)
      }
      // Without the token, other paths are refused the same way (nothing to learn).
      let elsewhere = try await Self.request(endpoint, Self.get("/other", authorization: "x"))
      #expect(elsewhere.status == 403)
      #expect(calls.value == 0)
    }
  }

  @Test("only GET of the one path is served: other paths and queries 404, other methods 405")
  func servesOnlyItsPath() async throws {
    let calls = Calls()
    try await Self.serving(calls: calls) { endpoint in
      let token = endpoint.token
      for path in ["/", "/role-credentials/", "/role-credentials?role=Other", "/other-role"] {
        let response = try await Self.request(endpoint, Self.get(path, authorization: token))
        #expect(response.status == 404, "\(path)")
        #expect(response.body.isEmpty)
      }
      let post = try await Self.request(
        endpoint,
        "POST \(endpoint.path) HTTP/1.1\r\nHost: x\r\nAuthorization: \(token)\r\n"
          + "Content-Length: 0\r\n\r\n")
      #expect(post.status == 405)
      #expect(post.headers["allow"] == "GET")
      #expect(calls.value == 0)
    }
  }

  @Test("when the source has nothing, 503 with a JSON code and message the SDK shows")
  func unavailableIs503() async throws {
    let answer = CredentialsEndpoint.Answer.unavailable(
      code: "SignInEnded", message: "ssopick: the sign-in has ended")
    try await Self.serving(answer) { endpoint in
      let response = try await Self.request(
        endpoint, Self.get(endpoint.path, authorization: endpoint.token))
      #expect(response.status == 503)
      #expect(
        response.body == #"{"Code":"SignInEnded","Message":"ssopick: the sign-in has ended"}"#)
    }
  }

  @Test("tokens are 64 hex digits, new each time; a busy port is a clear error")
  func tokensAndPorts() async throws {
    let first = CredentialsEndpoint.newToken()
    let second = CredentialsEndpoint.newToken()
    #expect(first.count == 64)
    #expect(first.allSatisfy { "0123456789abcdef".contains($0) })
    #expect(first != second)
    try await Self.serving { endpoint in
      #expect(endpoint.token.count == 64)
      #expect(
        throws: CredentialsEndpointError.cannotListen(
          port: endpoint.port,
          reason: "bind: Address already in use (is another server on that port? use port 0 "
            + "for a free one)")
      ) {
        _ = try CredentialsEndpoint(port: endpoint.port) { .credentials(Self.credentials) }
      }
    }
  }
}
