import FakeIdentityCenter
import Foundation
import LoopbackServer
import SSOPickTestSupport
import SessionEngine
import Testing

/// `ssopick console`: the sign-in URL from the fake's federation endpoint, decoded and
/// followed; opened with a BROWSER stand-in; never shown anywhere else.
@Suite("ssopick console (the built binary)")
struct ConsoleCommandTests {
  static let role = ["--account", "210987654321", "--role", "AdministratorAccess"]

  static func environment(_ home: FakeHome, _ extra: [String: String] = [:]) -> [String: String] {
    home.environment(
      ["SSOPICK_FEDERATION_ENDPOINT": home.baseURL.absoluteString + "/federation"].merging(extra) {
        $1
      })
  }

  static func query(_ url: String) throws -> [String: String] {
    let components = try #require(URLComponents(string: url))
    var result: [String: String] = [:]
    for item in try #require(components.percentEncodedQuery).split(separator: "&") {
      let parts = item.split(separator: "=", maxSplits: 1)
      result[String(parts[0])] = PercentEncoding.decode(String(parts[1]))
    }
    return result
  }

  @Test func printPrintsAURLTheFakeSignsInWith() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["console", "--print", "--region", "eu-west-1", "--destination", "/s3/home"] + Self.role,
        environment: Self.environment(home))
      #expect(result.status == 0, "\(result)")
      #expect(result.stderr.isEmpty, "\(result)")
      let url = result.stdout.trimmingCharacters(in: .newlines)
      #expect(url.hasPrefix(home.baseURL.absoluteString + "/federation?Action=login&"))
      let query = try Self.query(url)
      #expect(query["Action"] == "login")
      #expect(query["Issuer"] == "ssopick")
      #expect(query["Destination"] == "https://eu-west-1.console.aws.amazon.com/s3/home")
      let token = try #require(query["SigninToken"])
      #expect(!token.isEmpty)
      let target = String(url.dropFirst(home.baseURL.absoluteString.count))
      let answer = await home.center.handle(FakeHTTPRequest(method: "GET", target: target))
      #expect(answer.status == 302)
      #expect(answer.header("Location") == "https://eu-west-1.console.aws.amazon.com/s3/home")
    }
  }

  @Test func portalPrintsTheAccessPortalsShortcutAndNoPortalOverridesTheSetting() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["console", "--portal", "--print"] + Self.role, environment: Self.environment(home))
      #expect(result.status == 0, "\(result)")
      #expect(
        result.stdout
          == FakeHome.startURL
          + "/#/console?account_id=210987654321&role_name=AdministratorAccess\n")
      let federation = try await BinaryRunner.ssopick(
        ["console", "--no-portal", "--print"] + Self.role,
        environment: Self.environment(home, ["SSOPICK_CONSOLE": "portal"]))
      #expect(federation.status == 0, "\(federation)")
      #expect(federation.stdout.hasPrefix(home.baseURL.absoluteString + "/federation?"))
      let bad = try await BinaryRunner.ssopick(
        ["console", "--print"] + Self.role,
        environment: Self.environment(home, ["SSOPICK_CONSOLE": "tab"]))
      #expect(bad.status == 2)
      #expect(bad.stderr.contains("SSOPICK_CONSOLE=tab is not a console mode"), "\(bad)")
      #expect(bad.stdout.isEmpty)
    }
  }

  @Test func theURLGoesToTheBrowserAndNowhereElse() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let received = home.home + "/url"
      let browser = home.home + "/browser"
      try "#!/bin/sh\nprintf '%s' \"$1\" > '\(received)'\n".write(
        toFile: browser, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)
      let result = try await BinaryRunner.ssopick(
        ["console"] + Self.role, environment: Self.environment(home, ["BROWSER": browser]))
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("Opened the AWS console for Acme Management (210987654321)"))
      #expect(!result.stderr.contains("SigninToken"))
      // The browser command runs in the background; wait for its file without sleeping.
      var url = ""
      for _ in 0..<2000 where url.isEmpty {
        url = (try? String(contentsOfFile: received, encoding: .utf8)) ?? ""
        await Task.yield()
      }
      let query = try Self.query(url)
      #expect(
        query["Destination"]
          == "https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1")
      #expect(query["SigninToken"]?.isEmpty == false)
    }
  }

  @Test func withoutABrowserItSaysToUsePrintAndFetchesNothing() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["console"] + Self.role, environment: Self.environment(home, ["CI": "true"]))
      #expect(result.status == 2)
      #expect(result.stderr.contains("--print"), "\(result)")
      #expect(home.center.stats().operations[.getRoleCredentials] == nil)
      #expect(home.center.stats().operations[.getSigninToken] == nil)
    }
  }
}
