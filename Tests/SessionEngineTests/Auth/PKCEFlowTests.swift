import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

struct PKCEFlowTests {
  let registration = ClientRegistration(
    clientID: "kQm3ZXhhbXBsZS1jbGllbnQtaWQ", clientSecret: "cs", expiresAt: .distantFuture,
    scopes: ["sso:account:access"], grantTypes: ["authorization_code", "refresh_token"])

  @Test func authorizeURLMatchesTheSpecExample() {
    let url = PKCEFlow.authorizeURL(
      oidcEndpoint: "https://oidc.eu-central-1.amazonaws.com",
      clientID: "kQm3ZXhhbXBsZS1jbGllbnQtaWQ",
      redirectURI: "http://127.0.0.1:49213/oauth/callback",
      state: "5d0c3e7a-9b1f-4c62-8e4d-2a7f6b9c1e03", scopes: ["sso:account:access"],
      challenge: "ZPK7gJDPcqsyv-W49YnPjXTf6orZfb_09wP8bx1-lJ8")
    #expect(
      url
        == "https://oidc.eu-central-1.amazonaws.com/authorize?response_type=code&client_id=kQm3ZXhhbXBsZS1jbGllbnQtaWQ&redirect_uri=http%3A%2F%2F127.0.0.1%3A49213%2Foauth%2Fcallback&state=5d0c3e7a-9b1f-4c62-8e4d-2a7f6b9c1e03&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=ZPK7gJDPcqsyv-W49YnPjXTf6orZfb_09wP8bx1-lJ8"
    )
  }

  @Test func authorizeURLDropsTheEndpointPathAndJoinsScopesWithASpace() {
    let url = PKCEFlow.authorizeURL(
      oidcEndpoint: "http://127.0.0.1:18080/prefix/", clientID: "c", redirectURI: "r", state: "s",
      scopes: ["sso:account:access", "codecatalyst:read_write"], challenge: "x")
    #expect(url.hasPrefix("http://127.0.0.1:18080/authorize?"))
    #expect(url.contains("&scopes=sso%3Aaccount%3Aaccess%20codecatalyst%3Aread_write&"))
  }

  /// A browser stand-in: when the prompt appears it "redirects" to the listener.
  func browser(query: @escaping @Sendable (_ state: String) -> String) -> RecordingPresenter {
    RecordingPresenter { prompt in
      guard case .browser(let url, _) = prompt else { return }
      let parameters = Dictionary(
        uniqueKeysWithValues: url.split(separator: "?")[1].split(separator: "&").map {
          let pair = $0.split(separator: "=", maxSplits: 1)
          return (String(pair[0]), PercentEncoding.decode(String(pair[1])) ?? "")
        })
      let redirect = parameters["redirect_uri"] ?? ""
      let port = UInt16(redirect.split(separator: ":")[2].split(separator: "/")[0]) ?? 0
      let state = parameters["state"] ?? ""
      Thread {
        _ = try? LoopbackGet.get(port: port, target: "/favicon.ico")
        _ = try? LoopbackGet.get(port: port, target: "/oauth/callback?\(query(state))")
      }.start()
    }
  }

  @Test func exchangesTheCodeWithTheVerifierAndThePortfulRedirectURI() async throws {
    let transport = ScriptedTransport([
      { _ in .json(200, #"{"accessToken":"at","expiresIn":3600,"refreshToken":"rt"}"#) }
    ])
    let listener = try LoopbackRedirectListener()
    let pkce = PKCE()
    let flow = PKCEFlow(
      oidc: OIDCClient(endpoint: "http://oidc", transport: transport),
      time: ManualTimeSource(autoAdvance: false))
    let token = try await flow.run(
      registration: registration, scopes: ["sso:account:access"], listener: listener,
      presenter: browser { "code=ac-1%2B2&state=\($0)" }, pkce: pkce)
    #expect(token.refreshToken == "rt")
    let body = String(decoding: transport.requests[0].body ?? Data(), as: UTF8.self)
    #expect(body.contains(#""redirectUri": "http://127.0.0.1:\#(listener.port)/oauth/callback""#))
    #expect(body.contains(#""codeVerifier": "\#(pkce.verifier)""#))
    #expect(body.contains(#""code": "ac-1+2""#))
  }

  @Test func rejectsAForeignState() async throws {
    let flow = PKCEFlow(
      oidc: OIDCClient(endpoint: "http://oidc", transport: ScriptedTransport()),
      time: ManualTimeSource(autoAdvance: false))
    await #expect(throws: AuthError.stateMismatch) {
      try await flow.run(
        registration: registration, scopes: [], listener: try LoopbackRedirectListener(),
        presenter: browser { _ in "code=x&state=not-ours" })
    }
  }

  @Test func reportsErrorRedirects() async throws {
    let flow = PKCEFlow(
      oidc: OIDCClient(endpoint: "http://oidc", transport: ScriptedTransport()),
      time: ManualTimeSource(autoAdvance: false))
    await #expect(throws: AuthError.accessDenied) {
      try await flow.run(
        registration: registration, scopes: [], listener: try LoopbackRedirectListener(),
        presenter: browser { "error=access_denied&state=\($0)" })
    }
    await #expect(
      throws: AuthError.authorizationFailed(error: "invalid_scope", description: "bad scope")
    ) {
      try await flow.run(
        registration: registration, scopes: [], listener: try LoopbackRedirectListener(),
        presenter: browser { "error=invalid_scope&error_description=bad+scope&state=\($0)" })
    }
  }

  @Test func timesOutAfterTenMinutesOfVirtualTime() async throws {
    let clock = ManualTimeSource(autoAdvance: false)
    let flow = PKCEFlow(
      oidc: OIDCClient(endpoint: "http://oidc", transport: ScriptedTransport()), time: clock)
    let listener = try LoopbackRedirectListener()
    let registration = self.registration
    let outcome = Task {
      try await flow.run(
        registration: registration, scopes: [], listener: listener, presenter: RecordingPresenter())
    }
    await clock.waitForSleepers()
    clock.advance(by: .seconds(599))
    #expect(clock.waitingSleepers == 1)
    clock.advance(by: .seconds(1))
    await #expect(throws: AuthError.browserTimedOut(minutes: 10)) { try await outcome.value }
    // The listener is closed afterwards: nothing answers on its port any more.
    await #expect(throws: (any Error).self) {
      try await LoopbackGet.getOffPool(port: listener.port, target: "/")
    }
  }
}
