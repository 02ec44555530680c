import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// `ssopick populate` against the fake's 60-account demo organisation: the dry run, the
/// managed block, botocore using a populated profile, and pruning.
@Suite("ssopick populate (the built binary)")
struct PopulateCommandTests {
  static let userConfig =
    "# mine\n[profile keep-me]\nregion = us-east-1\n\n" + FakeHome.sessionConfig(name: "acme")

  @Test func dryRunPrintsADiffAndWritesNothing() async throws {
    try await FakeHome.with(config: Self.userConfig) { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["populate", "--session", "acme", "--dry-run"], environment: home.environment())
      #expect(result.status == 0, "\(result)")
      #expect(
        result.stdout.hasPrefix(
          "--- \(home.configPath)\n+++ \(home.configPath) (after ssopick populate)\n@@ "))
      #expect(result.stdout.contains("+[profile Acme-Management/AdministratorAccess]\n"))
      #expect(result.stderr.contains("Would write"), "\(result)")
      #expect(try String(contentsOfFile: home.configPath, encoding: .utf8) == Self.userConfig)
    }
  }

  @Test func writesEveryRoleInTheBlockAndBotocoreUsesThem() async throws {
    try await FakeHome.with(config: Self.userConfig) { home in
      try home.signIn()
      let result = try await BinaryRunner.ssopick(
        ["populate", "--region", "eu-west-1"], environment: home.environment())
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.isEmpty)
      let roleCount = home.center.organisation.roleCount
      #expect(
        result.stderr.contains("Wrote \(roleCount) profiles for acme (\(roleCount) new"),
        "\(result)")
      let text = try String(contentsOfFile: home.configPath, encoding: .utf8)
      #expect(text.hasPrefix(Self.userConfig))
      #expect(text.contains("\n# BEGIN ssopick populate [sso-session acme]"))
      #expect(text.hasSuffix("# END ssopick populate [sso-session acme]\n"))

      let output = try await Python.check(
        """
        import boto3, botocore.session
        profiles = botocore.session.Session().full_config["profiles"]
        print(sum(1 for p in profiles.values() if p.get("sso_session") == "acme"))
        session = boto3.Session(profile_name="Payments-EU-Billing/PowerUserAccess")
        print(session.region_name, session.get_credentials().get_frozen_credentials().access_key[:4])
        """, environment: home.environment())
      #expect(output == "\(roleCount)\neu-west-1 ASIA\n")

      let again = try await BinaryRunner.ssopick(["populate"], environment: home.environment())
      #expect(again.stderr.contains("is up to date"), "\(again)")
      #expect(try String(contentsOfFile: home.configPath, encoding: .utf8) == text)
    }
  }

  @Test func pruneRemovesOnlyVanishedRolesInsideTheBlock() async throws {
    try await FakeHome.with(config: Self.userConfig) { home in
      try home.signIn()
      _ = try await BinaryRunner.ssopick(["populate"], environment: home.environment())
      // A role that no longer exists, added to the block by hand (as an old run would have).
      let text = try String(contentsOfFile: home.configPath, encoding: .utf8)
      let gone =
        "[profile Acme-Management/Retired]\nsso_session = acme\nsso_account_id = 210987654321\n"
        + "sso_role_name = Retired\n\n"
      let edited = text.replacingOccurrences(
        of: "[profile Acme-Management/AdministratorAccess]",
        with: gone + "[profile Acme-Management/AdministratorAccess]")
      try edited.write(toFile: home.configPath, atomically: true, encoding: .utf8)
      let kept = try await BinaryRunner.ssopick(["populate"], environment: home.environment())
      #expect(kept.stderr.contains("--prune removes them): Acme-Management/Retired"), "\(kept)")
      #expect(try String(contentsOfFile: home.configPath, encoding: .utf8).contains("Retired"))
      let pruned = try await BinaryRunner.ssopick(
        ["populate", "--prune"], environment: home.environment())
      #expect(pruned.status == 0, "\(pruned)")
      #expect(pruned.stderr.contains("1 removed"), "\(pruned)")
      #expect(try String(contentsOfFile: home.configPath, encoding: .utf8) == text)
    }
  }
}
