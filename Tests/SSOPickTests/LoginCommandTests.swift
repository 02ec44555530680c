import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// `ssopick login`, `status` and `logout` run as a user would, against the fake reached only
/// through AWS_ENDPOINT_URL_SSO[_OIDC], with botocore as the judge of what was written.
@Suite("ssopick login, status and logout (the built binary)")
struct LoginCommandTests {
  /// botocore's own SSO credential provider, given the profile, gets role credentials from
  /// the fake with whatever token file is there (spec §7.4 is botocore's code).
  static let botocoreCredentials = """
    import sys, botocore.session
    session = botocore.session.Session(profile=sys.argv[1])
    credentials = session.get_credentials().get_frozen_credentials()
    print(credentials.access_key)
    """

  static let profileConfig =
    FakeHome.sessionConfig(name: "acme")
    + "\n[profile acme-admin]\nsso_session = acme\nsso_account_id = 210987654321\n"
    + "sso_role_name = AdministratorAccess\nregion = eu-west-1\n"

  static func adminAccount(_ center: FakeIdentityCenter) -> (String, String) {
    let account = center.organisation.accounts.first { !$0.roles.isEmpty }
    return (account?.accountId ?? "", account?.roles.first ?? "")
  }

  static func config(for center: FakeIdentityCenter) -> String {
    let (account, role) = adminAccount(center)
    return FakeHome.sessionConfig(name: "acme")
      + "\n[profile acme-admin]\nsso_session = acme\nsso_account_id = \(account)\n"
      + "sso_role_name = \(role)\n"
  }

  @Test func deviceCodeLoginWritesTheCLITokenFileThatBotocoreUses() async throws {
    try await FakeHome.with { fake in
      try Self.config(for: fake.center).write(
        toFile: fake.configPath, atomically: true, encoding: .utf8)

      let result = try await BinaryRunner.ssopick(
        ["login", "--use-device-code", "--no-browser"], environment: fake.environment())
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.isEmpty, "login must print nothing on stdout")
      #expect(result.stderr.contains("Signed in to acme"), "\(result)")

      let token = try String(contentsOfFile: fake.tokenPath(), encoding: .utf8)
      #expect(
        token.hasPrefix(
          #"{"startUrl": "https://d-9a6f3c21b7.awsapps.com/start", "region": "eu-central-1", "accessToken": ""#
        ))
      #expect(token.contains(#""refreshToken": ""#))
      let attributes = try FileManager.default.attributesOfItem(atPath: fake.tokenPath())
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
      let folder = try FileManager.default.attributesOfItem(atPath: fake.home + "/.aws/sso/cache")
      #expect((folder[.posixPermissions] as? Int) == 0o700)

      let accessKey = try await Python.check(
        Self.botocoreCredentials, arguments: ["acme-admin"], environment: fake.environment())
      #expect(accessKey.hasPrefix("ASIA"), "botocore printed \(accessKey)")
      #expect(fake.center.stats().operations[.getRoleCredentials] == 1)
    }
  }

  @Test func theDeviceCodePromptGoesToStderrAndWaitsForApproval() async throws {
    var options = FakeIdentityCenter.Options()
    options.autoApprove = false
    try await FakeHome.with(options: options) { fake in
      let center = fake.center
      // Approve only after ssopick's first poll was answered "pending", so the prompt shows.
      let approver = Task {
        while center.pendingUserCodes().isEmpty
          || (center.stats().operations[.createToken] ?? 0) < 1
        {
          try await Task.sleep(for: .milliseconds(20))
        }
        center.decideDeviceCode(userCode: center.pendingUserCodes()[0])
      }
      let result = try await BinaryRunner.ssopick(
        ["login", "--session", "acme", "--no-browser"], environment: fake.environment())
      approver.cancel()
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("enter the code:"), "\(result)")
      #expect(result.stderr.contains("No browser here"), "headless machines use a device code")
    }
  }

  @Test func aDeniedDeviceCodeFailsWithExitTwo() async throws {
    var options = FakeIdentityCenter.Options()
    options.autoApprove = false
    try await FakeHome.with(options: options) { fake in
      let center = fake.center
      let denier = Task {
        while center.pendingUserCodes().isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        center.decideDeviceCode(userCode: center.pendingUserCodes()[0], approve: false)
      }
      let result = try await BinaryRunner.ssopick(
        ["login", "--use-device-code", "--no-browser"], environment: fake.environment())
      denier.cancel()
      #expect(result.status == 2, "\(result)")
      #expect(result.stderr.contains("The sign-in was denied"), "\(result)")
      #expect(!FileManager.default.fileExists(atPath: fake.tokenPath()))
    }
  }

  /// PKCE through a BROWSER stand-in that fetches the authorize URL, reads the redirect and
  /// follows it to ssopick's loopback listener, as a real browser would.
  @Test func pkceLoginThroughABrowserStandIn() async throws {
    try await FakeHome.with { fake in
      let browser = fake.home + "/browser.py"
      try """
      import sys, urllib.request, urllib.error
      class NoRedirect(urllib.request.HTTPRedirectHandler):
          def redirect_request(self, *args): return None
      opener = urllib.request.build_opener(NoRedirect)
      try:
          opener.open(sys.argv[1])
          sys.exit("authorize did not redirect")
      except urllib.error.HTTPError as e:
          location = e.headers["Location"]
      with urllib.request.urlopen(location) as answer:
          open(sys.argv[0] + ".done", "w").write(answer.read().decode())
      """.write(toFile: browser, atomically: true, encoding: .utf8)
      let result = try await BinaryRunner.ssopick(
        ["login", "--use-pkce"],
        environment: fake.environment(["BROWSER": "\(try Python.interpreter()) \(browser) %s"]))
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("/authorize?response_type=code"), "the URL is always printed")
      let page = try String(contentsOfFile: browser + ".done", encoding: .utf8)
      #expect(page.contains("ssopick is signed in"))
      let token = try String(contentsOfFile: fake.tokenPath(), encoding: .utf8)
      #expect(token.contains(#""refreshToken": ""#))
      // The registration file is named as the AWS CLI names it (spec §7.3), computed here by
      // Python exactly as the CLI's code does.
      let name = try await Python.check(
        """
        import hashlib, json, sys
        args = {"tool": "botocore", "startUrl": sys.argv[1], "region": sys.argv[2],
                "scopes": ["sso:account:access"], "session_name": "acme"}
        print(hashlib.sha1(json.dumps(args, sort_keys=True).encode("utf-8")).hexdigest())
        """, arguments: [FakeHome.startURL, FakeHome.region], environment: fake.environment())
      let registration = try String(
        contentsOfFile: fake.home + "/.aws/sso/cache/"
          + name.trimmingCharacters(in: .whitespacesAndNewlines) + ".json",
        encoding: .utf8)
      #expect(registration.hasSuffix(#""grantTypes": ["authorization_code", "refresh_token"]}"#))
    }
  }

  @Test func statusReadsATokenWrittenByTheAWSCLIAndReportsJSON() async throws {
    try await FakeHome.with(
      config: FakeHome.sessionConfig(name: "acme") + "\n" + FakeHome.sessionConfig(name: "other")
    ) { fake in
      let document = try fake.signIn(session: "acme")

      let result = try await BinaryRunner.ssopick(
        ["status", "--json"], environment: fake.environment())
      #expect(result.status == 0, "\(result)")
      let data = Data(result.stdout.utf8)
      let items = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
      #expect(items.map { $0["session"] as? String } == ["acme", "other"])
      #expect(items[0]["state"] as? String == "signed-in")
      #expect(items[1]["state"] as? String == "not-signed-in")
      #expect(items[0]["tokenFile"] as? String == fake.tokenPath())
      #expect((items[0]["expiresInSeconds"] as? Int ?? 0) > 3600)
      #expect(items[0]["refreshableUntil"] is String)
      #expect(
        Set(items[0].keys) == [
          "session", "startUrl", "region", "state", "accessTokenExpiresAt", "expiresInSeconds",
          "refreshableUntil", "tokenFile",
        ])
      #expect(!result.stdout.contains(document.accessToken), "status never prints a token")

      let text = try await BinaryRunner.ssopick(["status"], environment: fake.environment())
      #expect(text.stdout.contains("acme (sso-session)"))
      #expect(text.stdout.contains("signed in, token valid for"))
      #expect(text.stdout.contains("not signed in; run `ssopick login`"))
    }
  }

  @Test func logoutEndsTheSessionAtTheServiceAndRemovesOnlyItsToken() async throws {
    try await FakeHome.with(
      config: FakeHome.sessionConfig(name: "acme") + "\n" + FakeHome.sessionConfig(name: "other")
    ) { fake in
      try fake.signIn(session: "acme")
      try fake.signIn(session: "other")

      let result = try await BinaryRunner.ssopick(
        ["logout", "--session", "acme"], environment: fake.environment())
      #expect(result.status == 0, "\(result)")
      #expect(result.stderr.contains("Signed out of acme."))
      #expect(fake.center.stats().operations[.logout] == 1)
      #expect(!FileManager.default.fileExists(atPath: fake.tokenPath(session: "acme")))
      #expect(FileManager.default.fileExists(atPath: fake.tokenPath(session: "other")))
    }
  }

  @Test func nothingConfiguredSaysToRunConfigure() async throws {
    try await FakeHome.with(config: "[default]\nregion = eu-west-1\n") { fake in
      for arguments in [["login"], ["status"], ["logout"]] {
        let result = try await BinaryRunner.ssopick(arguments, environment: fake.environment())
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.stderr.contains("ssopick configure"), "\(arguments): \(result)")
      }
    }
  }

  @Test func severalSessionsNeedAChoice() async throws {
    try await FakeHome.with(
      config: FakeHome.sessionConfig(name: "acme") + "\n" + FakeHome.sessionConfig(name: "beta")
    ) { fake in
      let result = try await BinaryRunner.ssopick(["login"], environment: fake.environment())
      #expect(result.status == 2)
      #expect(result.stderr.contains("several sign-ins (acme, beta)"), "\(result)")
      #expect(result.stderr.contains("--session NAME"))
    }
  }

  @Test func aCorruptTokenFileIsReportedWithVerboseAndReplacedByTheLogin() async throws {
    try await FakeHome.with { fake in
      try FileManager.default.createDirectory(
        atPath: fake.home + "/.aws/sso/cache", withIntermediateDirectories: true)
      try #"{"accessToken": "trunc"#.write(
        toFile: fake.tokenPath(), atomically: true, encoding: .utf8)
      let status = try await BinaryRunner.ssopick(["status"], environment: fake.environment())
      #expect(status.status == 0)
      #expect(status.stdout.contains("token file unreadable"))
      let login = try await BinaryRunner.ssopick(
        ["login", "--use-device-code", "--no-browser"], environment: fake.environment())
      #expect(login.status == 0, "\(login)")
      let token = try String(contentsOfFile: fake.tokenPath(), encoding: .utf8)
      #expect(token.contains(#""accessToken": ""#) && !token.contains("trunc"))
    }
  }
}
