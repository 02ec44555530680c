import Crypto
import Foundation
import LoopbackServer

/// A SAML assertion the fake IdP issued, kept by the SHA-256 of the response's bytes: STS's
/// AssumeRoleWithSAML accepts exactly these, unaltered (the fake's stand-in for checking the
/// IdP's signature).
struct IssuedSAMLAssertion {
  var issuer: String
  var nameID: String
  var nameIDFormat: String
  var recipient: String
  var audience: String
  var notOnOrAfter: Date
  var roles: [FakeIdentityCenter.Options.SAML.RolePair]
  var sessionName: String
  var sessionDuration: Int?
}

/// The fake Entra ID SAML endpoint (spec §12.4 A): `GET /<tenant>/saml2` with the
/// HTTP-Redirect binding (`SAMLRequest` = base64 of raw DEFLATE of the `AuthnRequest`,
/// `RelayState`, optional `login_hint`). It checks the request as Entra does — the tenant, a
/// readable request, an `ID` that does not start with a digit, a known app `Issuer`, a
/// registered reply URL (`localhost` ones match any port) and an assigned user — and answers
/// AADSTS error pages, or the auto-submitting form that POSTs `SAMLResponse` and
/// `RelayState` to the `AssertionConsumerServiceURL`.
extension ServiceState {
  typealias SAMLOptions = FakeIdentityCenter.Options.SAML

  /// Entra's error page: the code and message in the page (`<p id="message">`).
  static func entraErrorPage(_ code: String, _ message: String) -> FakeHTTPResponse {
    let text = "\(code): \(message)"
    return .text(
      400,
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sign in to your account"
        + "</title></head><body><div id=\"error\" data-error-code=\"\(htmlEscape(code))\">"
        + "<p>Sorry, but we’re having trouble signing you in.</p>"
        + "<p id=\"message\">\(htmlEscape(text))</p></div></body></html>",
      contentType: "text/html; charset=utf-8")
  }

  /// The tenant named by `segment` (its id or domain, case-insensitive).
  func samlTenant(_ segment: String) -> SAMLOptions.Tenant? {
    samlTenants.first {
      $0.id.lowercased() == segment.lowercased() || $0.domain?.lowercased() == segment.lowercased()
    }
  }

  /// Whether `requested` is one of `registered`: exactly, or — for `http://localhost` — with
  /// any port (Entra ignores the port of localhost reply URLs).
  static func replyURLMatches(_ requested: String, _ registered: [String]) -> Bool {
    func parts(_ url: String) -> (scheme: String, host: String, port: Int?, rest: String)? {
      guard let components = URLComponents(string: url), let scheme = components.scheme,
        let host = components.host
      else { return nil }
      var rest = components.percentEncodedPath
      if let query = components.percentEncodedQuery { rest += "?" + query }
      return (scheme.lowercased(), host.lowercased(), components.port, rest)
    }
    guard let wanted = parts(requested) else { return false }
    return registered.contains { candidate in
      guard let known = parts(candidate) else { return false }
      if wanted.host == "localhost", known.host == "localhost" {
        return wanted.scheme == known.scheme && wanted.rest == known.rest
      }
      return candidate == requested
    }
  }

  mutating func samlSignOn(_ context: Context) -> FakeHTTPResponse {
    let segments = context.request.path.split(separator: "/")
    guard segments.count == 2, let tenant = samlTenant(String(segments[0])) else {
      return Self.entraErrorPage(
        "AADSTS90002",
        "Tenant '\(segments.first.map(String.init) ?? "")' not found. Check to make sure you "
          + "have the correct tenant ID and are signing into the correct cloud.")
    }
    guard let samlRequest = context.query["SAMLRequest"], !samlRequest.isEmpty else {
      return Self.entraErrorPage(
        "AADSTS750054",
        "SAMLRequest or SAMLResponse must be present as query string parameters in HTTP request "
          + "for SAML Redirect binding.")
    }
    let request: SAMLRequestReader.AuthnRequest
    do {
      guard let compressed = Data(base64Encoded: samlRequest) else {
        throw SAMLRequestReader.Failure(reason: "SAMLRequest is not base64")
      }
      let xml = try RawInflate.decompress([UInt8](compressed))
      request = try SAMLRequestReader.read(xml)
    } catch let failure as RawInflate.Failure {
      return Self.entraErrorPage(
        "AADSTS75005", "The request is not a valid Saml2 protocol message (\(failure.reason)).")
    } catch let failure as SAMLRequestReader.Failure {
      return Self.entraErrorPage(
        "AADSTS75005", "The request is not a valid Saml2 protocol message (\(failure.reason)).")
    } catch {
      return Self.entraErrorPage(
        "AADSTS75005", "The request is not a valid Saml2 protocol message.")
    }
    guard let id = request.id, let first = id.first, !first.isNumber, request.version == "2.0"
    else {
      return Self.entraErrorPage(
        "AADSTS7500529",
        "The value '\(request.id ?? "")' is not a valid SAML ID. The ID must not begin with a "
          + "number, and the Version must be 2.0.")
    }
    guard let issuer = request.issuer,
      let application = tenant.applications.first(where: { $0.identifier == issuer })
    else {
      return Self.entraErrorPage(
        "AADSTS700016",
        "Application with identifier '\(request.issuer ?? "")' was not found in the directory "
          + "'\(tenant.domain ?? tenant.id)'. This can happen if the application has not been "
          + "installed by the administrator of the tenant or consented to by any user in the "
          + "tenant.")
    }
    let acs = request.assertionConsumerServiceURL ?? application.replyURLs.first ?? ""
    guard Self.replyURLMatches(acs, application.replyURLs) else {
      return Self.entraErrorPage(
        "AADSTS50011",
        "The redirect URI '\(acs)' specified in the request does not match the redirect URIs "
          + "configured for the application '\(application.identifier)'. Make sure the "
          + "redirect URI sent in the request matches one added to your application in the "
          + "Azure portal.")
    }
    let user = (context.query["login_hint"].flatMap { $0.isEmpty ? nil : $0 } ?? options.userName)
      .lowercased()
    guard let roles = application.assignments.first(where: { $0.key.lowercased() == user })?.value
    else {
      return Self.entraErrorPage(
        "AADSTS50105",
        "Your administrator has configured the application '\(application.identifier)' to "
          + "block users unless they are specifically granted ('assigned') access to the "
          + "application. The signed in user '\(user)' is blocked because they are not a "
          + "direct member of a group with access, nor had access directly assigned by an "
          + "administrator.")
    }
    let encoded = issueSAMLResponse(
      tenant: tenant, application: application, user: user, roles: roles, recipient: acs,
      inResponseTo: options.saml.idpInitiated ? nil : id, now: context.now)
    return Self.autoSubmitForm(
      action: acs, samlResponse: encoded, relayState: context.query["RelayState"])
  }

  /// Entra's "Working..." page: a form that posts itself.
  static func autoSubmitForm(action: String, samlResponse: String, relayState: String?)
    -> FakeHTTPResponse
  {
    var fields =
      "<input type=\"hidden\" name=\"SAMLResponse\" value=\"\(htmlEscape(samlResponse))\" />"
    if let relayState {
      fields += "<input type=\"hidden\" name=\"RelayState\" value=\"\(htmlEscape(relayState))\" />"
    }
    return .text(
      200,
      "<html><head><title>Working...</title></head><body>"
        + "<form method=\"POST\" name=\"hiddenform\" action=\"\(htmlEscape(action))\">\(fields)"
        + "<noscript><p>Script is disabled. Click Submit to continue.</p>"
        + "<input type=\"submit\" value=\"Submit\" /></noscript></form>"
        + "<script language=\"javascript\">document.forms[0].submit();</script></body></html>",
      contentType: "text/html; charset=utf-8")
  }

  /// Builds, records and returns (base64) a `samlp:Response` for `user`, addressed to
  /// `recipient`. With ``FakeIdentityCenter/Options/SAML/deny`` it is a refusal instead
  /// (not recorded: there is no assertion).
  mutating func issueSAMLResponse(
    tenant: SAMLOptions.Tenant, application: SAMLOptions.Application, user: String,
    roles: [SAMLOptions.RolePair], recipient: String, inResponseTo: String?, now fakeNow: Date
  ) -> String {
    let saml = options.saml
    let now = fakeNow.addingTimeInterval(saml.clockOffset)
    let issuer = "https://sts.windows.net/\(tenant.id)/"
    let responseID = "_" + UUID().uuidString.lowercased()
    let assertionID = "_" + UUID().uuidString.lowercased()
    let answering = inResponseTo.map { " InResponseTo=\"\(XMLText.escaped($0))\"" } ?? ""
    var xml =
      "<samlp:Response ID=\"\(responseID)\" Version=\"2.0\" IssueInstant=\"\(Self.samlTime(now))\" "
      + "Destination=\"\(XMLText.escaped(recipient))\"\(answering) "
      + "xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
      + "<Issuer xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\">\(XMLText.escaped(issuer))</Issuer>"
    if saml.deny {
      xml +=
        "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Requester\">"
        + "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:RequestDenied\"/>"
        + "</samlp:StatusCode><samlp:StatusMessage>AADSTS50105: The signed in user '"
        + "\(XMLText.escaped(user))' is not assigned to a role for the application "
        + "'\(XMLText.escaped(application.identifier))'.</samlp:StatusMessage></samlp:Status>"
        + "</samlp:Response>"
      return Data(xml.utf8).base64EncodedString()
    }
    let notOnOrAfter = now.addingTimeInterval(saml.assertionLifetime)
    xml +=
      "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>"
      + "</samlp:Status>"
    var attributes =
      "<AttributeStatement><Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\">"
    for pair in roles {
      attributes += "<AttributeValue>\(XMLText.escaped(pair.attributeValue))</AttributeValue>"
    }
    attributes +=
      "</Attribute><Attribute Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\">"
      + "<AttributeValue>\(XMLText.escaped(user))</AttributeValue></Attribute>"
    if let duration = application.sessionDuration {
      attributes +=
        "<Attribute Name=\"https://aws.amazon.com/SAML/Attributes/SessionDuration\">"
        + "<AttributeValue>\(duration)</AttributeValue></Attribute>"
    }
    attributes += "</AttributeStatement>"
    let nameIDFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    let body =
      "<Subject><NameID Format=\"\(nameIDFormat)\">\(XMLText.escaped(user))</NameID>"
      + "<SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
      + "<SubjectConfirmationData\(answering) NotOnOrAfter=\"\(Self.samlTime(notOnOrAfter))\" "
      + "Recipient=\"\(XMLText.escaped(recipient))\"/></SubjectConfirmation></Subject>"
      + "<Conditions NotBefore=\"\(Self.samlTime(now.addingTimeInterval(-300)))\" "
      + "NotOnOrAfter=\"\(Self.samlTime(now.addingTimeInterval(3600)))\"><AudienceRestriction>"
      + "<Audience>\(XMLText.escaped(application.identifier))</Audience></AudienceRestriction>"
      + "</Conditions>\(attributes)<AuthnStatement AuthnInstant=\"\(Self.samlTime(now))\" "
      + "SessionIndex=\"\(assertionID)\"><AuthnContext><AuthnContextClassRef>"
      + "urn:oasis:names:tc:SAML:2.0:ac:classes:Password</AuthnContextClassRef></AuthnContext>"
      + "</AuthnStatement>"
    let digest = Data(SHA256.hash(data: Data(body.utf8))).base64EncodedString()
    let signature =
      "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>"
      + "<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
      + "<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
      + "<Reference URI=\"#\(assertionID)\"><Transforms>"
      + "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
      + "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></Transforms>"
      + "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
      + "<DigestValue>\(digest)</DigestValue></Reference></SignedInfo>"
      + "<SignatureValue>\(SecretFactory.random(344, from: SecretFactory.base64Alphabet))"
      + "</SignatureValue></Signature>"
    if saml.encryptAssertions {
      xml +=
        "<EncryptedAssertion xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
        + "<xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\" "
        + "Type=\"http://www.w3.org/2001/04/xmlenc#Element\"><xenc:EncryptionMethod "
        + "Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\"/><xenc:CipherData>"
        + "<xenc:CipherValue>\(SecretFactory.random(1024, from: SecretFactory.base64Alphabet))"
        + "</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></EncryptedAssertion>"
    } else {
      xml +=
        "<Assertion ID=\"\(assertionID)\" IssueInstant=\"\(Self.samlTime(now))\" Version=\"2.0\" "
        + "xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\"><Issuer>\(XMLText.escaped(issuer))"
        + "</Issuer>\(signature)\(body)</Assertion>"
    }
    xml += "</samlp:Response>"
    let bytes = Data(xml.utf8)
    samlAssertions[Self.samlDigest(bytes)] = IssuedSAMLAssertion(
      issuer: issuer, nameID: user, nameIDFormat: nameIDFormat, recipient: recipient,
      audience: application.identifier, notOnOrAfter: notOnOrAfter, roles: roles,
      sessionName: user, sessionDuration: application.sessionDuration)
    return bytes.base64EncodedString()
  }

  /// The key of an issued response: SHA-256 of its bytes, in hex.
  static func samlDigest(_ bytes: Data) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }

  /// SAML's `xs:dateTime` as Entra writes it: UTC with milliseconds.
  static func samlTime(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let whole = Date(timeIntervalSince1970: TimeInterval(milliseconds / 1000))
    let fraction = String(format: "%03d", Int(((milliseconds % 1000) + 1000) % 1000))
    return String(Timestamp.cacheFormat(whole).dropLast()) + ".\(fraction)Z"
  }
}
