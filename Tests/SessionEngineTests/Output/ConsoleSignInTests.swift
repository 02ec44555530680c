import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// Console sign-in URLs (spec §11): the federation calls decoded parameter by parameter, the
/// partitions' hosts, the override, the retry without SessionDuration, and the whole
/// exchange against FakeIdentityCenter's federation endpoint.
@Suite struct ConsoleSignInTests {
  static let credentials = RoleCredentials(
    accessKeyID: "ASIAEXAMPLE7QWERTY", secretAccessKey: "wJalrEXAMPLEsecretKEY/abc+def",
    sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//tok==",
    expiration: Date(timeIntervalSince1970: 1_767_229_200), accountID: "210987654321")

  /// The query of `url` decoded (RFC 3986 percent-encoding), in order.
  static func query(_ url: String) throws -> [(String, String)] {
    let components = try #require(URLComponents(string: url))
    return try #require(components.percentEncodedQuery).split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (
        String(parts[0]), PercentEncoding.decode(String(parts.count > 1 ? parts[1] : "")) ?? "?"
      )
    }
  }

  @Test(arguments: [
    (
      "eu-central-1", "https://signin.aws.amazon.com/federation",
      "https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1"
    ),
    (
      "us-gov-west-1", "https://signin.amazonaws-us-gov.com/federation",
      "https://console.amazonaws-us-gov.com/"
    ),
    ("cn-north-1", "https://signin.amazonaws.cn/federation", "https://console.amazonaws.cn/"),
  ])
  func partitionsHaveTheirOwnHosts(region: String, federation: String, home: String) throws {
    let signIn = try ConsoleSignIn(
      ssoRegion: region, region: nil, environment: Environment(), transport: ScriptedTransport())
    #expect(signIn.federationURL == federation)
    #expect(signIn.consoleHomeURL == home)
  }

  @Test func unknownPartitionsNeedTheOverride() throws {
    #expect(throws: OutputError.consoleUnavailable(region: "eusc-de-east-1")) {
      try ConsoleSignIn(
        ssoRegion: "eusc-de-east-1", region: nil, environment: Environment(),
        transport: ScriptedTransport())
    }
    let signIn = try ConsoleSignIn(
      ssoRegion: "eusc-de-east-1", region: nil,
      environment: Environment(["SSOPICK_FEDERATION_ENDPOINT": "https://signin.example/federation"]
      ),
      transport: ScriptedTransport())
    #expect(signIn.federationURL == "https://signin.example/federation")
    #expect(throws: OutputError.self) {
      try ConsoleSignIn(
        ssoRegion: "eu-west-1", region: nil,
        environment: Environment(["SSOPICK_FEDERATION_ENDPOINT": "file:///etc/passwd"]),
        transport: ScriptedTransport())
    }
  }

  @Test func destinations() throws {
    let signIn = try ConsoleSignIn(
      ssoRegion: "eu-central-1", region: "eu-west-1", environment: Environment(),
      transport: ScriptedTransport())
    #expect(
      try signIn.destination(nil)
        == "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1")
    #expect(
      try signIn.destination("/s3/home?region=eu-west-1")
        == "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1")
    #expect(
      try signIn.destination("https://console.aws.amazon.com/ec2")
        == "https://console.aws.amazon.com/ec2")
    #expect(throws: OutputError.self) { try signIn.destination("http://console.aws.amazon.com/") }
    #expect(throws: OutputError.self) { try signIn.destination("javascript:alert(1)") }
  }

  @Test func theTokenRequestCarriesTheSessionAsJSON() throws {
    let signIn = try ConsoleSignIn(
      ssoRegion: "eu-central-1", region: nil, environment: Environment(),
      transport: ScriptedTransport())
    let url = signIn.signinTokenRequestURL(Self.credentials, sessionDuration: 3600)
    #expect(url.hasPrefix("https://signin.aws.amazon.com/federation?"))
    let query = try Self.query(url)
    #expect(query.map(\.0) == ["Action", "SessionDuration", "Session"])
    #expect(query[0].1 == "getSigninToken")
    #expect(query[1].1 == "3600")
    let session = try #require(
      try JSONSerialization.jsonObject(with: Data(query[2].1.utf8)) as? [String: String])
    #expect(
      session == [
        "sessionId": "ASIAEXAMPLE7QWERTY", "sessionKey": "wJalrEXAMPLEsecretKEY/abc+def",
        "sessionToken": "IQoJb3JpZ2luX2VjEXAMPLE//tok==",
      ])
    // Every reserved character is encoded: no raw '+', '/' or '=' in the Session value.
    let raw = try #require(url.split(separator: "Session=").last)
    #expect(!raw.contains("+") && !raw.contains("/") && !raw.contains("="))
  }

  @Test func aRefusedSessionDurationIsRetriedWithoutIt() async throws {
    let transport = ScriptedTransport([
      { _ in HTTPResponse(status: 400, body: Data("<html>bad</html>".utf8)) },
      { _ in .json(200, #"{"SigninToken":"tok/en+1"}"#) },
    ])
    let signIn = try ConsoleSignIn(
      ssoRegion: "eu-central-1", region: nil, environment: Environment(), transport: transport)
    let url = try await signIn.signInURL(
      Self.credentials, destination: signIn.consoleHomeURL, sessionDuration: 43_200)
    #expect(transport.requests.count == 2)
    #expect(transport.requests[0].url.contains("SessionDuration=43200"))
    #expect(!transport.requests[1].url.contains("SessionDuration"))
    let query = try Self.query(url)
    #expect(query.map(\.0) == ["Action", "Issuer", "Destination", "SigninToken"])
    #expect(query[3].1 == "tok/en+1")
  }

  @Test func failuresNeverCarryTheSecrets() async throws {
    let transport = ScriptedTransport([{ _ in HTTPResponse(status: 400) }])
    let signIn = try ConsoleSignIn(
      ssoRegion: "eu-central-1", region: nil, environment: Environment(), transport: transport)
    do {
      _ = try await signIn.signInURL(Self.credentials, destination: signIn.consoleHomeURL)
      Issue.record("expected a failure")
    } catch {
      #expect(error == .federationRefused(status: 400))
      #expect(!error.description.contains(Self.credentials.secretAccessKey))
      #expect(!error.description.contains("wJalr"))
    }
    let malformed = ScriptedTransport([{ _ in .json(200, #"{"nope":1}"#) }])
    let other = try ConsoleSignIn(
      ssoRegion: "eu-central-1", region: nil, environment: Environment(), transport: malformed)
    await #expect(throws: OutputError.malformedFederationResponse) {
      try await other.signInURL(Self.credentials, destination: other.consoleHomeURL)
    }
  }

  /// The whole exchange against FakeIdentityCenter: real role credentials, getSigninToken,
  /// and the login URL, which the fake answers with a redirect to the destination.
  @Test func signsInAtTheFake() async throws {
    let fake = try InProcessFake()
    let credentials = try await fake.directory().roleCredentials(
      accountID: "210987654321", roleName: "AdministratorAccess")
    let signIn = try ConsoleSignIn(
      ssoRegion: "eu-central-1", region: "eu-west-1",
      environment: Environment(["SSOPICK_FEDERATION_ENDPOINT": "http://fake/federation"]),
      transport: fake)
    let destination = try signIn.destination("/ec2/home")
    let url = try await signIn.signInURL(
      credentials, destination: destination, sessionDuration: 3600)
    #expect(url.hasPrefix("http://fake/federation?"))
    let query = try Self.query(url)
    #expect(query[0].1 == "login")
    #expect(query[1].1 == "ssopick")
    #expect(query[2].1 == "https://eu-west-1.console.aws.amazon.com/ec2/home")
    #expect(!query[3].1.isEmpty)
    #expect(!url.contains(credentials.secretAccessKey))
    let answer = try await fake.send(HTTPRequest(method: "GET", url: url))
    #expect(answer.status == 302)
    #expect(answer.header("Location") == "https://eu-west-1.console.aws.amazon.com/ec2/home")
    #expect(fake.center.stats().operations[.getSigninToken] == 1)
  }
}
