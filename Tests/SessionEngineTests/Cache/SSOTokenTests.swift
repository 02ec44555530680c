import Foundation
import SessionEngine
import Testing

struct SSOTokenTests {
  /// The token file of spec §7.2, byte for byte.
  static let specFile =
    #"{"startUrl": "https://d-9a6f3c21b7.awsapps.com/start", "region": "eu-central-1", "accessToken": "aoaEXAMPLEaccessToken", "expiresAt": "2026-01-01T08:00:00Z", "clientId": "kQm3ZXhhbXBsZS1jbGllbnQtaWQ", "clientSecret": "eyJraWQiOiJrZXktRVhBTVBMRSJ9.c2VjcmV0.c2ln", "registrationExpiresAt": "2026-04-01T00:00:00Z", "refreshToken": "rt-Aa1EXAMPLE"}"#

  static let specToken = SSOToken(
    startURL: "https://d-9a6f3c21b7.awsapps.com/start", region: "eu-central-1",
    accessToken: "aoaEXAMPLEaccessToken", expiresAt: Date(timeIntervalSince1970: 1_767_254_400),
    clientID: "kQm3ZXhhbXBsZS1jbGllbnQtaWQ",
    clientSecret: "eyJraWQiOiJrZXktRVhBTVBMRSJ9.c2VjcmV0.c2ln",
    registrationExpiresAt: Date(timeIntervalSince1970: 1_775_001_600),
    refreshToken: "rt-Aa1EXAMPLE")

  @Test func writesTheSpecFileExactly() {
    #expect(String(decoding: Self.specToken.encoded(), as: UTF8.self) == Self.specFile)
  }

  @Test func readsTheSpecFile() {
    #expect(SSOToken.decode(Data(Self.specFile.utf8)) == Self.specToken)
  }

  @Test func readsMinimalAndForeignSpellings() throws {
    let token = try #require(
      SSOToken.decode(
        Data(#"{"accessToken":"a","expiresAt":"2026-01-01T08:00:00.5+00:00","other":1}"#.utf8)))
    #expect(token.accessToken == "a")
    #expect(!token.canRefresh)
    #expect(token.startURL == nil)
  }

  @Test(arguments: [
    "", "not json", "{}", #"{"accessToken":"a"}"#, #"{"expiresAt":"2026-01-01T08:00:00Z"}"#,
    #"{"accessToken":"a","expiresAt":"2026-01-01T08:00:00"}"#,
    #"{"accessToken":"","expiresAt":"2026-01-01T08:00:00Z"}"#,
    #"{"accessToken":"a","expiresAt":"2026-01-01T08:00:00Z""#,
  ])
  func corruptOrPartialFilesAreAbsent(text: String) {
    #expect(SSOToken.decode(Data(text.utf8)) == nil)
  }

  @Test func descriptionNeverShowsSecrets() {
    let text = String(describing: Self.specToken)
    for secret in ["aoaEXAMPLEaccessToken", "eyJraWQ", "rt-Aa1EXAMPLE"] {
      #expect(!text.contains(secret))
    }
  }
}

struct RegistrationRecordTests {
  let pkce = ClientRegistration(
    clientID: "kQm3ZXhhbXBsZS1jbGllbnQtaWQ",
    clientSecret: "eyJraWQiOiJrZXktRVhBTVBMRSJ9.c2VjcmV0.c2ln",
    expiresAt: Date(timeIntervalSince1970: 1_775_001_600), scopes: ["sso:account:access"],
    grantTypes: ["authorization_code", "refresh_token"])

  @Test func writesTheSpecExamples() {
    #expect(
      String(decoding: RegistrationRecord.encode(pkce), as: UTF8.self)
        == #"{"clientId": "kQm3ZXhhbXBsZS1jbGllbnQtaWQ", "clientSecret": "eyJraWQiOiJrZXktRVhBTVBMRSJ9.c2VjcmV0.c2ln", "expiresAt": "2026-04-01T00:00:00Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}"#
    )
    let device = ClientRegistration(
      clientID: "dEvIcEcLiEnTiD", clientSecret: "eyJ...", expiresAt: pkce.expiresAt, scopes: nil,
      grantTypes: nil)
    #expect(
      String(decoding: RegistrationRecord.encode(device), as: UTF8.self)
        == #"{"clientId": "dEvIcEcLiEnTiD", "clientSecret": "eyJ...", "expiresAt": "2026-04-01T00:00:00Z"}"#
    )
    #expect(RegistrationRecord.decode(RegistrationRecord.encode(pkce)) == pkce)
    #expect(RegistrationRecord.decode(Data("{broken".utf8)) == nil)
  }

  @Test func reuseNeedsFifteenMinutesAndTheSameFlow() {
    let expiry = pkce.expiresAt
    #expect(RegistrationRecord.isReusable(pkce, forPKCE: true, now: expiry - 16 * 60))
    #expect(!RegistrationRecord.isReusable(pkce, forPKCE: true, now: expiry - 15 * 60))
    #expect(!RegistrationRecord.isReusable(pkce, forPKCE: false, now: expiry - 3600))
    var device = pkce
    device.grantTypes = nil
    #expect(RegistrationRecord.isReusable(device, forPKCE: false, now: expiry - 3600))
    #expect(!RegistrationRecord.isReusable(device, forPKCE: true, now: expiry - 3600))
  }
}

struct RefreshPolicyTests {
  let now = Date(timeIntervalSince1970: 1_767_225_600)

  func token(
    expiresIn: TimeInterval, refreshable: Bool = true, registrationLeft: TimeInterval = 86_400
  )
    -> SSOToken
  {
    SSOToken(
      startURL: "u", region: "r", accessToken: "a", expiresAt: now + expiresIn,
      clientID: refreshable ? "c" : nil, clientSecret: "s",
      registrationExpiresAt: now + registrationLeft, refreshToken: refreshable ? "rt" : nil)
  }

  @Test func followsBotocoresWindow() {
    #expect(RefreshPolicy.decide(token(expiresIn: 15 * 60), legacy: false, now: now) == .use)
    #expect(
      RefreshPolicy.decide(token(expiresIn: 15 * 60 - 1), legacy: false, now: now) == .refresh)
    #expect(RefreshPolicy.decide(token(expiresIn: -10), legacy: false, now: now) == .refresh)
    #expect(
      RefreshPolicy.decide(token(expiresIn: 60, refreshable: false), legacy: false, now: now)
        == .useUntilExpiry)
    #expect(
      RefreshPolicy.decide(token(expiresIn: 0, refreshable: false), legacy: false, now: now)
        == .login)
    #expect(
      RefreshPolicy.decide(token(expiresIn: 60, registrationLeft: 0), legacy: false, now: now)
        == .useUntilExpiry)
  }

  @Test func neverRefreshesLegacyTokens() {
    #expect(RefreshPolicy.decide(token(expiresIn: 60), legacy: true, now: now) == .useUntilExpiry)
    #expect(RefreshPolicy.decide(token(expiresIn: -1), legacy: true, now: now) == .login)
  }

  @Test func refreshedTokenKeepsTheRegistrationAndDropsAMissingRefreshToken() {
    let old = token(expiresIn: 60)
    let new = RefreshPolicy.refreshed(
      old, with: TokenResponse(accessToken: "new", expiresIn: 3600, refreshToken: nil), now: now)
    #expect(new.accessToken == "new")
    #expect(new.expiresAt == now + 3600)
    #expect(new.refreshToken == nil)
    #expect(new.clientID == old.clientID && new.registrationExpiresAt == old.registrationExpiresAt)
  }
}
