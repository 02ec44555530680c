import FakeIdentityCenter
import Foundation
import PickerCore
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// `ssopick saml …` in-process against the fake Entra IdP and the fake's STS: the loopback
/// sign-in (a stand-in browser follows the IdP's form), the paste and file modes, the role
/// choice, AssumeRoleWithSAML and every output.
@Suite("SAML commands (command layer)")
struct SAMLCommandTests {
  static let admin = "arn:aws:iam::210987654321:role/AdministratorAccess"
  static let deploy = "arn:aws:iam::210987654321:role/platform/Deploy"
  static let tenant = FakeIdentityCenter.Options.SAML.demoTenantID

  /// A config with the sso-session and a SAML profile `name` for the fake's demo tenant.
  static func config(_ home: FakeHome, _ profiles: [(String, String?)] = [("work", nil)]) throws {
    var text = FakeHome.sessionConfig(name: "acme")
    let idp = try #require(home.center.samlIdPURL()).absoluteString
    for (name, defaultRole) in profiles {
      text += """

        [profile \(name)]
        azure_tenant_id = \(tenant)
        azure_app_id_uri = https://signin.aws.amazon.com/saml\\#2
        saml_idp_url = \(idp)
        region = eu-central-1

        """
      if let defaultRole { text += "azure_default_role_arn = \(defaultRole)\n" }
    }
    try text.write(toFile: home.configPath, atomically: true, encoding: .utf8)
  }

  static func loopback(_ home: FakeHome, _ extra: [String: String] = [:], input: [String] = [])
    -> TestCommandContext
  {
    var test = home.context(extra, input: input)
    test.context.browser = StandInSAMLBrowser()
    return test
  }

  @Test(
    "loopback sign-in, --role: aws-azure-login's credentials under the profile, its name printed")
  func loopbackWritesCredentials() async throws {
    try await FakeHome.with { home in
      try Self.config(home)
      let test = Self.loopback(home)
      let status = try await SAMLLoginUseCase(.init(profile: "work", role: Self.admin)).run(
        in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout == "work\n")
      #expect(test.prompts.text.contains("/saml2?SAMLRequest="))
      let credentials = try String(contentsOfFile: home.home + "/.aws/credentials", encoding: .utf8)
      #expect(credentials.contains("[work]"))
      #expect(credentials.contains("aws_session_token = "))
      let expiration = try #require(
        credentials.split(separator: "\n").first { $0.hasPrefix("aws_expiration = ") })
      #expect(expiration.hasSuffix("Z") && expiration.contains("."), "milliseconds, as JavaScript")
      // The keys work: boto3 reads them from the file and the fake's STS accepts them.
      let arn = try await Python.check(
        """
        import boto3
        print(boto3.Session(profile_name="work").client("sts").get_caller_identity()["Arn"])
        """, environment: home.environment())
      #expect(arn.hasPrefix("arn:aws:sts::210987654321:assumed-role/AdministratorAccess/"))
    }
  }

  @Test("--export, --no-prompt with the profile's default role (a role with a path)")
  func exportWithTheDefaultRole() async throws {
    try await FakeHome.with { home in
      try Self.config(home, [("work", Self.deploy)])
      // Account names from an Identity Center catalog ssopick already has.
      try home.signIn()
      _ = try await ListUseCase(.init()).run(in: home.context().context)
      let test = Self.loopback(home)
      let status = try await SAMLLoginUseCase(
        .init(profile: "work", noPrompt: true, action: .export(.posix))
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout.contains("export AWS_ACCESS_KEY_ID='ASIA"))
      #expect(test.stdout.contains("export SSOPICK_ROLE_NAME='Deploy'"))
      #expect(test.stdout.contains("export SSOPICK_ACCOUNT_NAME='Acme Management'"))

      let none = Self.loopback(home)
      try Self.config(home)
      await #expect(throws: SAMLCommandError.noDefaultRole("work")) {
        try await SAMLLoginUseCase(.init(profile: "work", noPrompt: true)).run(in: none.context)
      }
    }
  }

  @Test("paste mode and --assertion-file: an IdP-initiated assertion, pasted or from stdin")
  func pasteAndFile() async throws {
    try await FakeHome.with { home in
      try Self.config(home)
      let assertion = try home.center.issueSAMLResponse()
      var pasted = home.context(
        terminal: TerminalFacts(input: true, output: false, errors: true), input: [assertion])
      pasted.context.browser = StandInSAMLBrowser()
      let config = try String(contentsOfFile: home.configPath, encoding: .utf8)
      try (config + "saml_assertion_source = paste\n").write(
        toFile: home.configPath, atomically: true, encoding: .utf8)
      #expect(
        try await SAMLLoginUseCase(.init(profile: "work", role: Self.admin)).run(
          in: pasted.context) == .success, "\(pasted.stderr)")
      #expect(pasted.prompts.text.contains("SAMLResponse: "))

      let form =
        "SAMLResponse="
        + (try home.center.issueSAMLResponse().addingPercentEncoding(
          withAllowedCharacters: .alphanumerics) ?? "") + "&RelayState=x"
      let stdin = home.context(input: [form])
      #expect(
        try await SAMLLoginUseCase(
          .init(profile: "work", origin: .file("-"), role: Self.admin, action: .export(.fish))
        ).run(in: stdin.context) == .success, "\(stdin.stderr)")
      #expect(stdin.stdout.contains("set -gx AWS_ACCESS_KEY_ID"))
    }
  }

  @Test("the picker lists the assertion's roles with account names; the default is first")
  func thePickerShowsTheRoles() async throws {
    try await FakeHome.with { home in
      try Self.config(home, [("work", Self.deploy)])
      // Account names from the alias table.
      let config = try String(contentsOfFile: home.configPath, encoding: .utf8)
      try (config + "\n[ssopick-aliases]\n210987654321 = Acme Management (alias)\n").write(
        toFile: home.configPath, atomically: true, encoding: .utf8)
      let terminals = TestPickerTerminals {
        ScriptedTerminal(
          size: TerminalSize(rows: 30, columns: 100),
          script: [ScriptedTerminal.waitForText("Deploy"), ScriptedTerminal.key(.enter)],
          // A safety net only; a busy test run can starve the pool for a while.
          deadline: .seconds(120))
      }
      var test = home.context(terminals: terminals)
      test.context.browser = StandInSAMLBrowser()
      let status = try await SAMLLoginUseCase(.init(profile: "work", action: .export(.posix)))
        .run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout.contains("SSOPICK_ROLE_NAME='Deploy'"), "the default role is on top")
      let screen = terminals.last?.frames.last?.plainText ?? ""
      #expect(screen.contains("SAML work"))
      #expect(screen.contains("Acme Management (alias)"))
    }
  }

  @Test("the IdP's refusal, an expired assertion, and a duration over the role's maximum")
  func errors() async throws {
    try await FakeHome.with { home in
      try Self.config(home)
      home.center.setSAMLSwitches(deny: true)
      await #expect {
        try await SAMLLoginUseCase(.init(profile: "work", role: Self.admin)).run(
          in: Self.loopback(home).context)
      } throws: { error in
        guard case .refused = error as? SAMLError else { return false }
        return true
      }
      home.center.setSAMLSwitches(deny: false)

      let old = try home.center.issueSAMLResponse()
      let late = home.context(
        ["X": "1"], clock: ManualTimeSource(start: Date().addingTimeInterval(3600)),
        input: [old])
      await #expect {
        try await SAMLLoginUseCase(.init(profile: "work", origin: .file("-"), role: Self.admin))
          .run(in: late.context)
      } throws: { error in
        guard case .expired = error as? SAMLError else { return false }
        return String(describing: error).contains("ago")
      }

      home.center.setSAMLRoleRule(
        FakeIdentityCenter.Options.SAML.RoleRule(maxSessionDuration: 3600), for: Self.admin)
      let long = Self.loopback(home)
      let status = try await SAMLLoginUseCase(
        .init(profile: "work", role: Self.admin, durationHours: 4, action: .export(.posix))
      ).run(in: long.context)
      #expect(status == .success, "\(long.stderr)")
      #expect(long.stderr.contains("assuming it for 1 h instead"))
    }
  }

  @Test("--all-profiles refreshes every profile of the sign-in that is about to expire")
  func allProfiles() async throws {
    try await FakeHome.with { home in
      try Self.config(home, [("a", Self.admin), ("b", Self.deploy), ("c", nil)])
      // b's keys are fresh for hours: left alone.
      try """
      [b]
      aws_access_key_id = ASIAOLD
      aws_secret_access_key = old
      aws_session_token = old
      aws_expiration = 2999-01-01T00:00:00.000Z

      """.write(toFile: home.home + "/.aws/credentials", atomically: true, encoding: .utf8)
      let test = Self.loopback(home)
      let status = try await SAMLLoginUseCase(.init(profile: "a", allProfiles: true)).run(
        in: test.context)
      #expect(status == .error, "c has no default role")
      #expect(test.stdout == "a\n")
      #expect(test.stderr.contains("b: still valid"))
      #expect(test.stderr.contains("c: skipped"))
      let credentials = try String(contentsOfFile: home.home + "/.aws/credentials", encoding: .utf8)
      #expect(credentials.contains("ASIAOLD"))
      #expect(credentials.contains("[a]"))
    }
  }

  @Test(
    "saml credential-process: the cached keys; without them, what to run; --allow-login signs in")
  func credentialProcess() async throws {
    try await FakeHome.with { home in
      try Self.config(home, [("work", Self.admin)])
      let none = home.context()
      await #expect(throws: SAMLCommandError.signInNeeded("work")) {
        try await SAMLCredentialProcessUseCase(profile: "work").run(in: none.context)
      }
      let login = Self.loopback(home)
      #expect(
        try await SAMLCredentialProcessUseCase(profile: "work", allowLogin: true).run(
          in: login.context) == .success)
      #expect(login.stdout.contains(#""Version": 1"#))
      let cached = home.context()
      #expect(
        try await SAMLCredentialProcessUseCase(profile: "work").run(in: cached.context)
          == .success)
      #expect(cached.stdout == login.stdout)
    }
  }

  @Test("saml configure writes aws-azure-login's keys and ours, losslessly")
  func configure() async throws {
    try await FakeHome.with(config: "# mine\n[profile keep]\nregion = eu-west-1\n") { home in
      let test = home.context()
      let status = try await SAMLConfigureUseCase(
        SAMLProfileWriter.Request(
          name: "work", tenantID: Self.tenant,
          appIDURI: "https://signin.aws.amazon.com/saml#2", username: "jane@acme.example",
          defaultRoleARN: Self.admin, durationHours: 4, region: "eu-central-1",
          assertionSource: .paste)
      ).run(in: test.context)
      #expect(status == .success)
      let text = try String(contentsOfFile: home.configPath, encoding: .utf8)
      #expect(text.hasPrefix("# mine\n[profile keep]\nregion = eu-west-1\n"))
      #expect(text.contains("azure_app_id_uri = https://signin.aws.amazon.com/saml\\#2"))
      #expect(text.contains("saml_assertion_source = paste"))
      #expect(test.stderr.contains("Created profile work"))
    }
  }
}

@Suite("SAML encrypted assertions")
struct SAMLEncryptedAssertionTests {
  @Test("an encrypted assertion: the keys to set are named; with them configured, it works")
  func encrypted() async throws {
    try await FakeHome.with { home in
      try SAMLCommandTests.config(home)
      home.center.setSAMLSwitches(encryptAssertions: true)
      await #expect(
        throws: SAMLError.encryptedAssertion(
          profile: "work", missing: ["azure_default_role_arn", "saml_principal_arn"])
      ) {
        try await SAMLLoginUseCase(.init(profile: "work", noPrompt: true)).run(
          in: SAMLCommandTests.loopback(home).context)
      }
      let provider =
        "arn:aws:iam::210987654321:saml-provider/"
        + FakeIdentityCenter.Options.SAML.demoProviderName
      let configure = home.context()
      let configured = try await SAMLConfigureUseCase(
        SAMLProfileWriter.Request(
          name: "work", tenantID: SAMLCommandTests.tenant,
          appIDURI: "https://signin.aws.amazon.com/saml#2",
          defaultRoleARN: SAMLCommandTests.admin, principalARN: provider)
      ).run(in: configure.context)
      #expect(configured == .success, "\(configure.stderr)")
      let test = SAMLCommandTests.loopback(home)
      let status = try await SAMLLoginUseCase(
        .init(profile: "work", noPrompt: true, action: .export(.posix))
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout.contains("export AWS_SESSION_TOKEN="))
    }
  }
}

@Suite("SAML console")
struct SAMLConsoleTests {
  @Test("the console from SAML credentials: a federation URL the fake accepts")
  func consoleFromSAML() async throws {
    try await FakeHome.with { home in
      try SAMLCommandTests.config(home)
      var test = home.context(
        ["SSOPICK_FEDERATION_ENDPOINT": home.baseURL.absoluteString + "/federation"])
      test.context.browser = StandInSAMLBrowser()
      let status = try await SAMLLoginUseCase(
        .init(
          profile: "work", role: SAMLCommandTests.admin,
          action: .console(ConsoleRequest(print: true))
        )
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout.contains("Action=login"))
      #expect(test.stdout.contains("SigninToken="))
    }
  }
}
