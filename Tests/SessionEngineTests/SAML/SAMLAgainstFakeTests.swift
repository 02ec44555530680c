import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// The whole SAML sign-in in process: ssopick's AuthnRequest → the fake Entra IdP (on its
/// socket) → the browser stand-in → the loopback ACS listener → the parsed roles → STS
/// AssumeRoleWithSAML at the fake, and every way it can fail. Time is virtual on both sides.
@Suite("SAML sign-in against the fake IdP and STS")
struct SAMLAgainstFakeTests {
  typealias SAML = FakeIdentityCenter.Options.SAML
  static let start = Date(timeIntervalSince1970: 1_767_225_600)

  struct World {
    let center: FakeIdentityCenter
    let fakeClock: ManualFakeClock
    let time: ManualTimeSource
    let sts: STSClient
    let idpURL: String

    /// A signed-in round: the request sent and what the browser ended on, with the posted
    /// response when one reached the listener.
    struct Round {
      var request: SAMLAuthnRequest
      var outcome: FakeSAMLBrowser.Outcome
      var posted: SAMLPostedResponse?
    }

    /// Runs the loopback sign-in once. When the IdP shows an error page, the listener is
    /// left to its timeout: the clock is moved past it.
    func signIn(
      issuer: String = SAML.demoAppIdentifier, loginHint: String? = nil,
      rewrite: FakeSAMLBrowser.FormRewriter? = nil
    ) async throws -> Round {
      let listener = try SAMLACSListener()
      let request = SAMLAuthnRequest(
        issuer: issuer, assertionConsumerServiceURL: listener.acsURL, issueInstant: time.now,
        relayState: listener.relayState)
      let time = self.time
      let waiting = Task {
        try await listener.waitForResponse(time: time)
      }
      let outcome = try await FakeSAMLBrowser(rewrite: rewrite).open(
        request.redirectURL(idpURL: idpURL, loginHint: loginHint))
      guard case .posted = outcome else {
        await time.waitForSleepers()
        time.advance(by: SAMLACSListener.timeout)
        _ = await waiting.result
        return Round(request: request, outcome: outcome, posted: nil)
      }
      return Round(request: request, outcome: outcome, posted: try await waiting.value)
    }

    func assume(_ role: SAMLRole, _ response: SAMLResponse, duration: Int? = nil) async throws
      -> SAMLAssumedRole
    {
      try await sts.assumeRoleWithSAML(
        AssumeRoleWithSAMLRequest(
          roleARN: role.roleARN, principalARN: role.principalARN,
          samlAssertion: response.encoded, durationSeconds: duration))
    }
  }

  /// A started fake (manual clock) and the engine's clock at the same time; the fake is
  /// stopped afterwards, awaited, whatever `body` does.
  static func withWorld(
    configure: (inout FakeIdentityCenter.Options) -> Void = { _ in },
    _ body: (World) async throws -> Void
  ) async throws {
    var options = FakeIdentityCenter.Options()
    configure(&options)
    let fakeClock = ManualFakeClock(start: start)
    let center = try FakeIdentityCenter(options: options, clock: fakeClock)
    try await center.start()
    do {
      let transport = InProcessFake(center: center)
      let time = ManualTimeSource(start: start, autoAdvance: false)
      let world = World(
        center: center, fakeClock: fakeClock, time: time,
        sts: STSClient(
          endpoint: STSEndpoint(
            url: "http://127.0.0.1:18080", signingRegion: "eu-central-1",
            source: .serviceEnvironment(variable: "AWS_ENDPOINT_URL_STS")),
          transport: transport, time: time, retry: RetryPolicy(maxAttempts: 1)),
        idpURL: try #require(center.samlIdPURL()).absoluteString)
      try await body(world)
    } catch {
      await center.stop()
      throw error
    }
    await center.stop()
  }

  @Test func signsInPicksARoleAndAssumesIt() async throws {
    try await Self.withWorld { world in
      let round = try await world.signIn()
      guard case .posted(let status, let page) = round.outcome else {
        Issue.record("\(round.outcome)")
        return
      }
      #expect(status == 200 && page.contains("return to the terminal"))
      let response = try SAMLResponse.parse(encoded: try #require(round.posted).encoded)
      try response.check(now: world.time.now, answering: round.request)
      let rows = try response.roleChoices(profile: nil)
      #expect(rows.count >= 10)
      #expect(response.timeLeft(now: world.time.now) == 300)
      let admin = try #require(rows.first { $0.roleName == "AdministratorAccess" })
      // 8 hours asked, capped by SessionDuration (8 h); the role allows 1 h: retry once.
      let asked = SAMLSessionDuration.durationSeconds(
        requestedHours: nil, defaultHours: 8, sessionDuration: response.sessionDuration,
        sessionNotOnOrAfter: response.sessionNotOnOrAfter, now: world.time.now)
      #expect(asked == 28_800)
      var assumed: SAMLAssumedRole
      do {
        assumed = try await world.assume(admin, response, duration: asked)
        Issue.record("the role allows one hour only")
      } catch {
        let retry = try #require(SAMLSessionDuration.retrySeconds(after: error, requested: asked))
        assumed = try await world.assume(admin, response, duration: retry)
      }
      #expect(
        assumed.role.user.arn
          == "arn:aws:sts::\(admin.accountID):assumed-role/AdministratorAccess/jane.doe@acme.example"
      )
      #expect(assumed.issuer == "https://sts.windows.net/\(SAML.demoTenantID)/")
      #expect(assumed.audience == round.request.assertionConsumerServiceURL)
      #expect(assumed.subject == "jane.doe@acme.example" && assumed.subjectType == "persistent")
      #expect(assumed.role.credentials.expiration == world.fakeClock.now.addingTimeInterval(3600))
      // The credentials work with the fake's signed STS calls and its console federation.
      let identity = try await world.sts.getCallerIdentity(credentials: assumed.role.credentials)
      #expect(identity.arn == assumed.role.user.arn && identity.account == admin.accountID)
      let console = try ConsoleSignIn(
        ssoRegion: "eu-central-1", region: nil,
        environment: Environment([ConsoleSignIn.endpointVariable: "http://fake/federation"]),
        transport: InProcessFake(center: world.center))
      let credentials = assumed.role.credentials
      let url = try await console.signInURL(
        RoleCredentials(
          accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
          sessionToken: try #require(credentials.sessionToken),
          expiration: try #require(credentials.expiration), accountID: admin.accountID),
        destination: console.consoleHomeURL)
      let isLogin = url.contains("Action=login")  // the URL is a secret: not into #expect
      #expect(isLogin)
      // One assertion serves several roles inside its lifetime, paths included.
      let deploy = try #require(rows.first { $0.rolePath == "/platform/" })
      let second = try await world.assume(deploy, response)
      #expect(second.role.user.arn.hasSuffix(":assumed-role/Deploy/jane.doe@acme.example"))
    }
  }

  @Test func stsRefusesWhatTheIdPDidNotIssueUnaltered() async throws {
    try await Self.withWorld { world in
      let round = try await world.signIn { fields in
        fields.map { field in
          guard field.name == "SAMLResponse", let data = Data(base64Encoded: field.value) else {
            return field
          }
          let xml = String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: "role/ReadOnlyAccess", with: "role/AdministratorAccess")
          return (field.name, Data(xml.utf8).base64EncodedString())
        }
      }
      let response = try SAMLResponse.parse(encoded: try #require(round.posted).encoded)
      try response.check(now: world.time.now, answering: round.request)
      let role = try #require(response.roles.first)
      do {
        _ = try await world.assume(role, response)
        Issue.record("a tampered assertion was accepted")
      } catch let error as STSError {
        #expect(
          error
            == .samlAssertionRefused(
              code: "InvalidIdentityToken", message: "Response signature invalid"))
        #expect(error.description.contains("changed after the identity provider signed it"))
        let quotesIt = error.description.contains(response.encoded.prefix(40))
        #expect(!quotesIt)
      }
    }
  }

  @Test func stsChecksThePairTheAudienceAndTheLifetime() async throws {
    try await Self.withWorld { world in
      let round = try await world.signIn()
      let response = try SAMLResponse.parse(encoded: try #require(round.posted).encoded)
      let rows = try response.roleChoices(profile: nil)
      let first = rows[0]
      let foreignProvider = try #require(rows.first { $0.accountID != first.accountID })
      let mismatched = try #require(
        SAMLRole(roleARN: first.roleARN, principalARN: foreignProvider.principalARN))
      await #expect(throws: STSError.self) { try await world.assume(mismatched, response) }
      do {
        _ = try await world.assume(mismatched, response)
      } catch let error as STSError {
        #expect(error.code == "AccessDenied")
      }
      // The role's trust policy allows only AWS's sign-in URL as SAML:aud.
      world.center.setSAMLRoleRule(
        SAML.RoleRule(allowedAudiences: ["https://signin.aws.amazon.com/saml"]), for: first.roleARN)
      do {
        _ = try await world.assume(first, response)
        Issue.record("a localhost recipient was accepted")
      } catch let error as STSError {
        #expect(error.code == "AccessDenied")
        #expect(error.description.contains("http://localhost:*/saml/acs"))
      }
      // A role that allows 12 hours takes them.
      world.center.setSAMLRoleRule(SAML.RoleRule(maxSessionDuration: 43_200), for: first.roleARN)
      let long = try await world.assume(first, response, duration: 28_800)
      #expect(long.role.credentials.expiration == world.fakeClock.now.addingTimeInterval(28_800))
      // After five minutes the assertion is spent, for STS and for the client's check.
      world.fakeClock.advance(by: 300)
      do {
        _ = try await world.assume(rows[1], response)
        Issue.record("an expired assertion was accepted")
      } catch let error as STSError {
        #expect(error.code == "ExpiredTokenException")
        #expect(error.description.contains("sign in again and use the new one at once"))
      }
      #expect(throws: SAMLError.self) {
        try response.check(now: world.time.now.addingTimeInterval(300))
      }
    }
  }

  @Test func theIdPsRefusalsReachTheUser() async throws {
    try await Self.withWorld { world in
      world.center.setSAMLSwitches(deny: true)
      let denied = try await world.signIn()
      #expect(throws: SAMLError.self) {
        try SAMLResponse.parse(encoded: try #require(denied.posted).encoded)
      }
      world.center.setSAMLSwitches(deny: false)
      let unknown = try await world.signIn(issuer: "https://signin.aws.amazon.com/saml#7")
      guard case .idpError(let code, let message) = unknown.outcome else {
        Issue.record("\(unknown.outcome)")
        return
      }
      #expect(code == "AADSTS700016" && message.contains("saml#7"))
      #expect(unknown.posted == nil)
    }
  }

  @Test func anUnregisteredReplyURLEndsInTheTimeoutThatNamesIt() async throws {
    let tenant = SAML.Tenant(
      id: "t",
      applications: [
        SAML.Application(
          identifier: "urn:amazon:webservices", replyURLs: ["https://signin.aws.amazon.com/saml"],
          assignments: [
            "jane.doe@acme.example": [
              SAML.RolePair(
                roleARN: "arn:aws:iam::210987654321:role/A",
                providerARN: "arn:aws:iam::210987654321:saml-provider/P")
            ]
          ])
      ])
    let configure: (inout FakeIdentityCenter.Options) -> Void = { $0.saml.tenants = [tenant] }
    try await Self.withWorld(configure: configure) { world in
      let listener = try SAMLACSListener()
      let request = SAMLAuthnRequest(
        issuer: "urn:amazon:webservices", assertionConsumerServiceURL: listener.acsURL,
        issueInstant: world.time.now, relayState: listener.relayState)
      let time = world.time
      let waiting = Task {
        try await listener.waitForResponse(time: time)
      }
      let outcome = try await FakeSAMLBrowser().open(request.redirectURL(idpURL: world.idpURL))
      #expect(
        outcome
          == .idpError(
            code: "AADSTS50011",
            message:
              "AADSTS50011: The redirect URI '\(listener.acsURL)' specified in the request does "
              + "not match the redirect URIs configured for the application "
              + "'urn:amazon:webservices'. Make sure the redirect URI sent in the request "
              + "matches one added to your application in the Azure portal."))
      await time.waitForSleepers()
      time.advance(by: .seconds(300))
      await #expect(throws: SAMLError.timedOut(minutes: 5, replyURL: "http://localhost/saml/acs")) {
        try await waiting.value
      }
    }
  }

  @Test func encryptedUnaskedAndLateAssertionsAreCaught() async throws {
    try await Self.withWorld { world in
      world.center.setSAMLSwitches(encryptAssertions: true)
      let encrypted = try SAMLResponse.parse(
        encoded: try #require(try await world.signIn().posted).encoded)
      #expect(throws: SAMLError.self) { try encrypted.roleChoices(profile: nil) }
      let shared = try SharedConfig(
        config: ConfigDocument(
          parsing: """
            [profile p]
            azure_tenant_id = \(SAML.demoTenantID)
            azure_app_id_uri = \(SAML.demoAppIdentifier.replacingOccurrences(of: "#", with: "\\#"))
            azure_default_role_arn = arn:aws:iam::210987654321:role/ReadOnlyAccess
            saml_principal_arn = arn:aws:iam::210987654321:saml-provider/\(SAML.demoProviderName)
            """, path: "/h/.aws/config", flavor: .config))
      let profile = try shared.samlProfile(named: "p", environment: Environment())
      let row = try #require(try encrypted.roleChoices(profile: profile).first)
      let assumed = try await world.assume(row, encrypted)
      #expect(assumed.role.user.arn.contains(":assumed-role/ReadOnlyAccess/"))

      world.center.setSAMLSwitches(encryptAssertions: false, idpInitiated: true)
      let unasked = try await world.signIn()
      let unaskedResponse = try SAMLResponse.parse(encoded: try #require(unasked.posted).encoded)
      #expect(
        throws: SAMLError.inResponseToMismatch(expected: unasked.request.id, received: nil)
      ) { try unaskedResponse.check(now: world.time.now, answering: unasked.request) }

      world.center.setSAMLSwitches(idpInitiated: false, clockOffset: -600)
      let late = try await world.signIn()
      let lateResponse = try SAMLResponse.parse(encoded: try #require(late.posted).encoded)
      #expect(
        throws: SAMLError.expired(
          issuedAt: world.time.now.addingTimeInterval(-600),
          expiredAt: world.time.now.addingTimeInterval(-300), now: world.time.now)
      ) { try lateResponse.check(now: world.time.now, answering: late.request) }
    }
  }

  @Test func thePasteModeTakesAnIdPInitiatedAssertion() async throws {
    try await Self.withWorld { world in
      let encoded = try world.center.issueSAMLResponse()
      let pasted = try SAMLAssertionInput.parse(
        "SAMLResponse=\(PercentEncoding.encode(encoded))&RelayState=")
      let response = try SAMLResponse.parse(encoded: pasted.encoded)
      try response.check(now: world.time.now)
      #expect(response.recipient == "https://signin.aws.amazon.com/saml")
      let row = try #require(try response.roleChoices(profile: nil).first)
      let assumed = try await world.assume(row, response)
      #expect(assumed.audience == "https://signin.aws.amazon.com/saml")
    }
  }
}
