import FakeIdentityCenter
import Foundation
import LoopbackServer
import Testing

@Suite("Device-code flow: every state of the state machine")
struct DeviceFlowTests {
  @Test func startAnswersAllSixMembers() async throws {
    let center = try Fixture.center { $0.deviceCodeInterval = 2 }
    let client = try await center.register()
    let response = await center.post(
      "/device_authorization",
      ["clientId": client.id, "clientSecret": client.secret, "startUrl": Fixture.startURL])
    let json = try #require(response.jsonObject)
    #expect(response.status == 200)
    #expect(response.header("Content-Type") == "application/json")
    #expect(response.header("x-amzn-RequestId")?.count == 36)
    #expect(json["expiresIn"] as? Int == 600)
    #expect(json["interval"] as? Int == 2)
    let userCode = try #require(json["userCode"] as? String)
    #expect(userCode.count == 9 && userCode.contains("-"))
    #expect(
      (json["verificationUriComplete"] as? String)?.hasSuffix("user_code=" + userCode) == true)
    #expect(json["deviceCode"] is String && json["verificationUri"] is String)
  }

  @Test func pendingThenApprovedThenUsed() async throws {
    let center = try Fixture.center()
    let client = try await center.register(scopes: ["sso:account:access"])
    let device = try await center.startDevice(client)
    let pending = await center.poll(client, device.deviceCode)
    #expect(pending.status == 400)
    #expect(pending.errorType == "AuthorizationPendingException")
    #expect(pending.oauthError == "authorization_pending")
    #expect(pending.jsonObject?["error_description"] as? String == "Authorization is still pending")

    #expect(
      await center.control("POST", "device-codes/approve", ["userCode": device.userCode]).status
        == 200)
    let tokens = await center.poll(client, device.deviceCode)
    let json = try #require(tokens.jsonObject)
    #expect(tokens.status == 200)
    #expect(json["tokenType"] as? String == "Bearer")
    #expect(json["expiresIn"] as? Int == 28_800)
    #expect((json["accessToken"] as? String)?.isEmpty == false)
    #expect((json["refreshToken"] as? String)?.isEmpty == false)

    let again = await center.poll(client, device.deviceCode)
    #expect(again.status == 400 && again.errorType == "InvalidGrantException")
  }

  @Test func noRefreshTokenWithoutAccountAccessScope() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login(scopes: nil)
    #expect(tokens.refresh == nil)
  }

  @Test func deniedStaysDenied() async throws {
    let center = try Fixture.center()
    let client = try await center.register()
    let device = try await center.startDevice(client)
    #expect(
      await center.control("POST", "device-codes/deny", ["userCode": device.userCode]).status == 200
    )
    for _ in 0..<2 {
      let response = await center.poll(client, device.deviceCode)
      #expect(response.errorType == "AccessDeniedException")
      #expect(response.oauthError == "access_denied")
    }
    // A decided code can no longer be approved.
    #expect(
      await center.control("POST", "device-codes/approve", ["userCode": device.userCode]).status
        == 404)
  }

  @Test func expiresAfterExpiresIn() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) { $0.deviceCodeLifetime = 60 }
    let client = try await center.register()
    let device = try await center.startDevice(client)
    clock.advance(by: 59)
    #expect(
      await center.poll(client, device.deviceCode).errorType == "AuthorizationPendingException")
    clock.advance(by: 1)
    let expired = await center.poll(client, device.deviceCode)
    #expect(expired.errorType == "ExpiredTokenException" && expired.oauthError == "expired_token")
    // An expired code cannot be approved either.
    #expect(
      await center.control("POST", "device-codes/approve", ["userCode": device.userCode]).status
        == 404)
  }

  @Test func unknownOrForeignDeviceCodeIsInvalidGrant() async throws {
    let center = try Fixture.center()
    let client = try await center.register()
    let other = try await center.register()
    let device = try await center.startDevice(client)
    #expect(await center.poll(client, "no-such-code").errorType == "InvalidGrantException")
    #expect(await center.poll(other, device.deviceCode).errorType == "InvalidGrantException")
  }

  @Test func wrongSecretOrUnknownClientIs401InvalidClient() async throws {
    let center = try Fixture.center()
    let client = try await center.register()
    let wrong = Client(id: client.id, secret: client.secret + "x")
    let start = await center.post(
      "/device_authorization",
      ["clientId": wrong.id, "clientSecret": wrong.secret, "startUrl": Fixture.startURL])
    #expect(start.status == 401 && start.errorType == "InvalidClientException")
    #expect(start.oauthError == "invalid_client")
    let poll = await center.poll(Client(id: "unknown", secret: "x"), "code")
    #expect(poll.status == 401 && poll.errorType == "InvalidClientException")
  }

  @Test func expiredRegistrationIsInvalidClient() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) { $0.registrationLifetime = 100 }
    let client = try await center.register()
    clock.advance(by: 100)
    let response = await center.post(
      "/device_authorization",
      ["clientId": client.id, "clientSecret": client.secret, "startUrl": Fixture.startURL])
    #expect(response.status == 401 && response.errorType == "InvalidClientException")
  }

  @Test func pkceRegistrationCannotStartDeviceFlow() async throws {
    let center = try Fixture.center()
    let client = try await center.register(pkce: true)
    let response = await center.post(
      "/device_authorization",
      ["clientId": client.id, "clientSecret": client.secret, "startUrl": Fixture.startURL])
    #expect(response.errorType == "UnauthorizedClientException")
  }

  @Test func slowDownSparesTheTwoBackToBackPollsOfSpec34() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock)  // interval 1, exempt 2 (defaults)
    let client = try await center.register()
    let device = try await center.startDevice(client)
    #expect(
      await center.poll(client, device.deviceCode).errorType == "AuthorizationPendingException")
    #expect(
      await center.poll(client, device.deviceCode).errorType == "AuthorizationPendingException")
    // Third poll 0.5 s later: too fast.
    clock.advance(by: 0.5)
    let fast = await center.poll(client, device.deviceCode)
    #expect(fast.errorType == "SlowDownException" && fast.oauthError == "slow_down")
    // The required interval is now 1 + 5 = 6 s after the previous poll.
    clock.advance(by: 5.9)
    #expect(await center.poll(client, device.deviceCode).errorType == "SlowDownException")
    // Two SlowDowns: 11 s needed.
    clock.advance(by: 11)
    #expect(
      await center.poll(client, device.deviceCode).errorType == "AuthorizationPendingException")
  }

  @Test func slowDownStrictAndNever() async throws {
    let clock = ManualFakeClock()
    let strict = try Fixture.center(clock: clock) { $0.slowDown = .enforceInterval(exemptPolls: 0) }
    let client = try await strict.register()
    let device = try await strict.startDevice(client)
    #expect(
      await strict.poll(client, device.deviceCode).errorType == "AuthorizationPendingException")
    #expect(await strict.poll(client, device.deviceCode).errorType == "SlowDownException")

    let relaxed = try Fixture.center(clock: clock) { $0.slowDown = .never }
    let other = try await relaxed.register()
    let code = try await relaxed.startDevice(other)
    for _ in 0..<5 {
      #expect(
        await relaxed.poll(other, code.deviceCode).errorType == "AuthorizationPendingException")
    }
  }

  @Test func autoApproveAfterDelay() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) {
      $0.autoApprove = true
      $0.autoApproveDelay = 10
    }
    let client = try await center.register()
    let device = try await center.startDevice(client)
    #expect(
      await center.poll(client, device.deviceCode).errorType == "AuthorizationPendingException")
    clock.advance(by: 10)
    #expect(await center.poll(client, device.deviceCode).status == 200)
  }

  @Test func devicePageApprovesLikeAPerson() async throws {
    let center = try Fixture.center()
    let client = try await center.register()
    let device = try await center.startDevice(client)
    let page = await center.get("/device?user_code=" + device.userCode)
    #expect(page.status == 200 && page.text.contains(device.userCode))
    let form = await center.handle(
      FakeHTTPRequest(
        method: "POST", target: "/device",
        headers: ["content-type": "application/x-www-form-urlencoded"],
        body: Data("user_code=\(device.userCode.lowercased())&decision=approve".utf8)))
    #expect(form.status == 200)
    #expect(await center.poll(client, device.deviceCode).status == 200)
  }
}

@Suite("RegisterClient and CreateToken request validation")
struct RegistrationTests {
  @Test func registrationAnswersEpochSeconds() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock)
    let response = await center.post(
      "/client/register", ["clientName": "botocore-client-acme-sso", "clientType": "public"])
    let json = try #require(response.jsonObject)
    #expect(json["clientIdIssuedAt"] as? Int == 1_767_225_600)
    #expect(json["clientSecretExpiresAt"] as? Int == 1_767_225_600 + 90 * 86_400)
  }

  @Test(
    arguments: [
      (["clientType": "public"], "InvalidRequestException"),
      (["clientName": "x", "clientType": "confidential"], "InvalidClientMetadataException"),
      (
        ["clientName": "x", "clientType": "public", "scopes": ["bad scope"]],
        "InvalidScopeException"
      ),
      (
        ["clientName": "x", "clientType": "public", "grantTypes": ["password"]],
        "UnsupportedGrantTypeException"
      ),
      (
        [
          "clientName": "x", "clientType": "public", "grantTypes": ["authorization_code"],
          "issuerUrl": "https://x.example",
        ], "InvalidRequestException"
      ),
      (
        [
          "clientName": "x", "clientType": "public", "grantTypes": ["authorization_code"],
          "redirectUris": ["https://evil.example/cb"], "issuerUrl": "https://x.example",
        ],
        "InvalidRedirectUriException"
      ),
    ] as [([String: any Sendable], String)])
  func registrationErrors(body: [String: any Sendable], expected: String) async throws {
    let center = try Fixture.center()
    let response = await center.post("/client/register", body)
    #expect(response.status == 400)
    #expect(response.errorType == expected)
    #expect(response.jsonObject?["error_description"] is String)
  }

  @Test func createTokenValidation() async throws {
    let center = try Fixture.center()
    let client = try await center.register()
    let notJSON = await center.handle(
      FakeHTTPRequest(method: "POST", target: "/token", body: Data("nope".utf8)))
    #expect(notJSON.errorType == "InvalidRequestException")
    let unsupported = await center.post(
      "/token", ["clientId": client.id, "clientSecret": client.secret, "grantType": "password"])
    #expect(unsupported.errorType == "UnsupportedGrantTypeException")
    let deviceClientCode = await center.post(
      "/token",
      [
        "clientId": client.id, "clientSecret": client.secret, "grantType": "authorization_code",
        "code": "c", "redirectUri": Fixture.redirectURI, "codeVerifier": Fixture.verifier,
      ])
    #expect(deviceClientCode.errorType == "UnauthorizedClientException")
    let missing = await center.post(
      "/token",
      ["clientId": client.id, "clientSecret": client.secret, "grantType": Fixture.deviceGrant])
    #expect(missing.errorType == "InvalidRequestException")
  }
}
