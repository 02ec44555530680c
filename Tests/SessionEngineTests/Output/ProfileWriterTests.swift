import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// Profile names from templates, and profiles written into the config file — read back by
/// botocore, and used by boto3 to get credentials from FakeIdentityCenter.
@Suite struct ProfileWriterTests {
  static let session = SSOSession(
    name: "acme", startURL: FakeHome.startURL, region: FakeHome.region)
  static let legacy = SSOSession(name: nil, startURL: FakeHome.startURL, region: FakeHome.region)
  static let account = AccountInfo(
    accountID: "210987654321", accountName: "Acme Management", emailAddress: "root@acme.example")

  static func request(_ name: String, role: String = "AdministratorAccess", region: String? = nil)
    -> ProfileWriter.Request
  {
    ProfileWriter.Request(
      name: name, session: session, accountID: account.accountID, roleName: role, region: region)
  }

  static func temporaryFile() throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-profile-\(UUID().uuidString)").path
    return folder + "/aws/config"
  }

  // MARK: - Names

  @Test(arguments: [
    ("Acme Management", "AdministratorAccess", "Acme-Management/AdministratorAccess"),
    ("Payments (EU) & Billing", "Billing", "Payments-EU-Billing/Billing"),
    ("Kraków Engineering – Prod", "BreakGlass@Prod", "Kraków-Engineering-Prod/BreakGlass@Prod"),
    ("  \"quoted\" [x] #1; $HOME ", "a:b", "quoted-x-1-HOME/a-b"),
    ("Zu\u{308}rich", "R", "Zürich/R"),
    ("///", "R", "R"),
    ("a\tb\nc", "R", "a-b-c/R"),
  ])
  func defaultTemplateMakesSafeNames(accountName: String, role: String, expected: String) throws {
    let account = AccountInfo(accountID: "012345678901", accountName: accountName, emailAddress: "")
    let name = try ProfileNameTemplate().name(
      account: account, roleName: role, session: Self.session)
    #expect(name == expected)
  }

  @Test func placeholdersAndFallback() throws {
    let template = try ProfileNameTemplate("{session}.{account_id}.{role_name}.{account_email}")
    #expect(
      template.name(account: Self.account, roleName: "R", session: Self.session)
        == "acme.210987654321.R.root@acme.example")
    #expect(
      template.name(account: Self.account, roleName: "R", session: Self.legacy)
        == "d-9a6f3c21b7.awsapps.com.210987654321.R.root@acme.example")
    let empty = AccountInfo(accountID: "012345678901", accountName: "!!!", emailAddress: "")
    #expect(
      try ProfileNameTemplate("{account_name}").name(
        account: empty, roleName: "R", session: Self.session)
        == "012345678901")
  }

  @Test(arguments: ["{nope}", "{account_name", "x}", "no placeholder", "{}"])
  func badTemplatesAreRefused(text: String) {
    #expect(throws: OutputError.self) { try ProfileNameTemplate(text) }
  }

  // MARK: - Writing

  @Test func createsAProfileAsAWSConfigureSSODoes() async throws {
    let path = try Self.temporaryFile()
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    let result = try await ProfileWriter(configFile: path).write(
      Self.request("Acme-Management/AdministratorAccess", region: "eu-west-1"))
    #expect(result.change.createdSection)
    #expect(
      try String(contentsOfFile: path, encoding: .utf8) == """
        [profile Acme-Management/AdministratorAccess]
        sso_session = acme
        sso_account_id = 210987654321
        sso_role_name = AdministratorAccess
        region = eu-west-1

        """)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test func updatesTheSameProfileAndKeepsEverythingElse() throws {
    var document = try ConfigDocument(
      parsing: """
        # mine
        [profile p]
        sso_session = acme
        # keep me
        output = json
        sso_account_id = 210987654321
        sso_role_name = AdministratorAccess

        [profile other]
        region = us-east-1
        """, path: "config", flavor: .config)
    let unchanged = try ProfileWriter.apply(Self.request("p"), to: &document, overwrite: false)
    #expect(unchanged.isEmpty)
    let change = try ProfileWriter.apply(
      Self.request("p", region: "eu-west-1"), to: &document, overwrite: false)
    #expect(change.addedKeys == ["region"])
    #expect(
      document.text == """
        # mine
        [profile p]
        sso_session = acme
        # keep me
        output = json
        sso_account_id = 210987654321
        sso_role_name = AdministratorAccess
        region = eu-west-1

        [profile other]
        region = us-east-1
        """)
  }

  @Test func neverOverwritesADifferentProfileUnlessAsked() throws {
    let original = """
      [profile p]
      # assume-role profile
      role_arn = arn:aws:iam::111111111111:role/x
      source_profile = base
      output = text
      """
    var document = try ConfigDocument(parsing: original, path: "config", flavor: .config)
    #expect(
      throws: OutputError.profileExists(
        name: "p", file: "config", line: 1, existing: "an assume-role profile")
    ) {
      try ProfileWriter.apply(Self.request("p"), to: &document, overwrite: false)
    }
    #expect(document.text == original)
    var other = try ConfigDocument(
      parsing: "[profile p]\nsso_session = acme\nsso_account_id = 1\nsso_role_name = R\n",
      path: "config", flavor: .config)
    #expect(throws: OutputError.self) {
      try ProfileWriter.apply(Self.request("p"), to: &other, overwrite: false)
    }
    try ProfileWriter.apply(Self.request("p"), to: &document, overwrite: true)
    #expect(
      document.text == """
        [profile p]
        # assume-role profile
        output = text
        sso_session = acme
        sso_account_id = 210987654321
        sso_role_name = AdministratorAccess
        """)
  }

  @Test func legacySessionsGetStartURLAndRegion() throws {
    var document = ConfigDocument(path: "config", flavor: .config)
    try ProfileWriter.apply(
      ProfileWriter.Request(
        name: "default", session: Self.legacy, accountID: "210987654321", roleName: "R",
        region: nil), to: &document, overwrite: false)
    #expect(
      document.text == """
        [default]
        sso_start_url = \(FakeHome.startURL)
        sso_region = \(FakeHome.region)
        sso_account_id = 210987654321
        sso_role_name = R

        """)
  }

  /// Every sanitised name, written as a profile, is read back by botocore under that name.
  @Test func botocoreReadsEverySanitisedName() async throws {
    let names = [
      "Acme Management", "Payments (EU) & Billing", "Kraków – Prod", "a'b\"c\\d", "#x", ";y",
      "[z]", "tab\there", "ünï", "x y z/ R ", "default x", "-lead", "50% off", "a=b", "ends.",
    ]
    var document = ConfigDocument(path: "config", flavor: .config)
    var written: [String] = []
    for (index, raw) in names.enumerated() {
      let account = AccountInfo(
        accountID: String(format: "%012d", index), accountName: raw, emailAddress: "")
      let name = try ProfileNameTemplate().name(
        account: account, roleName: "Role", session: Self.session)
      try ProfileWriter.apply(
        ProfileWriter.Request(
          name: name, session: Self.session, accountID: account.accountID, roleName: "Role",
          region: nil), to: &document, overwrite: false)
      written.append(name)
    }
    let path = try Self.temporaryFile()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    try document.text.write(toFile: path, atomically: true, encoding: .utf8)
    let output = try await Python.check(
      """
      import json, sys, botocore.configloader as loader
      config = loader.load_config(sys.argv[1])
      print(json.dumps({name: [p["sso_account_id"], p["sso_role_name"]] for name, p in config["profiles"].items()}))
      """, arguments: [path], environment: ["PATH": "/usr/bin:/bin"])
    let profiles = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String]])
    #expect(Set(profiles.keys) == Set(written))
    for (index, name) in written.enumerated() {
      #expect(profiles[name] == [String(format: "%012d", index), "Role"])
    }
  }

  /// The written profile is a working SSO profile: boto3 gets role credentials with it,
  /// from FakeIdentityCenter, using the token `aws sso login` would have left.
  @Test func boto3GetsCredentialsThroughTheWrittenProfile() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      try await ProfileWriter(configFile: home.configPath).write(
        Self.request("Acme-Management/AdministratorAccess", region: "eu-west-1"))
      let output = try await Python.check(
        """
        import boto3
        session = boto3.Session(profile_name="Acme-Management/AdministratorAccess")
        creds = session.get_credentials().get_frozen_credentials()
        print(session.region_name, creds.access_key[:4], bool(creds.secret_key), bool(creds.token))
        """, environment: home.environment())
      #expect(output == "eu-west-1 ASIA True True\n")
      #expect(home.center.stats().operations[.getRoleCredentials] == 1)
    }
  }
}
