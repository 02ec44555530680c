import Foundation
import LoopbackServer
import SSOPickTestSupport
import SessionEngine
import Testing

@testable import FakeIdentityCenter

/// The fake Entra ID SAML IdP, in process (no sockets): the redirect binding, Entra's checks
/// and error pages, the response it posts, and its switches.
@Suite("Fake SAML identity provider")
struct SAMLIdPTests {
  static let start = Date(timeIntervalSince1970: 1_767_225_600)
  typealias SAML = FakeIdentityCenter.Options.SAML

  static func center(_ configure: (inout FakeIdentityCenter.Options) -> Void = { _ in }) throws
    -> FakeIdentityCenter
  {
    try Fixture.center(clock: ManualFakeClock(start: start), configure)
  }

  static func request(
    issuer: String = SAML.demoAppIdentifier, acs: String = "http://localhost:53124/saml/acs",
    id: String = SAMLAuthnRequest.randomID()
  ) -> SAMLAuthnRequest {
    SAMLAuthnRequest(
      issuer: issuer, assertionConsumerServiceURL: acs, issueInstant: start, id: id,
      relayState: "relay-1")
  }

  /// `GET` of the request's redirect URL at the fake.
  static func signOn(
    _ center: FakeIdentityCenter, _ request: SAMLAuthnRequest,
    tenant: String = SAML.demoTenantID, loginHint: String? = nil
  ) async -> FakeHTTPResponse {
    let url = request.redirectURL(idpURL: "http://fake/\(tenant)/saml2", loginHint: loginHint)
    let target = String(url.dropFirst("http://fake".count))
    return await center.handle(FakeHTTPRequest(method: "GET", target: target))
  }

  /// The hidden fields of the auto-submitting form.
  static func form(_ response: FakeHTTPResponse) -> (action: String?, fields: [String: String]) {
    let html = response.text
    var fields: [String: String] = [:]
    var rest = Substring(html)
    while let input = rest.range(of: "<input type=\"hidden\" ") {
      let tagEnd = rest[input.upperBound...].firstIndex(of: ">") ?? rest.endIndex
      let tag = String(rest[input.upperBound..<tagEnd])
      if let name = FakeSAMLBrowser.attribute("name", in: " " + tag) {
        fields[name] = FakeSAMLBrowser.attribute("value", in: " " + tag)
      }
      rest = rest[tagEnd...]
    }
    return (FakeSAMLBrowser.attribute("action", in: html), fields)
  }

  static func errorCode(_ response: FakeHTTPResponse) -> String? {
    FakeSAMLBrowser.attribute("data-error-code", in: response.text)
  }

  // MARK: The redirect binding

  @Test func inflatesWhatZlibDeflatesAtEveryLevel() async throws {
    let text = String(
      repeating: SAMLAuthnRequest(
        issuer: "https://signin.aws.amazon.com/saml#2",
        assertionConsumerServiceURL: "http://localhost:1/saml/acs", issueInstant: Self.start
      ).xml, count: 40)
    let output = try await Python.check(
      """
      import base64, sys, zlib
      data = sys.argv[1].encode()
      for level in (0, 1, 6, 9):
          c = zlib.compressobj(level, zlib.DEFLATED, -15)
          print(base64.b64encode(c.compress(data) + c.flush()).decode())
      """, arguments: [text], environment: ["PYTHONDONTWRITEBYTECODE": "1"])
    let lines = output.split(separator: "\n")
    #expect(lines.count == 4)
    for line in lines {
      let bytes = try #require(Data(base64Encoded: String(line)))
      #expect(try RawInflate.decompress([UInt8](bytes)) == Array(text.utf8))
    }
    // And ssopick's own encoder.
    #expect(try RawInflate.decompress(RawDeflate.compress(Array(text.utf8))) == Array(text.utf8))
  }

  @Test func refusesBrokenOrHugeDeflateData() throws {
    let good = RawDeflate.compress(Array(String(repeating: "a", count: 10_000).utf8))
    #expect(throws: RawInflate.Failure.self) { try RawInflate.decompress(Array(good.prefix(3))) }
    #expect(throws: RawInflate.Failure(reason: "a block of the reserved type 3")) {
      try RawInflate.decompress([0x07])
    }
    #expect(throws: RawInflate.Failure(reason: "it inflates to more than 100 bytes")) {
      try RawInflate.decompress(good, limit: 100)
    }
  }

  @Test func answersTheRequestWithAnAutoSubmittingForm() async throws {
    let center = try Self.center()
    let request = Self.request()
    let page = await Self.signOn(center, request)
    #expect(page.status == 200, "\(Self.errorCode(page) ?? "no error page")")
    // Checked apart from #expect, which would print the page (it holds the assertion).
    let autoSubmits = page.text.contains("document.forms[0].submit()")
    #expect(autoSubmits)
    let (action, fields) = Self.form(page)
    #expect(action == "http://localhost:53124/saml/acs")
    #expect(fields["RelayState"] == "relay-1")
    let encoded = try #require(fields["SAMLResponse"])
    let response = try SAMLResponse.parse(encoded: encoded)
    try response.check(now: Self.start, answering: request)
    #expect(response.issuer == "https://sts.windows.net/\(SAML.demoTenantID)/")
    #expect(response.recipient == request.assertionConsumerServiceURL)
    #expect(response.notOnOrAfter == Self.start.addingTimeInterval(300))
    #expect(response.roleSessionName == "jane.doe@acme.example")
    #expect(response.sessionDuration == 28_800)
    #expect(response.roles.contains { $0.rolePath == "/platform/" && $0.roleName == "Deploy" })
    #expect(response.roles.count >= 10 && response.roleProblems.isEmpty)
    let xml = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
    let roleFirst = xml.contains("<AttributeValue>arn:aws:iam::")
    let providerFirst = xml.contains(":saml-provider/AcmeEntraID,arn:aws:iam::")
    let signed = xml.contains("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">")
    #expect(roleFirst)
    #expect(providerFirst, "some pairs provider first")
    #expect(signed)
    #expect(center.issuedSAMLResponseCount == 1)
  }

  @Test func theTenantMayBeNamedByItsDomainAndTheUserByTheHint() async throws {
    let center = try Self.center {
      $0.saml.tenants = [
        SAML.Tenant(
          id: "t-1", domain: "corp.example",
          applications: [
            SAML.Application(
              identifier: "urn:amazon:webservices", replyURLs: ["http://localhost/saml/acs"],
              assignments: [
                "Bob@corp.example": [
                  SAML.RolePair(
                    roleARN: "arn:aws:iam::111111111111:role/Bob",
                    providerARN: "arn:aws:iam::111111111111:saml-provider/Corp",
                    providerFirst: true)
                ]
              ], sessionDuration: nil)
          ])
      ]
    }
    let request = Self.request(issuer: "urn:amazon:webservices")
    let page = await Self.signOn(
      center, request, tenant: "CORP.example", loginHint: "bob@corp.example")
    let response = try SAMLResponse.parse(
      encoded: try #require(Self.form(page).fields["SAMLResponse"]))
    #expect(response.roles.map(\.roleName) == ["Bob"] && response.sessionDuration == nil)
    #expect(response.roleSessionName == "bob@corp.example")
    // The default user (jane) is not assigned to this app.
    let jane = await Self.signOn(center, request, tenant: "t-1")
    #expect(Self.errorCode(jane) == "AADSTS50105")
  }

  @Test func entraChecksBecomeAADSTSErrorPages() async throws {
    let center = try Self.center()
    let unknownTenant = await Self.signOn(center, Self.request(), tenant: "nope")
    #expect(Self.errorCode(unknownTenant) == "AADSTS90002")
    let missing = await center.handle(
      FakeHTTPRequest(method: "GET", target: "/\(SAML.demoTenantID)/saml2?RelayState=x"))
    #expect(Self.errorCode(missing) == "AADSTS750054")
    let garbage = await center.handle(
      FakeHTTPRequest(method: "GET", target: "/\(SAML.demoTenantID)/saml2?SAMLRequest=AAAA"))
    #expect(Self.errorCode(garbage) == "AADSTS75005")
    let digit = await Self.signOn(center, Self.request(id: "1abc"))
    #expect(Self.errorCode(digit) == "AADSTS7500529")
    let app = await Self.signOn(
      center, Self.request(issuer: "https://signin.aws.amazon.com/saml#9"))
    #expect(Self.errorCode(app) == "AADSTS700016")
    #expect(
      app.text.contains("Application with identifier &#39;")
        || app.text.contains("'https://signin.aws.amazon.com/saml#9'"))
    let reply = await Self.signOn(center, Self.request(acs: "http://127.0.0.1:5000/saml/acs"))
    #expect(Self.errorCode(reply) == "AADSTS50011")
    #expect(reply.text.contains("http://127.0.0.1:5000/saml/acs"))
    let path = await Self.signOn(center, Self.request(acs: "http://localhost:5000/other"))
    #expect(Self.errorCode(path) == "AADSTS50011")
    let hint = await Self.signOn(center, Self.request(), loginHint: "mallory@acme.example")
    #expect(Self.errorCode(hint) == "AADSTS50105")
    #expect(center.issuedSAMLResponseCount == 0)
  }

  @Test func localhostReplyURLsMatchAnyPortOthersExactly() {
    let registered = ["http://localhost/saml/acs", "https://signin.aws.amazon.com/saml"]
    #expect(ServiceState.replyURLMatches("http://localhost:53124/saml/acs", registered))
    #expect(ServiceState.replyURLMatches("http://localhost/saml/acs", registered))
    #expect(ServiceState.replyURLMatches("http://LOCALHOST:1/saml/acs", registered))
    #expect(!ServiceState.replyURLMatches("https://localhost:1/saml/acs", registered))
    #expect(!ServiceState.replyURLMatches("http://localhost:1/saml/acs/x", registered))
    #expect(ServiceState.replyURLMatches("https://signin.aws.amazon.com/saml", registered))
    #expect(!ServiceState.replyURLMatches("https://signin.aws.amazon.com:444/saml", registered))
  }

  @Test func switchesDenyEncryptAnswerUnaskedAndShiftTheClock() async throws {
    let center = try Self.center()
    let request = Self.request()
    center.setSAMLSwitches(deny: true)
    let denied = Self.form(await Self.signOn(center, request)).fields["SAMLResponse"] ?? ""
    #expect(throws: SAMLError.self) { try SAMLResponse.parse(encoded: denied) }
    do {
      _ = try SAMLResponse.parse(encoded: denied)
    } catch {
      guard case .refused(let status, let sub, let message) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(status.hasSuffix(":Requester") && sub?.hasSuffix(":RequestDenied") == true)
      #expect(message?.hasPrefix("AADSTS50105") == true)
    }
    center.setSAMLSwitches(deny: false, encryptAssertions: true)
    let encrypted = try SAMLResponse.parse(
      encoded: Self.form(await Self.signOn(center, request)).fields["SAMLResponse"] ?? "")
    #expect(encrypted.isEncrypted && encrypted.inResponseTo == request.id)
    center.setSAMLSwitches(encryptAssertions: false, idpInitiated: true, clockOffset: -900)
    let unasked = try SAMLResponse.parse(
      encoded: Self.form(await Self.signOn(center, request)).fields["SAMLResponse"] ?? "")
    #expect(unasked.inResponseTo == nil && unasked.subjectInResponseTo == nil)
    #expect(unasked.notOnOrAfter == Self.start.addingTimeInterval(-600))
    #expect(throws: SAMLError.self) { try unasked.check(now: Self.start) }
  }

  // MARK: Control

  @Test func theControlAPIShowsAndSetsTheIdP() async throws {
    let center = try Self.center()
    let saml = try #require(await center.control("GET", "saml").jsonObject)
    let tenants = try #require(saml["tenants"] as? [[String: Any]])
    #expect(tenants.first?["id"] as? String == SAML.demoTenantID)
    let settings = await center.control(
      "POST", "settings", ["samlDeny": true, "samlClockOffsetSeconds": -60])
    #expect(settings.jsonObject?["samlDeny"] as? Bool == true)
    #expect(settings.jsonObject?["samlClockOffsetSeconds"] as? Double == -60)
    _ = await center.control("POST", "settings", ["samlDeny": false])
    let issued = await center.control(
      "POST", "saml/assertion", ["recipient": "https://signin.aws.amazon.com/saml"])
    #expect(issued.status == 200)
    let encoded = try #require(issued.jsonObject?["SAMLResponse"] as? String)
    let response = try SAMLResponse.parse(encoded: encoded)
    #expect(
      response.inResponseTo == nil && response.recipient == "https://signin.aws.amazon.com/saml")
    let unknown = await center.control("POST", "saml/assertion", ["user": "nobody"])
    #expect(unknown.status == 404)
    let rule = await center.control(
      "POST", "saml/role-rules",
      [
        "roleArn": "arn:aws:iam::210987654321:role/AdministratorAccess",
        "allowedAudiences": ["https://signin.aws.amazon.com/saml"], "maxSessionDuration": 43_200,
      ])
    #expect(rule.status == 200)
    let rules = try #require(await center.control("GET", "saml/role-rules").jsonObject)
    #expect((rules["roleRules"] as? [String: Any])?.count == 1)
    #expect(await center.control("POST", "saml/role-rules", ["roleArn": "x"]).status == 400)
  }

  // MARK: STS and the stand-in

  static func assumeRoleWithSAML(_ center: FakeIdentityCenter, _ form: [(String, String)]) async
    -> FakeHTTPResponse
  {
    let body = ([("Action", "AssumeRoleWithSAML"), ("Version", "2011-06-15")] + form).map {
      "\($0.0)=\(percentEncoded($0.1))"
    }.joined(separator: "&")
    return await center.handle(
      FakeHTTPRequest(
        method: "POST", target: "/",
        headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
        body: Data(body.utf8)))
  }

  @Test func assumeRoleWithSAMLValidatesLikeSTS() async throws {
    let center = try Self.center()
    let role = "arn:aws:iam::210987654321:role/AdministratorAccess"
    let provider = "arn:aws:iam::210987654321:saml-provider/\(SAML.demoProviderName)"
    let missing = await Self.assumeRoleWithSAML(
      center, [("RoleArn", role), ("PrincipalArn", provider)])
    #expect(missing.status == 400 && missing.text.contains("<Code>ValidationError</Code>"))
    #expect(missing.text.contains("Value null at &apos;sAMLAssertion&apos;"))
    let garbage = await Self.assumeRoleWithSAML(
      center, [("RoleArn", role), ("PrincipalArn", provider), ("SAMLAssertion", "!!!!")])
    #expect(garbage.status == 400 && garbage.text.contains("<Code>InvalidIdentityToken</Code>"))
    let encoded = try center.issueSAMLResponse()
    let short = await Self.assumeRoleWithSAML(
      center,
      [
        ("RoleArn", role), ("PrincipalArn", provider), ("SAMLAssertion", encoded),
        ("DurationSeconds", "899"),
      ])
    #expect(short.status == 400 && short.text.contains("greater than or equal to 900"))
    let good = await Self.assumeRoleWithSAML(
      center, [("RoleArn", role), ("PrincipalArn", provider), ("SAMLAssertion", encoded)])
    #expect(good.status == 200)
    // Not through #expect, which would print the credentials.
    let shaped = good.text.contains("<AssumeRoleWithSAMLResult>")
    let audience = good.text.contains("<Audience>https://signin.aws.amazon.com/saml</Audience>")
    #expect(shaped && audience)
  }

  @Test func theStandInOpensLoopbackURLsOnly() async throws {
    await #expect(throws: FakeSAMLBrowser.Failure.self) {
      try await FakeSAMLBrowser().open("https://login.microsoftonline.com/t/saml2?SAMLRequest=x")
    }
    #expect(FakeSAMLBrowser.formEncode("a b+c/=é") == "a+b%2Bc%2F%3D%C3%A9")
  }
}
