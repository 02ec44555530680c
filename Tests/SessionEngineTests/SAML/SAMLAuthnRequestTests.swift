import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

@Suite("SAMLAuthnRequest")
struct SAMLAuthnRequestTests {
  static let instant = Date(timeIntervalSince1970: 1_796_284_800)  // 2026-12-03T08:00:00Z

  static func request(issuer: String = "https://signin.aws.amazon.com/saml#2") -> SAMLAuthnRequest {
    SAMLAuthnRequest(
      issuer: issuer, assertionConsumerServiceURL: SAMLAuthnRequest.acsURL(port: 53124),
      issueInstant: instant, id: "id6f1c0e2b9a8d7c6b5a4f3e2d1c0b9a8f", relayState: "r3l4y")
  }

  @Test func idsAreRandomAndNeverStartWithADigit() {
    let ids = (0..<200).map { _ in SAMLAuthnRequest.randomID() }
    #expect(Set(ids).count == ids.count)
    for id in ids {
      #expect(id.hasPrefix("id") && id.count == 34)
      #expect(id.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }
    let nonces = (0..<50).map { _ in SAMLAuthnRequest.randomNonce() }
    #expect(Set(nonces).count == nonces.count && nonces.allSatisfy { $0.count == 32 })
  }

  @Test func theXMLIsTheSpecsShape() {
    #expect(
      Self.request().xml
        == "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
        + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" "
        + "ID=\"id6f1c0e2b9a8d7c6b5a4f3e2d1c0b9a8f\" Version=\"2.0\" "
        + "IssueInstant=\"2026-12-03T08:00:00Z\" "
        + "AssertionConsumerServiceURL=\"http://localhost:53124/saml/acs\" "
        + "ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
        + "<saml:Issuer>https://signin.aws.amazon.com/saml#2</saml:Issuer>"
        + "<samlp:NameIDPolicy Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\"/>"
        + "</samlp:AuthnRequest>")
    #expect(Self.request(issuer: "urn:a&b<c>").xml.contains("<saml:Issuer>urn:a&amp;b&lt;c&gt;<"))
  }

  @Test func theRedirectURLEncodesEveryValue() {
    let request = Self.request()
    let url = request.redirectURL(
      idpURL: "https://login.microsoftonline.com/acme.example/saml2",
      loginHint: "jane.doe+aws@acme.example")
    #expect(url.hasPrefix("https://login.microsoftonline.com/acme.example/saml2?SAMLRequest="))
    #expect(url.hasSuffix("&RelayState=r3l4y&login_hint=jane.doe%2Baws%40acme.example"))
    let value = url.split(separator: "?")[1].split(separator: "&")[0].dropFirst(12)
    #expect(!value.contains("+") && !value.contains("/") && !value.contains("="))
    #expect(PercentEncoding.decode(String(value)) == request.encoded)
    #expect(
      request.redirectURL(idpURL: "http://127.0.0.1:1/t/saml2?x=1").hasPrefix(
        "http://127.0.0.1:1/t/saml2?x=1&SAMLRequest="))
    #expect(!request.redirectURL(idpURL: "https://idp/saml2").contains("login_hint"))
  }

  /// The judge: Python takes the URL apart as an IdP does (percent-decoding, base64, raw
  /// inflate with zlib) and parses the request with ElementTree.
  @Test func pythonReadsTheRequestBackFromTheURL() async throws {
    let request = Self.request()
    let url = request.redirectURL(
      idpURL: "https://login.microsoftonline.com/0e5f6c1a/saml2", loginHint: "jane@acme.example")
    let output = try await Python.check(
      """
      import base64, sys, urllib.parse, zlib
      import xml.etree.ElementTree as ET
      query = urllib.parse.parse_qs(urllib.parse.urlparse(sys.argv[1]).query)
      xml = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15)
      root = ET.fromstring(xml)
      P = "{urn:oasis:names:tc:SAML:2.0:protocol}"
      A = "{urn:oasis:names:tc:SAML:2.0:assertion}"
      assert root.tag == P + "AuthnRequest", root.tag
      print("id", root.get("ID"))
      print("acs", root.get("AssertionConsumerServiceURL"))
      print("binding", root.get("ProtocolBinding"))
      print("issuer", root.find(A + "Issuer").text)
      print("policy", root.find(P + "NameIDPolicy").get("Format"))
      print("relay", query["RelayState"][0])
      print("hint", query["login_hint"][0])
      """, arguments: [url], environment: ["PYTHONDONTWRITEBYTECODE": "1"])
    #expect(
      output.split(separator: "\n").map(String.init) == [
        "id id6f1c0e2b9a8d7c6b5a4f3e2d1c0b9a8f", "acs http://localhost:53124/saml/acs",
        "binding urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
        "issuer https://signin.aws.amazon.com/saml#2",
        "policy urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", "relay r3l4y",
        "hint jane@acme.example",
      ])
  }
}
