import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// `ssopick credential-process`: the Version 1 JSON, the AWS CLI's cache, one fetch for 20
/// parallel calls, never a browser without `--allow-login`, and boto3 using it as a
/// `credential_process`.
@Suite("ssopick credential-process (the built binary)")
struct CredentialProcessTests {
  static let arguments = [
    "credential-process", "--session", "acme", "--account", "210987654321", "--role",
    "AdministratorAccess",
  ]
  /// The AWS CLI's cache file for those arguments (spec §8 key; `CacheKey` is checked
  /// against the spec's vectors in `CacheKeyTests`).
  static func cacheFile(_ home: FakeHome) -> String {
    home.home + "/.aws/cli/cache/"
      + CacheKey.sha1Hex(
        #"{"accountId":"210987654321","roleName":"AdministratorAccess","sessionName":"acme"}"#)
      + ".json"
  }

  @Test func printsTheProcessJSONAndCachesItLikeTheCLI() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let first = try await BinaryRunner.ssopick(Self.arguments, environment: home.environment())
      #expect(first.status == 0, "\(first)")
      #expect(first.stderr.isEmpty)
      let lines = first.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count == 8)  // 7 lines and the final line break
      #expect(lines[0] == "{" && lines[1] == "  \"Version\": 1,")
      #expect(lines[2].hasPrefix("  \"AccessKeyId\": \"ASIA"))
      #expect(lines[3].hasPrefix("  \"SecretAccessKey\": \""))
      #expect(lines[4].hasPrefix("  \"SessionToken\": \""))
      #expect(lines[5].hasPrefix("  \"Expiration\": \"") && lines[5].hasSuffix("+00:00\""))
      #expect(lines[6] == "}" && lines[7] == "")

      let cache = try String(contentsOfFile: Self.cacheFile(home), encoding: .utf8)
      #expect(cache.hasPrefix(#"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIA"#))
      #expect(cache.hasSuffix(#"Z", "AccountId": "210987654321"}}"#))
      let attributes = try FileManager.default.attributesOfItem(atPath: Self.cacheFile(home))
      #expect(attributes[.posixPermissions] as? Int == 0o600)

      let second = try await BinaryRunner.ssopick(Self.arguments, environment: home.environment())
      #expect(second.stdout == first.stdout)
      #expect(home.center.stats().operations[.getRoleCredentials] == 1)
    }
  }

  @Test func twentyParallelCallsMakeOneRequest() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let environment = home.environment()
      let outputs = try await withThrowingTaskGroup(of: BinaryRunner.Output.self) { group in
        for _ in 0..<20 {
          group.addTask { try await BinaryRunner.ssopick(Self.arguments, environment: environment) }
        }
        var all: [BinaryRunner.Output] = []
        for try await output in group { all.append(output) }
        return all
      }
      #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.filter { $0.status != 0 })")
      #expect(Set(outputs.map(\.stdout)).count == 1)
      #expect(home.center.stats().operations[.getRoleCredentials] == 1)
    }
  }

  @Test func credentialsThatExpireWithinFifteenMinutesAreFetchedAgain() async throws {
    var options = FakeHome.autoApproving
    options.roleCredentialLifetime = 10 * 60
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      for _ in 0..<2 {
        let result = try await BinaryRunner.ssopick(Self.arguments, environment: home.environment())
        #expect(result.status == 0, "\(result)")
      }
      #expect(home.center.stats().operations[.getRoleCredentials] == 2)
    }
  }

  @Test func withoutASignInItFailsAndNeverOpensABrowser() async throws {
    try await FakeHome.with { home in
      let opened = home.home + "/browser-opened"
      let browser = home.home + "/browser"
      try "#!/bin/sh\ntouch '\(opened)'\n".write(toFile: browser, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)
      // Even at a terminal (stdin), with a browser available.
      let result = try await BinaryRunner.ssopick(
        Self.arguments, environment: home.environment(["BROWSER": browser]), stdin: "",
        terminal: true)
      #expect(result.status != 0)
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("ssopick login --session acme"), "\(result)")
      #expect(!FileManager.default.fileExists(atPath: opened))
      #expect(home.center.stats().operations[.registerClient] == nil)
    }
  }

  @Test func allowLoginSignsInWithADeviceCodeWhereNoBrowserIs() async throws {
    try await FakeHome.with { home in
      let result = try await BinaryRunner.ssopick(
        Self.arguments + ["--allow-login"], environment: home.environment(["CI": "true"]))
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.contains("\"AccessKeyId\": \"ASIA"))
      #expect(home.center.stats().operations[.startDeviceAuthorization] == 1)
      #expect(FileManager.default.fileExists(atPath: home.tokenPath()))
    }
  }

  /// boto3 runs ssopick as a `credential_process` (with `--profile` and with `--session`)
  /// and gets working credentials.
  @Test func boto3UsesItAsACredentialProcess() async throws {
    let binary = try BinaryRunner.binary()
    let config =
      FakeHome.sessionConfig(name: "acme")
      + "\n[profile sso-admin]\nsso_session = acme\nsso_account_id = 210987654321\n"
      + "sso_role_name = AdministratorAccess\n"
      + "\n[profile via-process]\ncredential_process = \(binary) credential-process "
      + "--session acme --account 210987654321 --role Billing\n"
      + "\n[profile via-profile]\ncredential_process = \(binary) credential-process "
      + "--profile sso-admin\n"
    try await FakeHome.with(config: config) { home in
      try home.signIn()
      let output = try await Python.check(
        """
        import boto3
        for name in ["via-process", "via-profile"]:
            creds = boto3.Session(profile_name=name).get_credentials()
            frozen = creds.get_frozen_credentials()
            print(name, creds.method, frozen.access_key[:4], bool(frozen.token))
        """, environment: home.environment())
      #expect(
        output == "via-process custom-process ASIA True\nvia-profile custom-process ASIA True\n")
      #expect(home.center.stats().operations[.getRoleCredentials] == 2)
    }
  }

  @Test func aFailureMessageReachesBoto3AndHoldsNoSecret() async throws {
    let binary = try BinaryRunner.binary()
    let config =
      FakeHome.sessionConfig(name: "acme")
      + "\n[profile broken]\ncredential_process = \(binary) credential-process "
      + "--session acme --account 210987654321 --role NoSuchRole\n"
    try await FakeHome.with(config: config) { home in
      let document = try home.signIn()
      let output = try await Python.run(
        """
        import boto3
        try:
            boto3.Session(profile_name="broken").get_credentials().get_frozen_credentials()
        except Exception as e:
            print(type(e).__name__, e)
        """, environment: home.environment())
      #expect(output.stdout.contains("You have no role \"NoSuchRole\" in account 210987654321"))
      #expect(!output.stdout.contains(document.accessToken))
    }
  }
}
