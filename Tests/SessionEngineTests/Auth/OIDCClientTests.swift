import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// Request bodies are byte-for-byte what botocore sends (spec §3), and answers decode.
struct OIDCClientTests {
  let registration = ClientRegistration(
    clientID: "cid", clientSecret: "secret", expiresAt: Date(timeIntervalSince1970: 1_775_001_600),
    scopes: nil, grantTypes: nil)

  @Test func registersAPKCEClientLikeTheCLI() async throws {
    let transport = ScriptedTransport([
      { _ in
        .json(
          200,
          #"{"clientId":"kQm3","clientSecret":"eyJ","clientIdIssuedAt":1767225600,"clientSecretExpiresAt":1775001600}"#
        )
      }
    ])
    let client = OIDCClient(endpoint: "http://127.0.0.1:9/prefix/", transport: transport)
    let result = try await client.registerClient(
      ClientRegistrationRequest(
        clientName: "botocore-client-acme-sso", scopes: ["sso:account:access"],
        grantTypes: ["authorization_code", "refresh_token"],
        redirectURIs: ["http://127.0.0.1/oauth/callback"],
        issuerURL: "https://d-9a6f3c21b7.awsapps.com/start"))
    #expect(result.clientID == "kQm3")
    #expect(result.expiresAt == Date(timeIntervalSince1970: 1_775_001_600))
    #expect(result.supportsAuthorizationCode)

    let request = try #require(transport.requests.first)
    #expect(request.method == "POST")
    #expect(request.url == "http://127.0.0.1:9/prefix/client/register")
    #expect(request.headers.value(for: "content-type") == "application/json")
    #expect(
      String(decoding: request.body ?? Data(), as: UTF8.self)
        == #"{"clientName": "botocore-client-acme-sso", "clientType": "public", "grantTypes": ["authorization_code", "refresh_token"], "redirectUris": ["http://127.0.0.1/oauth/callback"], "issuerUrl": "https://d-9a6f3c21b7.awsapps.com/start", "scopes": ["sso:account:access"]}"#
    )
  }

  @Test func deviceFlowRegistrationSendsOnlyNameAndType() async throws {
    let transport = ScriptedTransport([
      { _ in .json(200, #"{"clientId":"d","clientSecret":"s","clientSecretExpiresAt":1}"#) }
    ])
    _ = try await OIDCClient(endpoint: "http://h", transport: transport).registerClient(
      ClientRegistrationRequest(clientName: "botocore-client-1767225600", scopes: nil))
    #expect(
      String(decoding: transport.requests[0].body ?? Data(), as: UTF8.self)
        == #"{"clientName": "botocore-client-1767225600", "clientType": "public"}"#)
  }

  @Test func createTokenBodiesForEachGrant() async throws {
    let transport = ScriptedTransport(
      fallback: { _ in
        .json(
          200, #"{"accessToken":"at","tokenType":"Bearer","expiresIn":28800,"refreshToken":"rt"}"#)
      })
    let client = OIDCClient(endpoint: "http://h", transport: transport)
    let token = try await client.createToken(client: registration, grant: .deviceCode("dc-7"))
    #expect(token == TokenResponse(accessToken: "at", expiresIn: 28800, refreshToken: "rt"))
    _ = try await client.createToken(client: registration, grant: .refreshToken("rt-1"))
    _ = try await client.createToken(
      client: registration,
      grant: .authorizationCode(
        code: "ac", redirectURI: "http://127.0.0.1:49213/oauth/callback", codeVerifier: "v"))
    let bodies = transport.requests.map { String(decoding: $0.body ?? Data(), as: UTF8.self) }
    #expect(
      bodies == [
        #"{"grantType": "urn:ietf:params:oauth:grant-type:device_code", "clientId": "cid", "clientSecret": "secret", "deviceCode": "dc-7"}"#,
        #"{"grantType": "refresh_token", "clientId": "cid", "clientSecret": "secret", "refreshToken": "rt-1"}"#,
        #"{"grantType": "authorization_code", "clientId": "cid", "clientSecret": "secret", "redirectUri": "http://127.0.0.1:49213/oauth/callback", "codeVerifier": "v", "code": "ac"}"#,
      ])
    #expect(transport.requests.allSatisfy { $0.url == "http://h/token" })
  }

  @Test func serviceErrorsAreThrownWithTheirCode() async {
    let transport = ScriptedTransport([
      { _ in
        .awsError(
          400, "SlowDownException", #"{"error":"slow_down","error_description":"Too fast"}"#)
      }
    ])
    await #expect(
      throws: AWSServiceError(code: "SlowDownException", message: "Too fast", status: 400)
    ) {
      try await OIDCClient(endpoint: "http://h", transport: transport).createToken(
        client: registration, grant: .deviceCode("x"))
    }
  }

  @Test func unreadableSuccessIsAClearError() async {
    let transport = ScriptedTransport([{ _ in .json(200, #"{"accessToken":"x"}"#) }])
    await #expect(throws: AuthError.malformedResponse(operation: "CreateToken")) {
      try await OIDCClient(endpoint: "http://h", transport: transport).createToken(
        client: registration, grant: .deviceCode("x"))
    }
  }
}
