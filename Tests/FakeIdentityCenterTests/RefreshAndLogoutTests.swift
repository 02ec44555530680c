import FakeIdentityCenter
import Foundation
import LoopbackServer
import Testing

@Suite("Refresh tokens, access-token expiry and logout")
struct RefreshAndLogoutTests {
  @Test func refreshRotatesAndRevokesTheOldRefreshToken() async throws {
    let center = try Fixture.center()
    let (client, tokens) = try await center.login()
    let old = try #require(tokens.refresh)
    let response = await center.refresh(client, old)
    let json = try #require(response.jsonObject)
    #expect(response.status == 200)
    #expect(json["tokenType"] as? String == "Bearer" && json["expiresIn"] as? Int == 28_800)
    let rotated = try #require(json["refreshToken"] as? String)
    #expect(rotated != old)
    #expect(await center.refresh(client, old).errorType == "InvalidGrantException")
    #expect(await center.refresh(client, rotated).status == 200)
    // The old access token still works until it expires; the new one too.
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 200)
    let access = try #require(json["accessToken"] as? String)
    #expect(await center.get("/assignment/accounts", token: access).status == 200)
  }

  @Test func withoutRotationTheSameRefreshTokenStaysValid() async throws {
    let center = try Fixture.center { $0.rotateRefreshTokens = false }
    let (client, tokens) = try await center.login()
    let token = try #require(tokens.refresh)
    for _ in 0..<3 {
      let response = await center.refresh(client, token)
      #expect(response.status == 200)
      #expect(response.jsonObject?["refreshToken"] == nil)
    }
  }

  @Test func unknownForeignOrExpiredRefreshTokensAreInvalidGrant() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) { $0.refreshTokenLifetime = 100 }
    let (client, tokens) = try await center.login()
    let other = try await center.register(scopes: ["sso:account:access"])
    let token = try #require(tokens.refresh)
    #expect(await center.refresh(client, "aor-unknown").errorType == "InvalidGrantException")
    #expect(await center.refresh(other, token).errorType == "InvalidGrantException")
    clock.advance(by: 100)
    #expect(await center.refresh(client, token).errorType == "InvalidGrantException")
  }

  @Test func expiredRegistrationMakesRefreshInvalidClient() async throws {
    let center = try Fixture.center()
    let (client, tokens) = try await center.login()
    #expect(
      await center.control("POST", "registrations/expire", ["clientId": client.id]).status == 200)
    let response = await center.refresh(client, try #require(tokens.refresh))
    #expect(response.status == 401 && response.errorType == "InvalidClientException")
  }

  @Test func accessTokensExpireOnTheClock() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) { $0.accessTokenLifetime = 3_600 }
    let (_, tokens) = try await center.login()
    clock.advance(by: 3_599)
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 200)
    clock.advance(by: 1)
    let expired = await center.get("/assignment/accounts", token: tokens.access)
    #expect(expired.status == 401 && expired.errorType == "UnauthorizedException")
  }

  @Test func logoutEndsTheAccessTokenAndItsRefreshToken() async throws {
    let center = try Fixture.center()
    let (client, tokens) = try await center.login()
    let logout = await center.handle(
      FakeHTTPRequest(
        method: "POST", target: "/logout", headers: ["x-amz-sso_bearer_token": tokens.access]))
    #expect(logout.status == 200 && logout.body.isEmpty)
    #expect(logout.header("x-amzn-RequestId") != nil)
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 401)
    #expect(
      await center.refresh(client, try #require(tokens.refresh)).errorType
        == "InvalidGrantException")
    let again = await center.handle(
      FakeHTTPRequest(
        method: "POST", target: "/logout", headers: ["x-amz-sso_bearer_token": tokens.access]))
    #expect(again.status == 401)
  }

  @Test func controlExpiresTokensByValueOrAll() async throws {
    let center = try Fixture.center()
    let (client, first) = try await center.login()
    let (_, second) = try await center.login()
    let one = await center.control("POST", "tokens/expire", ["accessToken": first.access])
    #expect(one.jsonObject?["expired"] as? Int == 1)
    #expect(await center.get("/assignment/accounts", token: first.access).status == 401)
    #expect(await center.get("/assignment/accounts", token: second.access).status == 200)
    _ = await center.control("POST", "tokens/expire", ["all": "both"])
    #expect(await center.get("/assignment/accounts", token: second.access).status == 401)
    #expect(
      await center.refresh(client, try #require(first.refresh)).errorType == "InvalidGrantException"
    )
  }
}
