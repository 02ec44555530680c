import SessionEngine
import Testing

/// The spec's test vectors (§7.2, §7.3, §8): if these pass, ssopick and the AWS CLI name
/// their cache files identically.
struct CacheKeyTests {
  @Test(arguments: [
    ("acme-sso", "97de80f8b6607d97ffda321b351f24048b242432"),
    ("https://d-9a6f3c21b7.awsapps.com/start", "90cebac2f185834ae51dd56a4c4c59b3c8c63aa5"),
    ("équipe", "e85e3a0d6d7c5e4114d817fccf50b403c11e9b7f"),
  ])
  func tokenFileNames(input: String, expected: String) {
    #expect(CacheKey.sha1Hex(input) == expected)
  }

  @Test func tokenKeyUsesTheSessionNameOrElseTheStartURL() {
    let url = "https://d-9a6f3c21b7.awsapps.com/start"
    #expect(
      CacheKey.token(sessionName: "acme-sso", startURL: url)
        == "97de80f8b6607d97ffda321b351f24048b242432")
    #expect(
      CacheKey.token(sessionName: nil, startURL: url) == "90cebac2f185834ae51dd56a4c4c59b3c8c63aa5")
  }

  struct RegistrationVector: Sendable, CustomTestStringConvertible {
    var url = "https://d-9a6f3c21b7.awsapps.com/start"
    var region = "eu-central-1"
    var scopes: [String]?
    var session: String?
    var text: String
    var name: String
    var testDescription: String { name }
  }

  static let registrationVectors: [RegistrationVector] = [
    RegistrationVector(
      scopes: ["sso:account:access"], session: "acme-sso",
      text:
        #"{"region": "eu-central-1", "scopes": ["sso:account:access"], "session_name": "acme-sso", "startUrl": "https://d-9a6f3c21b7.awsapps.com/start", "tool": "botocore"}"#,
      name: "f39d0d09f35c436cbe75a27c5505a691b9185d23"),
    RegistrationVector(
      scopes: nil, session: "acme-sso",
      text:
        #"{"region": "eu-central-1", "scopes": null, "session_name": "acme-sso", "startUrl": "https://d-9a6f3c21b7.awsapps.com/start", "tool": "botocore"}"#,
      name: "15a89cdead54aafd77b1afee12361790c06927c9"),
    RegistrationVector(
      scopes: ["sso:account:access", "codecatalyst:read_write"], session: "acme-sso",
      text:
        #"{"region": "eu-central-1", "scopes": ["sso:account:access", "codecatalyst:read_write"], "session_name": "acme-sso", "startUrl": "https://d-9a6f3c21b7.awsapps.com/start", "tool": "botocore"}"#,
      name: "e807c523bb31fac14a9200f0f178e2c8f4d2b17d"),
    RegistrationVector(
      scopes: nil, session: nil,
      text:
        #"{"region": "eu-central-1", "scopes": null, "session_name": null, "startUrl": "https://d-9a6f3c21b7.awsapps.com/start", "tool": "botocore"}"#,
      name: "f426e4af8c0de0180294bf8aba26e6ac401b442a"),
    RegistrationVector(
      url: "https://équipe.example/start", region: "eu-west-1", scopes: nil, session: "équipe",
      text:
        #"{"region": "eu-west-1", "scopes": null, "session_name": "\u00e9quipe", "startUrl": "https://\u00e9quipe.example/start", "tool": "botocore"}"#,
      name: "1efd0ffd9839bae1cfca5db5da8df797e62aeb45"),
  ]

  @Test(arguments: registrationVectors)
  func registrationFileNames(vector: RegistrationVector) {
    let text = CacheKey.registrationArguments(
      startURL: vector.url, region: vector.region, scopes: vector.scopes,
      sessionName: vector.session)
    #expect(text == vector.text)
    #expect(
      CacheKey.registration(
        startURL: vector.url, region: vector.region, scopes: vector.scopes,
        sessionName: vector.session) == vector.name)
  }

  @Test func roleCredentialCacheNames() {
    #expect(
      CacheKey.roleCredentials(
        accountID: "210987654321", roleName: "PlatformAdmin", sessionName: "acme-sso",
        startURL: "ignored") == "2cb6f8f974923909de3b5ea8f04f5612a53abc95")
    #expect(
      CacheKey.roleCredentials(
        accountID: "210987654321", roleName: "PlatformAdmin", sessionName: nil,
        startURL: "https://d-9a6f3c21b7.awsapps.com/start")
        == "701847d4bc36a381048bca03776cbcaa2bf6d766")
  }
}
