public import Foundation

/// An SP-initiated SAML 2.0 `AuthnRequest` for the HTTP-Redirect binding (spec §12.4 A): what
/// ssopick sends the identity provider so that it posts the assertion to the loopback
/// listener instead of to AWS's sign-in page.
///
/// The request is unsigned (Entra accepts unsigned requests from a registered app); its `ID`
/// is random and starts with a letter (an XML `ID` must not start with a digit), its `Issuer`
/// is the app's identifier (`azure_app_id_uri`, `#N` suffix kept), and it names the loopback
/// listener as the `AssertionConsumerServiceURL`. `RelayState` is a random nonce the listener
/// requires back.
///
/// ```swift
/// let listener = try SAMLACSListener()          // bound before the browser opens
/// let request = SAMLAuthnRequest(issuer: profile.appIDURI, assertionConsumerServiceURL:
///   listener.acsURL, issueInstant: time.now, relayState: listener.relayState)
/// let url = request.redirectURL(idpURL: profile.idpURL, loginHint: profile.defaultUsername)
/// ```
public struct SAMLAuthnRequest: Sendable, Equatable {
  /// `ID`: `id` and 32 lower-case hex digits.
  public var id: String
  /// `IssueInstant`.
  public var issueInstant: Date
  /// `Issuer`: the app's identifier URI, e.g. `https://signin.aws.amazon.com/saml#2`.
  public var issuer: String
  /// `AssertionConsumerServiceURL`: where the IdP posts the answer,
  /// `http://localhost:PORT/saml/acs`.
  public var assertionConsumerServiceURL: String
  /// The binding's `RelayState`: a random nonce (secret until the answer arrives).
  public var relayState: String

  /// Creates a request; `id` and `relayState` are random unless given (tests).
  public init(
    issuer: String, assertionConsumerServiceURL: String, issueInstant: Date,
    id: String = SAMLAuthnRequest.randomID(), relayState: String = SAMLAuthnRequest.randomNonce()
  ) {
    self.id = id
    self.issueInstant = issueInstant
    self.issuer = issuer
    self.assertionConsumerServiceURL = assertionConsumerServiceURL
    self.relayState = relayState
  }

  /// The reply URL an administrator registers on the Entra app for the loopback mode. Entra
  /// ignores the port of `localhost` reply URLs, so this one covers every port the listener
  /// may get.
  public static let replyURLToRegister = "http://localhost/saml/acs"

  /// The loopback ACS URL for `port`: `http://localhost:PORT/saml/acs` (Entra allows plain
  /// `http` only for `localhost`).
  public static func acsURL(port: UInt16) -> String { "http://localhost:\(port)/saml/acs" }

  /// A request `ID`: `id` followed by 128 random bits in hex.
  public static func randomID() -> String { "id" + randomHex(bytes: 16) }

  /// A `RelayState` nonce: 128 random bits in hex.
  public static func randomNonce() -> String { randomHex(bytes: 16) }

  static func randomHex(bytes: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    let digits = Array("0123456789abcdef")
    var text = ""
    for _ in 0..<bytes {
      let byte = generator.next() as UInt8
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return text
  }

  /// The request's XML (as spec §12.4 A shows it).
  public var xml: String {
    "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
      + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"\(Self.escaped(id))\" "
      + "Version=\"2.0\" IssueInstant=\"\(AWSTimestamp.format(issueInstant))\" "
      + "AssertionConsumerServiceURL=\"\(Self.escaped(assertionConsumerServiceURL))\" "
      + "ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
      + "<saml:Issuer>\(Self.escaped(issuer))</saml:Issuer>"
      + "<samlp:NameIDPolicy Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\"/>"
      + "</samlp:AuthnRequest>"
  }

  /// The `SAMLRequest` value of the redirect binding: the XML, raw DEFLATE, base64 (not yet
  /// percent-encoded).
  public var encoded: String {
    Data(RawDeflate.compress(Array(xml.utf8))).base64EncodedString()
  }

  /// The URL to open: `idpURL?SAMLRequest=…&RelayState=…[&login_hint=…]`, each value
  /// percent-encoded (`&` instead of `?` when `idpURL` has a query already).
  public func redirectURL(idpURL: String, loginHint: String? = nil) -> String {
    var items = [("SAMLRequest", encoded), ("RelayState", relayState)]
    if let loginHint, !loginHint.isEmpty { items.append(("login_hint", loginHint)) }
    return idpURL + (idpURL.contains("?") ? "&" : "?") + PercentEncoding.query(items)
  }

  /// `text` safe inside an XML attribute or element.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default: result.append(character)
      }
    }
    return result
  }
}
