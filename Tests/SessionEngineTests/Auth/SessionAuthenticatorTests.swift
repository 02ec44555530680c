import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// The authenticator against a scripted service and a temporary home: what it reads,
/// writes and sends in each situation of spec §7.
struct SessionAuthenticatorTests {
  static let start = Date(timeIntervalSince1970: 1_767_225_600)
  let session = SSOSession(
    name: "acme-sso", startURL: "https://d-9a6f3c21b7.awsapps.com/start", region: "eu-central-1")
  let legacy = SSOSession(
    name: nil, startURL: "https://d-9a6f3c21b7.awsapps.com/start", region: "eu-central-1")

  struct Fixture {
    let home: String
    let directories: CacheDirectories
    let transport: ScriptedTransport
    let clock: ManualTimeSource
    let authenticator: SessionAuthenticator
    let store: TokenStore
  }

  func fixture(
    session: SSOSession? = nil, responses: [ScriptedTransport.Responder] = [],
    presenter: RecordingPresenter? = nil, flow: LoginFlow = .deviceCode
  ) throws -> Fixture {
    let session = session ?? self.session
    let home = try makeTemporaryFolder()
    let directories = try CacheDirectories(environment: Environment(["HOME": home]))
    let transport = ScriptedTransport(responses)
    let clock = ManualTimeSource(start: Self.start)
    let context = SessionContext(
      session: session, profile: nil,
      oidcEndpoint: ResolvedEndpoint(url: "http://oidc", source: .globalEnvironment),
      portalEndpoint: ResolvedEndpoint(url: "http://portal", source: .globalEnvironment))
    let authenticator = SessionAuthenticator(
      context: context, directories: directories, transport: transport, time: clock,
      interactive: presenter.map {
        SessionAuthenticator.InteractiveLogin(
          requestedFlow: flow, headlessReason: nil, presenter: $0)
      })
    return Fixture(
      home: home, directories: directories, transport: transport, clock: clock,
      authenticator: authenticator, store: TokenStore(session: session, directories: directories))
  }

  func token(expiresIn: TimeInterval, refreshable: Bool = true) -> SSOToken {
    SSOToken(
      startURL: session.startURL, region: session.region, accessToken: "old-token",
      expiresAt: Self.start + expiresIn, clientID: "cid", clientSecret: "csecret",
      registrationExpiresAt: Self.start + 86_400 * 30,
      refreshToken: refreshable ? "old-refresh" : nil)
  }

  static let refreshed: ScriptedTransport.Responder = { request in
    guard String(decoding: request.body ?? Data(), as: UTF8.self).contains("refresh_token") else {
      return .json(500, "{}")
    }
    return .json(
      200, #"{"accessToken":"new-token","expiresIn":28800,"refreshToken":"new-refresh"}"#)
  }

  @Test func aValidCachedTokenIsUsedWithoutAnyRequest() async throws {
    let fixture = try fixture()
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 3600))
    #expect(try await fixture.authenticator.accessToken() == "old-token")
    #expect(fixture.transport.requests.isEmpty)
  }

  @Test func refreshesInsideTheWindowAndWritesBotocoresFormat() async throws {
    let fixture = try fixture(responses: [Self.refreshed])
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 10 * 60))
    #expect(try await fixture.authenticator.accessToken() == "new-token")
    #expect(
      String(decoding: fixture.transport.requests[0].body ?? Data(), as: UTF8.self)
        == #"{"grantType": "refresh_token", "clientId": "cid", "clientSecret": "csecret", "refreshToken": "old-refresh"}"#
    )
    let written = try #require(
      AtomicFile.read(fixture.store.tokenPath).map { String(decoding: $0, as: UTF8.self) })
    #expect(
      written
        == #"{"startUrl": "https://d-9a6f3c21b7.awsapps.com/start", "region": "eu-central-1", "accessToken": "new-token", "expiresAt": "2026-01-01T08:00:00Z", "clientId": "cid", "clientSecret": "csecret", "registrationExpiresAt": "2026-01-31T00:00:00Z", "refreshToken": "new-refresh"}"#
    )
    let mode = try FileManager.default.attributesOfItem(atPath: fixture.store.tokenPath)[
      .posixPermissions]
    #expect((mode as? Int) == 0o600)
    // Used from memory afterwards: no more requests.
    #expect(try await fixture.authenticator.accessToken() == "new-token")
    #expect(fixture.transport.requests.count == 1)
  }

  @Test func aFailedRefreshIsToleratedUntilExpiry() async throws {
    let fixture = try fixture(responses: [
      { _ in .awsError(400, "InvalidGrantException", #"{"error":"invalid_grant"}"#) }
    ])
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 5 * 60))
    #expect(try await fixture.authenticator.accessToken() == "old-token")
    let notes = await fixture.authenticator.notes
    #expect(notes.contains { $0.contains("InvalidGrantException") })
    #expect(!notes.joined().contains("old-refresh"))
  }

  @Test func withoutLoginAnExpiredTokenSaysWhatToRun() async throws {
    let fixture = try fixture()
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: -1, refreshable: false))
    await #expect(
      throws: AuthError.notSignedIn(
        session: "acme-sso", loginCommand: "ssopick login --session acme-sso")
    ) { try await fixture.authenticator.accessToken() }
    #expect(fixture.transport.requests.isEmpty)
  }

  @Test func legacyTokensAreNeverRefreshed() async throws {
    let fixture = try fixture(session: legacy)
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 60))
    #expect(try await fixture.authenticator.accessToken() == "old-token")
    #expect(fixture.transport.requests.isEmpty)
    #expect(fixture.store.tokenPath.hasSuffix("/90cebac2f185834ae51dd56a4c4c59b3c8c63aa5.json"))
  }

  @Test func aCorruptTokenFileCountsAsAbsentAndIsNoted() async throws {
    let fixture = try fixture()
    defer { removeTemporaryFolder(fixture.home) }
    try AtomicFile.write(Array(#"{"accessToken": "half"#.utf8), to: fixture.store.tokenPath)
    await #expect(throws: AuthError.self) { try await fixture.authenticator.accessToken() }
    #expect(await fixture.authenticator.notes.contains { $0.contains("unreadable token file") })
    #expect(try await fixture.authenticator.status().state == .unreadable)
  }

  static let registered: ScriptedTransport.Responder = { _ in
    .json(
      200, #"{"clientId":"new-cid","clientSecret":"new-secret","clientSecretExpiresAt":1775001600}"#
    )
  }
  static let deviceStarted: ScriptedTransport.Responder = { _ in
    .json(
      200,
      #"{"deviceCode":"dc","userCode":"ABCD-EFGH","verificationUri":"https://v/","verificationUriComplete":"https://v/?c","expiresIn":600,"interval":1}"#
    )
  }
  static let deviceToken: ScriptedTransport.Responder = { _ in
    .json(200, #"{"accessToken":"fresh","expiresIn":3600,"refreshToken":"rt"}"#)
  }

  @Test func signsInWithADeviceCodeAndCachesTheRegistrationLikeTheCLI() async throws {
    let presenter = RecordingPresenter()
    let pending: ScriptedTransport.Responder = { _ in
      .awsError(400, "AuthorizationPendingException", #"{"error":"authorization_pending"}"#)
    }
    let fixture = try fixture(
      responses: [Self.registered, Self.deviceStarted, pending, Self.deviceToken],
      presenter: presenter)
    defer { removeTemporaryFolder(fixture.home) }
    #expect(try await fixture.authenticator.accessToken() == "fresh")

    let register = String(decoding: fixture.transport.requests[0].body ?? Data(), as: UTF8.self)
    #expect(
      register
        == #"{"clientName": "botocore-client-acme-sso", "clientType": "public", "scopes": ["sso:account:access"]}"#
    )
    // No scopes configured → the key's scopes are null (spec §7.3 vector 2).
    #expect(
      fixture.store.registrationPath.hasSuffix("/15a89cdead54aafd77b1afee12361790c06927c9.json"))
    let registration = try #require(try fixture.store.readRegistration().value)
    #expect(registration.clientID == "new-cid" && registration.grantTypes == nil)
    let saved = try #require(try fixture.store.readToken().value)
    #expect(saved.refreshToken == "rt" && saved.clientID == "new-cid")
    #expect(saved.expiresAt == Self.start + 3600)
    let folder = try FileManager.default.attributesOfItem(atPath: fixture.directories.ssoCache)
    #expect((folder[.posixPermissions] as? Int) == 0o700)
    #expect(presenter.presented.count == 1)
  }

  @Test func reusesACachedRegistrationAndReRegistersOnceWhenItWasRevoked() async throws {
    let presenter = RecordingPresenter()
    let fixture = try fixture(
      responses: [
        { _ in .awsError(401, "InvalidClientException", #"{"error":"invalid_client"}"#) },
        Self.registered, Self.deviceStarted, Self.deviceToken,
      ], presenter: presenter)
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeRegistration(
      ClientRegistration(
        clientID: "revoked", clientSecret: "s", expiresAt: Self.start + 86_400, scopes: nil,
        grantTypes: nil))
    #expect(try await fixture.authenticator.accessToken() == "fresh")
    let paths = fixture.transport.requests.map { $0.url }
    #expect(
      paths == [
        "http://oidc/device_authorization", "http://oidc/client/register",
        "http://oidc/device_authorization", "http://oidc/token",
      ])
    #expect(try fixture.store.readRegistration().value?.clientID == "new-cid")
  }

  @Test func renewingARejectedTokenForcesARefresh() async throws {
    let fixture = try fixture(responses: [Self.refreshed])
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 3600))
    #expect(try await fixture.authenticator.accessToken() == "old-token")
    #expect(try await fixture.authenticator.renewAccessToken(after: "old-token") == "new-token")
    // A second caller that saw the same rejected token gets the renewed one at once.
    #expect(try await fixture.authenticator.renewAccessToken(after: "old-token") == "new-token")
    #expect(fixture.transport.requests.count == 1)
  }

  @Test func renewingWithoutARefreshTokenIsUnauthorized() async throws {
    let fixture = try fixture()
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 3600, refreshable: false))
    #expect(try await fixture.authenticator.status().state == .signedIn)
    await #expect(throws: AuthError.self) {
      try await fixture.authenticator.renewAccessToken(after: "old-token")
    }
    // The file still says "valid for an hour", but the service refused it: expired now.
    let status = try await fixture.authenticator.status()
    #expect(status.state == .expired)
    #expect(status.accessTokenExpiresAt == Self.start)
    #expect(status.refreshableUntil == nil)
  }

  @Test func concurrentCallersInOneProcessShareOneRefresh() async throws {
    let fixture = try fixture(responses: [Self.refreshed])
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 60))
    let authenticator = fixture.authenticator
    let tokens = try await withThrowingTaskGroup(of: String.self) { group in
      for _ in 0..<20 { group.addTask { try await authenticator.accessToken() } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(tokens == Array(repeating: "new-token", count: 20))
    #expect(fixture.transport.requests.count == 1)
  }

  @Test func statusDescribesEachState() async throws {
    let fixture = try fixture()
    defer { removeTemporaryFolder(fixture.home) }
    #expect(try await fixture.authenticator.status().state == .notSignedIn)
    try fixture.store.writeToken(token(expiresIn: 3600))
    let signedIn = try await fixture.authenticator.status()
    #expect(signedIn.state == .signedIn)
    #expect(signedIn.accessTokenExpiresAt == Self.start + 3600)
    #expect(signedIn.refreshableUntil == Self.start + 86_400 * 30)
    try fixture.store.writeToken(token(expiresIn: -1))
    #expect(try await fixture.authenticator.status().state == .expiredRefreshable)
    try fixture.store.writeToken(token(expiresIn: -1, refreshable: false))
    #expect(try await fixture.authenticator.status().state == .expired)
  }

  @Test func logoutEndsTheSessionAndRemovesOnlyItsFiles() async throws {
    let fixture = try fixture(responses: [{ _ in HTTPResponse(status: 200) }])
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 3600))
    let registration = ClientRegistration(
      clientID: "c", clientSecret: "s", expiresAt: Self.start + 86_400, scopes: nil, grantTypes: nil
    )
    try fixture.store.writeRegistration(registration)
    let other = TokenStore(
      session: SSOSession(name: "other", startURL: "https://o/start", region: "eu-west-1"),
      directories: fixture.directories)
    try other.writeToken(token(expiresIn: 3600))
    let folder = fixture.directories.sessionFolder(for: session)
    try AtomicFile.write(Array("catalog".utf8), to: folder + "/catalog")
    try AtomicFile.write([], to: folder + "/.login.ssopick-lock")

    let outcome = try await fixture.authenticator.logout()
    #expect(outcome == .init(hadToken: true, serviceProblem: nil))
    #expect(fixture.transport.requests.first?.url == "http://portal/logout")
    #expect(
      fixture.transport.requests.first?.headers.value(for: "x-amz-sso_bearer_token") == "old-token")
    #expect(try fixture.store.readToken().value == nil)
    #expect(try fixture.store.readRegistration().value == registration)
    #expect(try other.readToken().value != nil)
    // The caches go; the lock file stays (deleting a lock another process holds breaks it).
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [".login.ssopick-lock"])
  }

  @Test func logoutStillRemovesTheTokenWhenTheServiceIsUnreachable() async throws {
    let fixture = try fixture(responses: [
      { _ in throw HTTPTransportError(kind: .connect, message: "Connection refused", host: "portal")
      }
    ])
    defer { removeTemporaryFolder(fixture.home) }
    try fixture.store.writeToken(token(expiresIn: 3600))
    let outcome = try await fixture.authenticator.logout()
    #expect(outcome.serviceProblem?.contains("Connection refused") == true)
    #expect(try fixture.store.readToken().value == nil)
  }
}
