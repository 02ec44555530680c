import FakeIdentityCenter
import Foundation
import LoopbackServer
import SSOPickTestSupport
import Testing

/// `ssopick export` run as a user would: the lines evaluated by bash, the credentials checked
/// at the fake, the credentials file and the profile read by boto3.
@Suite("ssopick export (the built binary)")
struct ExportCommandTests {
  static let admin = ["--account", "Acme Management", "--role", "AdministratorAccess"]

  /// Whether the fake accepts these credentials (it issued them and they are live): its
  /// federation endpoint validates them.
  static func fakeAccepts(_ center: FakeIdentityCenter, _ environment: [String: String]) async
    -> Bool
  {
    let session =
      #"{"sessionId":"\#(environment["AWS_ACCESS_KEY_ID"] ?? "")","sessionKey":"\#(environment["AWS_SECRET_ACCESS_KEY"] ?? "")","sessionToken":"\#(environment["AWS_SESSION_TOKEN"] ?? "")"}"#
    let encoded = session.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    let answer = await center.handle(
      FakeHTTPRequest(method: "GET", target: "/federation?Action=getSigninToken&Session=\(encoded)")
    )
    return answer.status == 200
  }

  @Test func bashEvaluatesTheLinesIntoWorkingCredentials() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["export"] + Self.admin + ["--region", "eu-west-1", "--shell", "bash"],
        environment: home.environment())
      #expect(result.status == 0, "\(result)")
      #expect(result.stderr.isEmpty, "\(result)")
      let evaluated = try await ChildProcess.run(
        "/bin/bash",
        ["--norc", "-c", "eval \"$1\" && exec env -0", "bash", result.stdout],
        environment: ["PATH": "/usr/bin:/bin", "AWS_PROFILE": "stale"])
      let environment = EnvironmentDump.parse(evaluated.stdout)
      #expect(environment["AWS_ACCESS_KEY_ID"]?.hasPrefix("ASIA") == true)
      #expect(environment["AWS_REGION"] == "eu-west-1")
      #expect(environment["AWS_DEFAULT_REGION"] == "eu-west-1")
      #expect(environment["AWS_PROFILE"] == nil)
      #expect(environment["SSOPICK_ACCOUNT_ID"] == "210987654321")
      #expect(environment["SSOPICK_ACCOUNT_NAME"] == "Acme Management")
      #expect(environment["SSOPICK_ROLE_NAME"] == "AdministratorAccess")
      let expiration = try #require(environment["AWS_CREDENTIAL_EXPIRATION"])
      #expect(expiration.hasSuffix("+00:00") && expiration.count == 25)
      #expect(await Self.fakeAccepts(home.center, environment))
    }
  }

  @Test func theSyntaxFollowsShellAndSHELL() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let fish = try await BinaryRunner.ssopick(
        ["export"] + Self.admin, environment: home.environment(["SHELL": "/usr/bin/fish"]))
      #expect(fish.stdout.hasPrefix("set -gx AWS_ACCESS_KEY_ID '"), "\(fish)")
      let powershell = try await BinaryRunner.ssopick(
        ["export"] + Self.admin + ["--shell", "pwsh"],
        environment: home.environment(["SHELL": "/usr/bin/fish"]))
      #expect(powershell.stdout.hasPrefix("$Env:AWS_ACCESS_KEY_ID = '"), "\(powershell)")
      let tcsh = try await BinaryRunner.ssopick(
        ["export"] + Self.admin, environment: home.environment(["SHELL": "/bin/tcsh"]))
      #expect(tcsh.status == 2)
      #expect(tcsh.stderr.contains("--shell"), "\(tcsh)")
      // Credentials are reused from the cache: three exports, one GetRoleCredentials call.
      #expect(home.center.stats().operations[.getRoleCredentials] == 1)
    }
  }

  @Test func aTerminalGetsAHintInsteadOfSecrets() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let refused = try await BinaryRunner.ssopick(
        ["export"] + Self.admin, environment: home.environment(["SHELL": "/bin/zsh"]),
        stdoutTerminal: true)
      #expect(refused.status == 2, "\(refused)")
      #expect(refused.stdout.contains("eval \"$(ssopick export --account 'Acme Management'"))
      #expect(!refused.stdout.contains("AWS_SECRET_ACCESS_KEY"))
      #expect(home.center.stats().operations[.getRoleCredentials] == nil)
      let forced = try await BinaryRunner.ssopick(
        ["export", "--force"] + Self.admin, environment: home.environment(), stdoutTerminal: true)
      #expect(forced.status == 0, "\(forced)")
      #expect(forced.stdout.contains("export AWS_SECRET_ACCESS_KEY='"))
    }
  }

  @Test func toCredentialsWritesAFileBoto3Uses() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["export", "--to-credentials", "acme-temp"] + Self.admin, environment: home.environment())
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout == "acme-temp\n")
      let path = home.home + "/.aws/credentials"
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(
        text.hasPrefix(
          "[acme-temp]\n# ssopick: temporary credentials for account 210987654321, role AdministratorAccess; they expire at "
        ))
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      #expect(attributes[.posixPermissions] as? Int == 0o600)
      let secret = try #require(
        text.split(separator: "\n").first { $0.hasPrefix("aws_secret_access_key = ") }?
          .dropFirst("aws_secret_access_key = ".count))
      #expect(!result.stderr.contains(secret))
      let output = try await Python.check(
        """
        import boto3
        creds = boto3.Session(profile_name="acme-temp").get_credentials()
        print(creds.method, creds.secret_key)
        """, environment: home.environment())
      #expect(output == "shared-credentials-file \(secret)\n")
    }
  }

  @Test func asProfileWritesAProfileAndPrintsOnlyAWSProfile() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["export", "--as-profile", "--region", "eu-west-1"] + Self.admin,
        environment: home.environment())
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.hasPrefix("export AWS_PROFILE='Acme-Management/AdministratorAccess'\n"))
      #expect(result.stdout.contains("unset AWS_SECRET_ACCESS_KEY\n"))
      #expect(!result.stdout.contains("ASIA"))
      #expect(result.stderr.contains("Created profile Acme-Management/AdministratorAccess"))
      #expect(home.center.stats().operations[.getRoleCredentials] == nil)
      let output = try await Python.check(
        """
        import boto3
        session = boto3.Session()
        creds = session.get_credentials().get_frozen_credentials()
        print(session.profile_name, session.region_name, creds.access_key[:4])
        """,
        environment: home.environment(["AWS_PROFILE": "Acme-Management/AdministratorAccess"]))
      #expect(output == "Acme-Management/AdministratorAccess eu-west-1 ASIA\n")
      // Another role under the same name is refused; --overwrite replaces it.
      let clash = try await BinaryRunner.ssopick(
        [
          "export", "--as-profile", "--profile-name", "Acme-Management/AdministratorAccess",
          "--account", "Acme Management", "--role", "Billing",
        ], environment: home.environment())
      #expect(clash.status == 2)
      #expect(clash.stderr.contains("already exists"), "\(clash)")
    }
  }

  @Test func namesThatMatchSeveralAccountsAreAnError() async throws {
    var options = FakeHome.autoApproving
    options.organisation = .custom(
      Organisation(accounts: [
        .init(accountId: "111111111111", accountName: "Dev", emailAddress: nil, roles: ["R"]),
        .init(accountId: "222222222222", accountName: "Dev", emailAddress: nil, roles: ["R"]),
      ]))
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["export", "--account", "Dev", "--role", "R"], environment: home.environment())
      #expect(result.status == 2)
      #expect(result.stderr.contains("111111111111, 222222222222"), "\(result)")
      let unknownRole = try await BinaryRunner.ssopick(
        ["export", "--account", "111111111111", "--role", "Admin"], environment: home.environment())
      #expect(unknownRole.status == 2)
      #expect(unknownRole.stderr.contains("Your roles there: R."), "\(unknownRole)")
    }
  }

  @Test func withoutASignInItSaysToLogIn() async throws {
    try await FakeHome.with { home in
      let result = try await BinaryRunner.ssopick(
        ["export"] + Self.admin, environment: home.environment())
      #expect(result.status == 2)
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("ssopick login --session acme"), "\(result)")
    }
  }
}
