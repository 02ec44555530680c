import Crypto
import FakeIdentityCenter
import Foundation
import LoopbackServer
import Testing

@Suite("The /_fake/ control API")
struct ControlTests {
  @Test func tokenCacheDocumentIsTheCLIFormatAndLive() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock)
    let response = await center.control(
      "POST", "token-cache",
      ["sessionName": "acme-sso", "startUrl": Fixture.startURL, "region": "eu-central-1"])
    let json = try #require(response.jsonObject)
    #expect(json["fileName"] as? String == "97de80f8b6607d97ffda321b351f24048b242432.json")
    let contents = try #require(json["contents"] as? String)
    let access = try #require(json["accessToken"] as? String)
    let refresh = try #require(json["refreshToken"] as? String)
    let clientId = try #require(json["clientId"] as? String)
    #expect(
      contents.hasPrefix(
        #"{"startUrl": "https://d-9a6f3c21b7.awsapps.com/start", "region": "eu-central-1", "accessToken": ""#
          + access + #"", "expiresAt": "2026-01-01T08:00:00Z", "clientId": ""# + clientId))
    #expect(
      contents.contains(#""registrationExpiresAt": "2026-04-01T00:00:00Z", "refreshToken": ""#))
    #expect(contents.hasSuffix(refresh + "\"}"))
    #expect(await center.get("/assignment/accounts", token: access).status == 200)

    // The registration is live: its refresh token works.
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(contents.utf8)) as? [String: String])
    let client = Client(id: clientId, secret: try #require(parsed["clientSecret"]))
    #expect(await center.refresh(client, refresh).status == 200)
  }

  @Test func legacyTokenCacheIsKeyedByStartURLAndEscapedLikePython() async throws {
    let center = try Fixture.center()
    let response = await center.control(
      "POST", "token-cache", ["startUrl": "https://équipe.example/start", "expiresIn": 300])
    let json = try #require(response.jsonObject)
    let expected = Insecure.SHA1.hash(data: Data("https://équipe.example/start".utf8))
      .map { String(format: "%02x", $0) }.joined()
    #expect(json["fileName"] as? String == expected + ".json")
    #expect(
      (json["contents"] as? String)?.contains(#""startUrl": "https://\u00e9quipe.example/start""#)
        == true)
  }

  @Test func requestLogKeepsNamesNeverSecrets() async throws {
    let center = try Fixture.center()
    let (client, tokens) = try await center.login()
    _ = await center.get(
      "/federation/credentials?role_name=Billing&account_id=210987654321", token: tokens.access)
    let log = await center.control("GET", "requests")
    let entries = try #require(log.jsonObject?["requests"] as? [[String: Any]])
    #expect(
      entries.map { $0["operation"] as? String } == [
        "RegisterClient", "StartDeviceAuthorization", "CreateToken", "GetRoleCredentials",
      ])
    let last = try #require(entries.last)
    #expect(last["queryNames"] as? [String] == ["role_name", "account_id"])
    #expect(last["status"] as? Int == 200)
    #expect(last["path"] as? String == "/federation/credentials")
    for secret in [client.secret, tokens.access, try #require(tokens.refresh), "210987654321"] {
      #expect(!log.text.contains(secret))
    }
    #expect(await center.control("DELETE", "requests").status == 200)
    #expect(
      (await center.control("GET", "requests").jsonObject?["requests"] as? [Any])?.isEmpty == true)
  }

  @Test func requestLogIsBounded() async throws {
    let center = try Fixture.center { $0.requestLogLimit = 3 }
    for path in ["/a", "/b", "/c", "/d", "/e"] { _ = await center.get(path) }
    let entries =
      await center.control("GET", "requests").jsonObject?["requests"] as? [[String: Any]]
    #expect(entries?.map { $0["path"] as? String } == ["/c", "/d", "/e"])
  }

  @Test func rateLimitsAndSettingsAtRuntime() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    let set = await center.control(
      "POST", "rate-limits", ["operation": "*portal", "rps": 1, "burst": 1])
    #expect(set.status == 200)
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 200)
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 429)
    _ = await center.control("POST", "rate-limits", ["operation": "*portal", "rps": NSNull()])
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 200)

    let settings = await center.control(
      "POST", "settings", ["errorTypeSuffix": true, "slowDown": "never"])
    #expect(settings.jsonObject?["errorTypeSuffix"] as? Bool == true)
    #expect(settings.jsonObject?["slowDown"] as? String == "never")
    #expect(
      await center.get("/assignment/accounts").header("x-amzn-ErrorType")?.contains(":http://")
        == true)
    #expect(await center.control("POST", "settings", ["autoApprove": "yes"]).status == 400)
  }

  @Test func clockControlMovesTimeForSubprocesses() async throws {
    let center = try Fixture.center()
    let client = try await center.register()
    let device = try await center.startDevice(client)
    let moved = await center.control("POST", "clock", ["advanceSeconds": 601])
    #expect(moved.jsonObject?["offsetSeconds"] as? Double == 601)
    #expect(await center.poll(client, device.deviceCode).errorType == "ExpiredTokenException")
  }

  @Test func deviceCodesListing() async throws {
    let center = try Fixture.center()
    let client = try await center.register()
    let device = try await center.startDevice(client)
    let listed = await center.control("GET", "device-codes")
    let codes = try #require(listed.jsonObject?["deviceCodes"] as? [[String: Any]])
    #expect(codes.first?["userCode"] as? String == device.userCode)
    #expect(codes.first?["state"] as? String == "pending")
    #expect(!listed.text.contains(device.deviceCode))
    #expect(
      await center.control("POST", "device-codes/approve", ["userCode": "NOPE-NOPE"]).status == 404)
  }

  @Test func resetForgetsEverythingButTheOrganisation() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    _ = await center.control(
      "POST", "faults", ["operation": "ListAccounts", "status": 502, "count": 5])
    #expect(await center.control("POST", "reset").status == 200)
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 401)
    let stats = await center.control("GET", "stats").jsonObject
    #expect(stats?["total"] as? Int == 1)
    let (_, fresh) = try await center.login()
    #expect(await center.get("/assignment/accounts", token: fresh.access).status == 200)
  }

  @Test func organisationDumpRoundTripsThroughTheFileParser() async throws {
    let center = try Fixture.center()
    let dump = await center.control("GET", "organisation")
    let parsed = try Organisation.parse(dump.body, path: "dump.json")
    #expect(parsed == center.organisation)
  }

  @Test func unknownControlEndpointIs404() async throws {
    let center = try Fixture.center()
    #expect(await center.control("GET", "nothing").status == 404)
    #expect(
      await center.control("POST", "faults", ["operation": "Nope", "status": 500]).status == 400)
  }
}

@Suite("Console federation endpoint")
struct FederationTests {
  static func credentials(_ center: FakeIdentityCenter) async throws -> [String: String] {
    let (_, tokens) = try await center.login()
    let response = await center.get(
      "/federation/credentials?role_name=Billing&account_id=210987654321", token: tokens.access)
    let json = try #require(response.jsonObject?["roleCredentials"] as? [String: Any])
    return [
      "sessionId": try #require(json["accessKeyId"] as? String),
      "sessionKey": try #require(json["secretAccessKey"] as? String),
      "sessionToken": try #require(json["sessionToken"] as? String),
    ]
  }

  static func session(_ fields: [String: String]) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    return percentEncoded(String(decoding: data, as: UTF8.self))
  }

  @Test func signinTokenThenLoginRedirect() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock)
    let fields = try await Self.credentials(center)
    let response = await center.get(
      "/federation?Action=getSigninToken&SessionDuration=3600&Session=" + (try Self.session(fields))
    )
    #expect(response.status == 200 && response.header("Content-Type") == "application/json")
    let token = try #require(response.jsonObject?["SigninToken"] as? String)
    let destination = "https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1"
    let login =
      "/federation?Action=login&Issuer=ssopick&Destination=\(percentEncoded(destination))"
      + "&SigninToken=\(percentEncoded(token))"
    let redirect = await center.get(login)
    #expect(redirect.status == 302 && redirect.header("Location") == destination)
    let elsewhere = login.replacingOccurrences(
      of: percentEncoded(destination), with: percentEncoded("https://evil.example/"))
    #expect(await center.get(elsewhere).status == 400)
    clock.advance(by: 900)
    #expect(await center.get(login).status == 400)
  }

  @Test func formEncodedPlusIsASpaceHere() async throws {
    let center = try Fixture.center()
    let fields = try await Self.credentials(center)
    // Python's quote_plus: spaces as "+", "+" in the secret as %2B.
    let json =
      "{\"sessionId\": \"\(fields["sessionId"] ?? "")\", \"sessionKey\": \"\(fields["sessionKey"] ?? "")\", \"sessionToken\": \"\(fields["sessionToken"] ?? "")\"}"
    let encoded = percentEncoded(json).replacingOccurrences(of: "%20", with: "+")
    let response = await center.get("/federation?Action=getSigninToken&Session=" + encoded)
    #expect(response.status == 200)
  }

  @Test func refusesForeignExpiredOrMalformedSessions() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) { $0.roleCredentialLifetime = 60 }
    var fields = try await Self.credentials(center)
    let good = try Self.session(fields)
    #expect(
      await center.get("/federation?Action=getSigninToken&SessionDuration=899&Session=" + good)
        .status == 400)
    #expect(await center.get("/federation?Action=getSigninToken&Session=%7B%7D").status == 400)
    fields["sessionKey"] = "wrong"
    #expect(
      await center.get("/federation?Action=getSigninToken&Session=" + (try Self.session(fields)))
        .status == 400)
    clock.advance(by: 60)
    #expect(await center.get("/federation?Action=getSigninToken&Session=" + good).status == 400)
  }
}

@Suite("The controls as Swift calls")
struct SwiftControlTests {
  @Test func swiftControlsDriveTheSameState() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock)
    let client = try await center.register()
    let device = try await center.startDevice(client)
    #expect(center.pendingUserCodes() == [device.userCode])
    #expect(center.decideDeviceCode(userCode: device.userCode))
    #expect(!center.decideDeviceCode(userCode: device.userCode))
    #expect(await center.poll(client, device.deviceCode).status == 200)

    let document = try center.tokenCacheDocument(
      startURL: Fixture.startURL, sessionName: "acme-sso")
    #expect(document.fileName == "97de80f8b6607d97ffda321b351f24048b242432.json")
    #expect(await center.get("/assignment/accounts", token: document.accessToken).status == 200)
    center.expireAllTokens()
    #expect(await center.get("/assignment/accounts", token: document.accessToken).status == 401)

    try center.addFault(.init(operation: .listAccounts, answer: .status(502)))
    center.setRateLimit(.init(rps: 1, burst: 1), for: .listAccountRoles)
    #expect(await center.get("/assignment/accounts").status == 502)
    #expect(center.requestLog().last?.status == 502)
    #expect(center.stats().operations[.listAccounts] == 3)

    center.advanceClock(by: 10_000)
    #expect(throws: FakeIdentityCenterError.self) {
      try center.addFault(.init(operation: .control, answer: .status(500)))
    }
    center.reset()
    #expect(center.stats().total == 0 && center.requestLog().isEmpty)
    #expect(center.pendingUserCodes().isEmpty)
  }
}
