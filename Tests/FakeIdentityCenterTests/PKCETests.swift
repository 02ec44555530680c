import FakeIdentityCenter
import Foundation
import LoopbackServer
import Testing

@Suite("PKCE: /authorize and the authorization_code grant")
struct PKCETests {
  static func authorizeTarget(
    client: String, redirect: String = Fixture.redirectURI, state: String = "st-1",
    method: String = "S256", challenge: String = Fixture.challenge,
    scopes: String? = "sso:account:access", responseType: String = "code"
  ) -> String {
    var parts = [
      "response_type=\(responseType)", "client_id=\(percentEncoded(client))",
      "redirect_uri=\(percentEncoded(redirect))", "state=\(state)",
      "code_challenge_method=\(method)",
    ]
    if let scopes { parts.append("scopes=\(percentEncoded(scopes))") }
    parts.append("code_challenge=\(challenge)")
    return "/authorize?" + parts.joined(separator: "&")
  }

  static func callbackQuery(_ response: FakeHTTPResponse) throws -> [String: String] {
    let location = try #require(response.header("Location"))
    let components = try #require(URLComponents(string: location))
    return Dictionary(
      (components.queryItems ?? []).map { ($0.name, $0.value ?? "") },
      uniquingKeysWith: { first, _ in first })
  }

  func exchange(
    _ center: FakeIdentityCenter, _ client: Client, code: String,
    redirect: String = Fixture.redirectURI, verifier: String = Fixture.verifier
  ) async -> FakeHTTPResponse {
    await center.post(
      "/token",
      [
        "clientId": client.id, "clientSecret": client.secret, "grantType": "authorization_code",
        "redirectUri": redirect, "codeVerifier": verifier, "code": code,
      ])
  }

  @Test func autoApprovedRedirectsToTheLoopbackPortWithCodeAndState() async throws {
    let center = try Fixture.center { $0.autoApprove = true }
    let client = try await center.register(pkce: true)
    let response = await center.get(Self.authorizeTarget(client: client.id))
    #expect(response.status == 302)
    let location = try #require(response.header("Location"))
    #expect(location.hasPrefix(Fixture.redirectURI + "?code="))
    let query = try Self.callbackQuery(response)
    #expect(query["state"] == "st-1")
    let tokens = await exchange(center, client, code: try #require(query["code"]))
    #expect(tokens.status == 200)
    #expect(tokens.jsonObject?["refreshToken"] is String)
    // Single use.
    let reuse = await exchange(center, client, code: try #require(query["code"]))
    #expect(reuse.errorType == "InvalidGrantException")
  }

  @Test func exchangeFailsEachWay() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) {
      $0.autoApprove = true
      $0.authorizationCodeLifetime = 60
    }
    let client = try await center.register(pkce: true)
    let other = try await center.register(pkce: true)
    func code() async throws -> String {
      let response = await center.get(Self.authorizeTarget(client: client.id))
      return try #require(try Self.callbackQuery(response)["code"])
    }
    let first = try await code()
    #expect(await exchange(center, client, code: "unknown").errorType == "InvalidGrantException")
    #expect(await exchange(center, other, code: first).errorType == "InvalidGrantException")
    let otherPort = "http://127.0.0.1:1/oauth/callback"
    #expect(
      await exchange(center, client, code: first, redirect: otherPort).errorType
        == "InvalidGrantException")
    let wrongVerifier = String(Fixture.verifier.dropLast()) + "x"
    #expect(
      await exchange(center, client, code: first, verifier: wrongVerifier).errorType
        == "InvalidGrantException")
    // Failed attempts do not burn the code.
    #expect(await exchange(center, client, code: first).status == 200)
    let late = try await code()
    clock.advance(by: 60)
    #expect(await exchange(center, client, code: late).errorType == "InvalidGrantException")
  }

  @Test func specTestVectorChallengeIsAccepted() async throws {
    // The fixture's verifier/challenge pair is spec §4.2's vector; a success above proves
    // base64url_nopad(SHA256(verifier)) is computed as the spec says. Here: a wrong challenge.
    let center = try Fixture.center { $0.autoApprove = true }
    let client = try await center.register(pkce: true)
    let other = String(repeating: "A", count: 43)
    let response = await center.get(Self.authorizeTarget(client: client.id, challenge: other))
    let code = try #require(try Self.callbackQuery(response)["code"])
    #expect(await exchange(center, client, code: code).errorType == "InvalidGrantException")
  }

  @Test func unknownClientOrBadRedirectGetsAnErrorPageNotARedirect() async throws {
    let center = try Fixture.center { $0.autoApprove = true }
    let deviceClient = try await center.register()
    let client = try await center.register(pkce: true)
    for target in [
      Self.authorizeTarget(client: "unknown"),
      Self.authorizeTarget(client: deviceClient.id),
      Self.authorizeTarget(client: client.id, redirect: "http://127.0.0.1:5/other/path"),
      Self.authorizeTarget(client: client.id, redirect: "https://127.0.0.1:5/oauth/callback"),
      Self.authorizeTarget(client: client.id, redirect: "http://evil.example/oauth/callback"),
    ] {
      let response = await center.get(target)
      #expect(response.status == 400, "\(target)")
      #expect(response.header("Location") == nil)
    }
  }

  @Test func otherValidationErrorsRedirectWithError() async throws {
    let center = try Fixture.center { $0.autoApprove = true }
    let client = try await center.register(pkce: true)
    let cases: [(String, String)] = [
      (Self.authorizeTarget(client: client.id, responseType: "token"), "unsupported_response_type"),
      (Self.authorizeTarget(client: client.id, method: "plain"), "invalid_request"),
      (Self.authorizeTarget(client: client.id, challenge: "short"), "invalid_request"),
      (Self.authorizeTarget(client: client.id, scopes: nil), "invalid_scope"),
      (Self.authorizeTarget(client: client.id, scopes: "codecatalyst:read_write"), "invalid_scope"),
    ]
    for (target, error) in cases {
      let response = await center.get(target)
      #expect(response.status == 302)
      let query = try Self.callbackQuery(response)
      #expect(query["error"] == error, "\(target)")
      #expect(query["state"] == "st-1")
      #expect(query["code"] == nil)
    }
  }

  @Test func denySwitchAnswersAccessDenied() async throws {
    let center = try Fixture.center {
      $0.autoApprove = true
      $0.denyAuthorize = true
    }
    let client = try await center.register(pkce: true)
    let query = try Self.callbackQuery(await center.get(Self.authorizeTarget(client: client.id)))
    #expect(query["error"] == "access_denied" && query["state"] == "st-1")
  }

  @Test func withoutAutoApproveTheBrowserGetsAConsentPage() async throws {
    let center = try Fixture.center()
    let client = try await center.register(pkce: true)
    let page = await center.get(Self.authorizeTarget(client: client.id))
    #expect(page.status == 200)
    #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
    let pending = try #require(
      await center.control("GET", "authorizations").jsonObject?["authorizations"]
        as? [[String: Any]])
    let consent = try #require(pending.first?["consentUrl"] as? String)
    #expect(page.text.contains(consent.replacingOccurrences(of: "&", with: "&")))
    let allowed = await center.get(consent)
    let code = try #require(try Self.callbackQuery(allowed)["code"])
    #expect(await exchange(center, client, code: code).status == 200)

    _ = await center.get(Self.authorizeTarget(client: client.id, state: "st-2"))
    let second = try #require(
      await center.control("GET", "authorizations").jsonObject?["authorizations"]
        as? [[String: Any]])
    let deny = try #require(second.first?["consentUrl"] as? String)
      .replacingOccurrences(of: "decision=allow", with: "decision=deny")
    let denied = try Self.callbackQuery(await center.get(deny))
    #expect(denied["error"] == "access_denied" && denied["state"] == "st-2")
  }
}
