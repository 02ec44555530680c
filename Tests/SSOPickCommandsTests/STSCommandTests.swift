import FakeIdentityCenter
import Foundation
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `whoami` and role chaining (`--assume`), in-process against the fake's STS (which checks
/// every signature against the secrets it issued).
@Suite("whoami and --assume (command layer)")
struct STSCommandTests {
  static let admin = RoleRequest(account: "210987654321", role: "AdministratorAccess")
  static let deploy = "arn:aws:iam::012345678901:role/Deploy"

  static let profileConfig =
    FakeHome.sessionConfig(name: "acme")
      + """

      [profile acme-admin]
      sso_session = acme
      sso_account_id = 210987654321
      sso_role_name = AdministratorAccess
      region = eu-west-1

      """

  static func decode(_ json: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    return try #require(object as? [String: Any])
  }

  @Test("whoami names the account, the permission set and the user, for an sso profile")
  func whoamiForAnSSOProfile() async throws {
    try await FakeHome.with(config: Self.profileConfig) { home in
      try home.signIn()
      // A listing names the account (the catalog cache).
      #expect(try await ListUseCase(.init()).run(in: home.context().context) == .success)
      let test = home.context()
      let status = try await WhoamiUseCase(profile: "acme-admin", json: true).run(
        in: test.context)
      #expect(status == .success)
      let answer = try Self.decode(test.stdout)
      #expect(answer["account"] as? String == "210987654321")
      #expect(answer["accountName"] as? String == "Acme Management")
      #expect(answer["permissionSet"] as? String == "AdministratorAccess")
      #expect((answer["role"] as? String)?.hasPrefix("AWSReservedSSO_AdministratorAccess_") == true)
      #expect(answer["sessionName"] as? String == "jane.doe@acme.example")
      #expect(answer["source"] as? String == "profile")
      #expect(answer["profile"] as? String == "acme-admin")
      #expect((answer["arn"] as? String)?.contains(":assumed-role/AWSReservedSSO_") == true)
      #expect(answer["expiresAt"] is String)
      #expect(
        Set(answer.keys) == [
          "account", "accountName", "arn", "userId", "role", "permissionSet", "sessionName",
          "source", "profile", "expiresAt",
        ])
    }
  }

  @Test("whoami reads the keys `export` put in the environment, with their expiry")
  func whoamiForExportedKeys() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let export = home.context()
      #expect(
        try await RoleUseCase(
          role: Self.admin, action: .export(.posix), commandLine: "ssopick export",
          commandName: "ssopick export"
        ).run(in: export.context) == .success)
      var variables: [String: String] = [:]
      for line in export.stdout.split(separator: "\n") where line.hasPrefix("export ") {
        let assignment = line.dropFirst("export ".count)
        guard let equals = assignment.firstIndex(of: "=") else { continue }
        variables[String(assignment[..<equals])] = String(
          assignment[assignment.index(after: equals)...].dropFirst().dropLast())
      }
      let test = home.context(variables)
      #expect(try await WhoamiUseCase().run(in: test.context) == .success)
      #expect(test.stdout.contains("account     210987654321"))
      #expect(test.stdout.contains("AdministratorAccess (permission set)"))
      #expect(test.stdout.contains("from the environment"))
      #expect(test.stdout.contains("expires     in "))
    }
  }

  @Test("no credentials, and expired ones, say what to run")
  func whoamiWithoutCredentials() async throws {
    try await FakeHome.with { home in
      let none = home.context()
      await #expect(throws: WhoamiError.noCredentials) {
        try await WhoamiUseCase().run(in: none.context)
      }
      let expired = home.context([
        "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_SESSION_TOKEN": "token", "AWS_CREDENTIAL_EXPIRATION": "2020-01-01T00:00:00Z",
      ])
      await #expect {
        try await WhoamiUseCase().run(in: expired.context)
      } throws: { error in
        String(describing: error).contains("have expired at 2020-01-01T00:00:00Z")
          && String(describing: error).contains("ssopick --export")
      }
    }
  }

  @Test("export --assume chains into another account's role; the chain is cached")
  func exportAssumesAndCaches() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let chain = try RoleChain.options(assume: [Self.deploy], externalID: "ext-1")
      let first = home.context()
      let status = try await RoleUseCase(
        role: Self.admin, action: .export(.posix), chain: chain,
        commandLine: "ssopick export", commandName: "ssopick export"
      ).run(in: first.context)
      #expect(status == .success, "\(first.stderr)")
      #expect(first.stdout.contains("export SSOPICK_ACCOUNT_ID='012345678901'"))
      #expect(first.stdout.contains("export SSOPICK_ROLE_NAME='Deploy'"))
      #expect(home.center.stats().operations[.assumeRole] == 1)
      // The default session name is the Identity Center user's.
      let keys = first.stdout.split(separator: "\n").first { $0.contains("AWS_ACCESS_KEY_ID=") }
      let key = try #require(keys.map { String($0.split(separator: "'")[1]) })
      #expect(
        home.center.callerARN(accessKeyID: key)?.hasSuffix("/Deploy/jane.doe@acme.example") == true)

      let second = home.context()
      _ = try await RoleUseCase(
        role: Self.admin, action: .export(.posix), chain: chain,
        commandLine: "ssopick export", commandName: "ssopick export"
      ).run(in: second.context)
      #expect(second.stdout == first.stdout)
      #expect(home.center.stats().operations[.assumeRole] == 1)
      #expect(home.center.stats().operations[.getRoleCredentials] == 1)
    }
  }

  @Test("a role that does not trust the caller names the caller and the role")
  func untrustedChain() async throws {
    var options = FakeHome.autoApproving
    options.roleTrust = [
      Self.deploy: FakeIdentityCenter.Options.RoleTrust(trustedCallers: [.account("999999999999")])
    ]
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      _ = try await ListUseCase(.init()).run(in: home.context().context)
      let test = home.context()
      await #expect {
        try await RoleUseCase(
          role: Self.admin, action: .export(.posix),
          chain: try RoleChain.options(assume: [Self.deploy]), commandLine: "ssopick export",
          commandName: "ssopick export"
        ).run(in: test.context)
      } throws: { error in
        String(describing: error).hasPrefix(
          "AdministratorAccess in Acme Management (210987654321) may not assume \(Self.deploy)")
      }
    }
  }

  @Test("--duration over an hour is refused up front for a chained role")
  func chainedDurationLimit() throws {
    #expect(throws: RoleChainError.durationOutOfRange("2h")) {
      try RoleChain.options(assume: [Self.deploy], duration: "2h")
    }
    #expect(throws: RoleChainError.optionsWithoutAssume(["--external-id"])) {
      try RoleChain.options(assume: [], externalID: "x")
    }
    #expect(throws: RoleChainError.notARoleARN("Deploy")) {
      try RoleChain.options(assume: ["Deploy"])
    }
    let chain = try RoleChain.options(assume: [Self.deploy], duration: "30m")
    #expect(chain.steps.first?.durationSeconds == 1800)
  }

  @Test("an MFA code is asked for on the terminal when only the serial is given")
  func mfaIsAskedFor() async throws {
    var options = FakeHome.autoApproving
    options.roleTrust = [Self.deploy: FakeIdentityCenter.Options.RoleTrust(mfaCode: "123456")]
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      let chain = try RoleChain.options(
        assume: [Self.deploy], mfaSerial: "arn:aws:iam::210987654321:mfa/jane")
      let test = home.context(
        terminal: TerminalFacts(input: true, output: false, errors: true), input: ["123456"])
      let status = try await RoleUseCase(
        role: Self.admin, action: .export(.posix), chain: chain, commandLine: "ssopick export",
        commandName: "ssopick export"
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.prompts.text.contains("MFA code for arn:aws:iam::210987654321:mfa/jane: "))
      let noTerminal = home.context()
      await #expect(throws: RoleChainError.self) {
        try await RoleUseCase(
          role: RoleRequest(account: "210987654321", role: "Billing"), action: .export(.posix),
          chain: chain, commandLine: "ssopick export", commandName: "ssopick export"
        ).run(in: noTerminal.context)
      }
    }
  }

  @Test("credential-process --assume answers a cached chained credential without the portal")
  func credentialProcessChained() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let chain = try RoleChain.options(assume: [Self.deploy])
      let role = RoleRequest(
        selection: SessionSelection(session: "acme"), account: "210987654321",
        role: "AdministratorAccess")
      let first = home.context()
      #expect(
        try await CredentialProcessUseCase(role: role, chain: chain).run(in: first.context)
          == .success)
      #expect(first.stdout.contains(#""Version": 1"#))
      let arguments = [
        "credential-process", "--session", "acme", "--account", "210987654321", "--role",
        "AdministratorAccess", "--assume", Self.deploy,
      ]
      let fast = CredentialProcessFastPath.cachedOutput(
        arguments: arguments, environment: Environment(home.environment()))
      #expect(fast == first.stdout)
    }
  }
}

@Suite("--assume --as-profile: the SDKs chain by themselves (botocore judges)")
struct ChainedProfileTests {
  @Test("export --as-profile --assume writes role_arn + source_profile that boto3 resolves")
  func botocoreResolvesTheChainedProfile() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      _ = try await ListUseCase(.init()).run(in: home.context().context)
      let chain = try RoleChain.options(
        assume: [STSCommandTests.deploy], externalID: "ext-42", sessionName: "ci-run",
        duration: "30m")
      let test = home.context()
      let status = try await RoleUseCase(
        role: STSCommandTests.admin,
        action: .writeProfile(
          ProfileTarget(naming: .template(try ProfileNameTemplate())), printAs: .posix),
        chain: chain, commandLine: "ssopick export", commandName: "ssopick export"
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout.contains("export AWS_PROFILE='Log-Archive/Deploy'"))
      let config = try String(contentsOfFile: home.configPath, encoding: .utf8)
      #expect(config.contains("[profile Acme-Management/AdministratorAccess]\nsso_session = acme"))
      #expect(
        config.contains(
          """
          [profile Log-Archive/Deploy]
          role_arn = arn:aws:iam::012345678901:role/Deploy
          source_profile = Acme-Management/AdministratorAccess
          external_id = ext-42
          role_session_name = ci-run
          duration_seconds = 1800
          """))
      // No ssopick from here on: botocore signs in from the token cache, gets the SSO
      // role's credentials, and assumes Deploy itself.
      let output = try await Python.check(
        """
        import boto3
        session = boto3.Session(profile_name="Log-Archive/Deploy", region_name="eu-central-1")
        print(session.client("sts").get_caller_identity()["Arn"])
        """, environment: home.environment())
      #expect(output == "arn:aws:sts::012345678901:assumed-role/Deploy/ci-run\n")
      // And the AWS CLI v1 (its own botocore) resolves the same profiles.
      let aws = try await ChildProcess.run(
        try Python.interpreter(),
        [
          "-m", "awscli", "sts", "get-caller-identity", "--profile", "Log-Archive/Deploy",
          "--region", "eu-central-1", "--query", "Arn", "--output", "text",
        ], environment: home.environment())
      #expect(aws.status == 0, "\(aws.stderr)")
      #expect(aws.stdout == "arn:aws:sts::012345678901:assumed-role/Deploy/ci-run\n")
      let again = home.context()
      _ = try await RoleUseCase(
        role: STSCommandTests.admin,
        action: .writeProfile(
          ProfileTarget(naming: .template(try ProfileNameTemplate())), printAs: nil),
        chain: chain, commandLine: "ssopick export", commandName: "ssopick export"
      ).run(in: again.context)
      #expect(again.stdout == "Log-Archive/Deploy\n")
      #expect(try String(contentsOfFile: home.configPath, encoding: .utf8) == config)
    }
  }
}

@Suite("whoami reads every kind of profile")
struct WhoamiProfileKindsTests {
  @Test("static keys in the credentials file, and a credential_process profile")
  func keysAndCredentialProcess() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let write = home.context()
      #expect(
        try await RoleUseCase(
          role: STSCommandTests.admin,
          action: .writeCredentials(profile: "keys", overwrite: false),
          commandLine: "ssopick export", commandName: "ssopick export"
        ).run(in: write.context) == .success)
      let keys = home.context()
      let status = try await WhoamiUseCase(profile: "keys", json: true).run(in: keys.context)
      #expect(status == .success)
      let answer = try STSCommandTests.decode(keys.stdout)
      #expect(answer["permissionSet"] as? String == "AdministratorAccess")

      // A credential_process that prints what the cache holds (as `ssopick credential-process`).
      let process = home.context()
      _ = try await CredentialProcessUseCase(
        role: RoleRequest(
          selection: SessionSelection(session: "acme"), account: "210987654321",
          role: "AdministratorAccess")
      ).run(in: process.context)
      let script = home.home + "/print-credentials"
      try ("#!/bin/sh\ncat <<'JSON'\n" + process.stdout + "JSON\n").write(
        toFile: script, atomically: true, encoding: .utf8)
      #expect(chmod(script, 0o700) == 0)
      let config = try String(contentsOfFile: home.configPath, encoding: .utf8)
      try (config + "\n[profile scripted]\ncredential_process = \(script) --quiet\n").write(
        toFile: home.configPath, atomically: true, encoding: .utf8)
      let scripted = home.context()
      #expect(
        try await WhoamiUseCase(profile: "scripted", json: true).run(in: scripted.context)
          == .success)
      let second = try STSCommandTests.decode(scripted.stdout)
      #expect(second["account"] as? String == "210987654321")
      #expect(second["expiresAt"] is String)
    }
  }
}
