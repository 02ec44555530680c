import Foundation
import SessionEngine
import Testing

/// Responses written by hand in the shapes Entra and other IdPs send (spec §12.2).
@Suite("SAMLResponse: reading and checking what the IdP posted")
struct SAMLResponseTests {
  static let now = Date(timeIntervalSince1970: 1_796_284_800)  // 2026-12-03T08:00:00Z
  static let acs = "http://localhost:53124/saml/acs"
  static let request = SAMLAuthnRequest(
    issuer: "https://signin.aws.amazon.com/saml#2", assertionConsumerServiceURL: acs,
    issueInstant: now, id: "id0123456789abcdef0123456789abcdef", relayState: "r")

  static let admin =
    "arn:aws:iam::210987654321:role/PlatformAdmin,arn:aws:iam::210987654321:saml-provider/AcmeIdP"
  static let readOnly =
    "arn:aws:iam::109876543210:saml-provider/AcmeIdP,arn:aws:iam::109876543210:role/ReadOnly"

  static func xml(
    status: String =
      "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>",
    inResponseTo: String? = "id0123456789abcdef0123456789abcdef", destination: String = acs,
    recipient: String = acs, roles: [String] = [admin, readOnly],
    notOnOrAfter: String = "2026-12-03T08:05:00.000Z",
    notBefore: String = "2026-12-03T07:55:00.000Z", sessionDuration: String = "28800",
    encrypted: Bool = false
  ) -> String {
    let answer = inResponseTo.map { " InResponseTo=\"\($0)\"" } ?? ""
    let values = roles.map { "<saml2:AttributeValue>\($0)</saml2:AttributeValue>" }.joined()
    let assertion =
      encrypted
      ? "<saml2:EncryptedAssertion><xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\"/></saml2:EncryptedAssertion>"
      : """
      <saml2:Assertion ID="_a1" IssueInstant="2026-12-03T08:00:00.000Z" Version="2.0">
        <saml2:Issuer>https://sts.windows.net/tenant/</saml2:Issuer>
        <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>
        <saml2:Subject>
          <saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">jane</saml2:NameID>
          <saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
            <saml2:SubjectConfirmationData\(answer) NotOnOrAfter="\(notOnOrAfter)" Recipient="\(recipient)"/>
          </saml2:SubjectConfirmation>
        </saml2:Subject>
        <saml2:Conditions NotBefore="\(notBefore)" NotOnOrAfter="2026-12-03T09:00:00Z">
          <saml2:AudienceRestriction><saml2:Audience>https://signin.aws.amazon.com/saml#2</saml2:Audience></saml2:AudienceRestriction>
        </saml2:Conditions>
        <saml2:AttributeStatement>
          <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">\(values)</saml2:Attribute>
          <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName">
            <saml2:AttributeValue>jane.doe@acme.example</saml2:AttributeValue>
          </saml2:Attribute>
        </saml2:AttributeStatement>
        <saml2:AttributeStatement>
          <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/SessionDuration">
            <saml2:AttributeValue> \(sessionDuration) </saml2:AttributeValue>
          </saml2:Attribute>
        </saml2:AttributeStatement>
        <saml2:AuthnStatement AuthnInstant="2026-12-03T08:00:00Z" SessionNotOnOrAfter="2026-12-03T16:00:00Z"/>
      </saml2:Assertion>
      """
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
      xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" \
      IssueInstant="2026-12-03T08:00:00.000Z" Destination="\(destination)"\(answer)>
        <saml2:Issuer>https://sts.windows.net/tenant/</saml2:Issuer>
        \(status)
        \(assertion)
      </samlp:Response>
      """
  }

  static func encoded(_ xml: String) -> String { Data(xml.utf8).base64EncodedString() }

  static func parse(_ xml: String) throws(SAMLError) -> SAMLResponse {
    try SAMLResponse.parse(encoded: encoded(xml))
  }

  @Test func readsTheAttributesAndTheLimits() throws {
    let response = try Self.parse(Self.xml())
    #expect(response.status.isSuccess)
    #expect(response.inResponseTo == Self.request.id)
    #expect(response.destination == Self.acs && response.recipient == Self.acs)
    #expect(response.issuer == "https://sts.windows.net/tenant/")
    #expect(response.nameID == "jane")
    #expect(response.audiences == ["https://signin.aws.amazon.com/saml#2"])
    #expect(response.notOnOrAfter == Self.now.addingTimeInterval(300), "the earliest end")
    #expect(response.notBefore == Self.now.addingTimeInterval(-300))
    #expect(response.sessionNotOnOrAfter == Self.now.addingTimeInterval(8 * 3600))
    #expect(response.roleSessionName == "jane.doe@acme.example")
    #expect(response.sessionDuration == 28_800)
    #expect(response.timeLeft(now: Self.now.addingTimeInterval(60)) == 240)
    #expect(
      response.roles.map(\.roleARN) == [
        "arn:aws:iam::210987654321:role/PlatformAdmin", "arn:aws:iam::109876543210:role/ReadOnly",
      ])
    let readOnly = response.roles[1]
    #expect(readOnly.principalARN == "arn:aws:iam::109876543210:saml-provider/AcmeIdP")
    #expect(readOnly.accountID == "109876543210" && readOnly.partition == "aws")
    #expect(readOnly.roleName == "ReadOnly" && readOnly.rolePath == "/")
    #expect(readOnly.providerName == "AcmeIdP")
    try response.check(now: Self.now, answering: Self.request)
    #expect(try response.roleChoices(profile: nil) == response.roles)
    #expect(response.roleWarning == nil)
    #expect(!response.description.contains(response.encoded))
    #expect(
      response.description
        == "SAMLResponse(https://sts.windows.net/tenant/, 2 roles, valid until 2026-12-03T08:05:00Z)"
    )
  }

  @Test func roleValuesAreTrimmedDeduplicatedAndPathsKept() throws {
    let response = try Self.parse(
      Self.xml(roles: [
        "  arn:aws:iam::210987654321:role/platform/team/Deploy ,\n arn:aws:iam::210987654321:saml-provider/Entra ",
        Self.admin, Self.admin,
        "arn:aws:iam::210987654321:saml-provider/AcmeIdP,arn:aws:iam::210987654321:role/PlatformAdmin",
        "arn:aws-us-gov:iam::123456789012:role/Gov,arn:aws-us-gov:iam::123456789012:saml-provider/G",
      ]))
    #expect(response.roles.count == 3)
    #expect(
      response.roles[0].roleName == "Deploy" && response.roles[0].rolePath == "/platform/team/")
    #expect(response.roles[0].principalARN == "arn:aws:iam::210987654321:saml-provider/Entra")
    #expect(response.roles[2].partition == "aws-us-gov")
    #expect(response.roleProblems.isEmpty)
  }

  @Test func malformedRoleValuesAreNamedAndTheOthersStayUsable() throws {
    let response = try Self.parse(
      Self.xml(roles: [
        "arn:aws:iam::210987654321:role/Only", Self.admin,
        "arn:aws:iam::21098765432:role/Short,arn:aws:iam::21098765432:saml-provider/P",
        "a,b,c", "arn:aws:iam::210987654321:role/A,arn:aws:iam::210987654321:role/B",
      ]))
    #expect(response.roles.map(\.roleName) == ["PlatformAdmin"])
    #expect(response.roleProblems.map(\.position) == [1, 3, 4, 5])
    let warning = try #require(response.roleWarning)
    #expect(
      warning.description.hasPrefix(
        "Some Role values of the SAML assertion cannot be used and were skipped: value 1 "
          + "(\"arn:aws:iam::210987654321:role/Only\"): expected a role ARN and a SAML provider "
          + "ARN separated by one comma, found 1 part; value 3 ("))
    #expect(
      warning.description.contains("the role ARN is not arn:PARTITION:iam::ACCOUNT:role/NAME"))
    #expect(
      warning.description.contains("no SAML provider ARN (…:saml-provider/NAME) beside the role"))
    let none = try Self.parse(Self.xml(roles: ["x,y", "arn:aws:iam::1:role/\u{202E}evil,z"]))
    #expect(none.roleWarning == nil)
    #expect(throws: SAMLError.noRoles(malformed: none.roleProblems)) {
      try none.roleChoices(profile: nil)
    }
    let message = SAMLError.noRoles(malformed: none.roleProblems).description
    #expect(message.contains("\\u{202e}evil") && !message.contains("\u{202E}"), "escaped")
    #expect(
      SAMLError.noRoles(malformed: []).description
        == "The SAML assertion lists no AWS roles (no https://aws.amazon.com/SAML/Attributes/Role "
        + "values). Ask your administrator to assign you a role in the app.")
  }

  @Test func refusalsCarryTheIdPsStatusAndMessage() throws {
    let denied = """
      <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester">\
      <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestDenied"/></samlp:StatusCode>\
      <samlp:StatusMessage>AADSTS50105: not assigned\u{202E}</samlp:StatusMessage></samlp:Status>
      """
    #expect(
      throws: SAMLError.refused(
        status: "urn:oasis:names:tc:SAML:2.0:status:Requester",
        subStatus: "urn:oasis:names:tc:SAML:2.0:status:RequestDenied",
        message: "AADSTS50105: not assigned\u{202E}")
    ) { try Self.parse(Self.xml(status: denied)) }
    #expect(
      SAMLError.refused(
        status: "urn:oasis:names:tc:SAML:2.0:status:Requester",
        subStatus: "urn:oasis:names:tc:SAML:2.0:status:RequestDenied",
        message: "AADSTS50105: not assigned\u{202E}"
      ).description
        == "The identity provider refused the sign-in (Requester/RequestDenied: AADSTS50105: "
        + "not assigned\\u{202e}). If you should have access, ask your administrator to assign you "
        + "to the app.")
    let reply = """
      <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"/>\
      <samlp:StatusMessage>AADSTS50011: The redirect URI does not match</samlp:StatusMessage></samlp:Status>
      """
    do {
      _ = try Self.parse(Self.xml(status: reply))
      Issue.record("no error")
    } catch {
      #expect(
        error
          == .replyURLNotAccepted(
            replyURL: "http://localhost/saml/acs",
            message: "AADSTS50011: The redirect URI does not match"))
      #expect(error.description.contains("must add http://localhost/saml/acs (any port)"))
      #expect(error.description.contains("SAML:aud"))
    }
    #expect(throws: SAMLError.refused(status: "no status", subStatus: nil, message: nil)) {
      try Self.parse(Self.xml(status: ""))
    }
  }

  @Test func theLoopbackModeAcceptsOnlyTheAnswerToItsRequest() throws {
    let other = try Self.parse(Self.xml(inResponseTo: "id-someone-else"))
    #expect(
      throws: SAMLError.inResponseToMismatch(expected: Self.request.id, received: "id-someone-else")
    ) { try other.check(now: Self.now, answering: Self.request) }
    let unsolicited = try Self.parse(Self.xml(inResponseTo: nil))
    #expect(throws: SAMLError.inResponseToMismatch(expected: Self.request.id, received: nil)) {
      try unsolicited.check(now: Self.now, answering: Self.request)
    }
    #expect(
      SAMLError.inResponseToMismatch(expected: Self.request.id, received: nil).description
        .contains("IdP-initiated"))
    // The paste mode has no request of its own: an IdP-initiated response is fine.
    try unsolicited.check(now: Self.now)
    let elsewhere = try Self.parse(Self.xml(recipient: "https://signin.aws.amazon.com/saml"))
    #expect(
      throws: SAMLError.wrongRecipient(
        expected: Self.acs, received: "https://signin.aws.amazon.com/saml")
    ) { try elsewhere.check(now: Self.now, answering: Self.request) }
  }

  @Test func anExpiredAssertionSaysHowOldItIs() throws {
    let response = try Self.parse(Self.xml())
    let later = Self.now.addingTimeInterval(12 * 60)
    #expect(
      throws: SAMLError.expired(
        issuedAt: Self.now, expiredAt: Self.now.addingTimeInterval(300), now: later)
    ) { try response.check(now: later) }
    #expect(
      SAMLError.expired(issuedAt: Self.now, expiredAt: Self.now.addingTimeInterval(300), now: later)
        .description
        == "The SAML assertion was issued 12 minutes ago and expired 7 minutes ago (at "
        + "2026-12-03T08:05:00Z). Assertions last about 5 minutes: sign in again and use the new "
        + "one at once.")
    let early = Self.now.addingTimeInterval(-600)
    #expect(throws: SAMLError.notYetValid(validFrom: Self.now.addingTimeInterval(-300), now: early))
    {
      try response.check(now: early)
    }
    try response.check(now: Self.now.addingTimeInterval(-330), answering: Self.request)
  }

  @Test func anEncryptedAssertionNeedsTheRoleFromTheProfile() throws {
    let response = try Self.parse(Self.xml(encrypted: true))
    #expect(response.isEncrypted && response.roles.isEmpty)
    try response.check(now: Self.now, answering: Self.request)
    #expect(
      throws: SAMLError.encryptedAssertion(
        profile: nil, missing: ["azure_default_role_arn", "saml_principal_arn"])
    ) { try response.roleChoices(profile: nil) }
    let shared = try SharedConfig(
      config: ConfigDocument(
        parsing: """
          [profile p]
          azure_tenant_id = t
          azure_app_id_uri = u
          azure_default_role_arn = arn:aws:iam::210987654321:role/PlatformAdmin
          """, path: "/h/.aws/config", flavor: .config))
    var profile = try shared.samlProfile(named: "p", environment: Environment())
    #expect(throws: SAMLError.encryptedAssertion(profile: "p", missing: ["saml_principal_arn"])) {
      try response.roleChoices(profile: profile)
    }
    #expect(
      SAMLError.encryptedAssertion(profile: "p", missing: ["saml_principal_arn"]).description
        == "The SAML assertion is encrypted, so ssopick cannot read its roles. Set "
        + "saml_principal_arn in profile \"p\" (the role ARN and the SAML provider ARN; "
        + "`ssopick saml configure --default-role ARN --principal-arn ARN`), or ask your "
        + "administrator to turn off assertion encryption for the app.")
    profile.principalARN = "arn:aws:iam::210987654321:saml-provider/AcmeIdP"
    let rows = try response.roleChoices(profile: profile)
    #expect(rows.map(\.roleName) == ["PlatformAdmin"])
    #expect(try SAMLResponse.role(rows[0].roleARN, in: rows) == rows[0])
    #expect(
      throws: SAMLError.roleNotInAssertion(
        roleARN: "arn:aws:iam::1:role/X", available: [rows[0].roleARN])
    ) { try SAMLResponse.role("arn:aws:iam::1:role/X", in: rows) }
  }

  @Test func whatIsNotAResponseIsSaidSo() {
    #expect(throws: SAMLError.unreadableInput(reason: "the SAMLResponse is not base64")) {
      try SAMLResponse.parse(encoded: "not base64!")
    }
    #expect(throws: SAMLError.self) { try SAMLResponse.parse(encoded: Self.encoded("<a>")) }
    do {
      _ = try SAMLResponse.parse(encoded: Self.encoded("<a><b></a>"))
    } catch {
      guard case .notXML(let reason) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(reason.hasPrefix("not well-formed XML at byte"))
    }
    #expect(throws: SAMLError.notSAMLResponse(root: "samlp:AuthnRequest")) {
      try SAMLResponse.parse(encoded: Self.encoded(Self.request.xml))
    }
    #expect(throws: SAMLError.self) {
      try SAMLResponse.parse(
        encoded: Self.encoded("<!DOCTYPE x [<!ENTITY a \"b\">]><samlp:Response/>"))
    }
    let doc =
      "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status></samlp:Response>"
    #expect(throws: SAMLError.notSAMLResponse(root: "samlp:Response without an Assertion")) {
      try SAMLResponse.parse(encoded: Self.encoded(doc))
    }
  }
}
