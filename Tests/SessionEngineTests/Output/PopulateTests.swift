import Foundation
import PropertyBased
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// `populate`: the managed block, collisions, pruning, stability across runs, the file
/// outside the block, botocore reading the result, and the dry-run diff.
@Suite struct PopulateTests {
  static let session = SSOSession(
    name: "acme", startURL: "https://d-9a6f3c21b7.awsapps.com/start", region: "eu-central-1")
  static let date = Date(timeIntervalSince1970: 1_767_225_600)

  static func account(_ id: String, _ name: String) -> AccountInfo {
    AccountInfo(accountID: id, accountName: name, emailAddress: "\(id)@example.com")
  }

  static let dev1 = account("111111111111", "Dev")
  static let dev2 = account("222222222222", "Dev")
  static let prod = account("333333333333", "Prod")

  static let catalog = Catalog(
    accounts: [prod, dev2, dev1],
    roles: [
      "111111111111": ["Read", "Admin"], "222222222222": ["Admin"], "333333333333": ["Admin"],
    ],
    fetchedAt: date)

  static let userConfig = """
    # my config
    [profile mine]
    region = us-east-1

    [profile Prod/Admin]
    sso_session = acme
    sso_account_id = 999999999999
    sso_role_name = X

    [profile own-dev-read]
    sso_session = acme
    sso_account_id = 111111111111
    sso_role_name = Read

    [sso-session acme]
    sso_start_url = https://d-9a6f3c21b7.awsapps.com/start
    sso_region = eu-central-1

    """

  static let markers = Populate.markers(for: session)

  static func plan(
    _ catalog: Catalog, _ text: String, prune: Bool = false, template: String? = nil,
    region: String? = nil
  ) throws -> Populate.Plan {
    try Populate.plan(
      catalog: catalog, session: session,
      document: try ConfigDocument(parsing: text, path: "config", flavor: .config),
      options: Populate.Options(
        template: try ProfileNameTemplate(template ?? ProfileNameTemplate.defaultTemplate),
        prune: prune, region: region))
  }

  @Test func firstRunWritesTheBlockAndResolvesCollisions() throws {
    let plan = try Self.plan(Self.catalog, Self.userConfig)
    #expect(
      plan.after.text == Self.userConfig + """

        \(Self.markers.begin)
        [profile Dev/Admin]
        sso_session = acme
        sso_account_id = 111111111111
        sso_role_name = Admin

        [profile Dev/Admin-222222222222]
        sso_session = acme
        sso_account_id = 222222222222
        sso_role_name = Admin

        [profile Prod/Admin-333333333333]
        sso_session = acme
        sso_account_id = 333333333333
        sso_role_name = Admin
        \(Self.markers.end)

        """)
    #expect(plan.added == ["Dev/Admin", "Dev/Admin-222222222222", "Prod/Admin-333333333333"])
    #expect(
      plan.collisions == [
        .init(
          role: .init(accountID: "222222222222", roleName: "Admin"), wanted: "Dev/Admin",
          written: "Dev/Admin-222222222222", takenBy: "account 111111111111 role Admin"),
        .init(
          role: .init(accountID: "333333333333", roleName: "Admin"), wanted: "Prod/Admin",
          written: "Prod/Admin-333333333333", takenBy: "your profile outside the block"),
      ])
    #expect(plan.keptOutside.map(\.profile) == ["own-dev-read"])
    // Nothing outside the block changed.
    #expect(plan.after.text.hasPrefix(Self.userConfig))
  }

  @Test func aSecondRunChangesNothing() throws {
    let first = try Self.plan(Self.catalog, Self.userConfig)
    let second = try Self.plan(Self.catalog, first.after.text)
    #expect(!second.changesFile)
    #expect(second.added.isEmpty && second.removed.isEmpty && second.updated.isEmpty)
    #expect(second.collisions.count == 2)
  }

  @Test func namesStayPutWhenAnotherAccountOfTheSameNameAppears() throws {
    let first = try Self.plan(Self.catalog, Self.userConfig)
    let dev0 = Self.account("000000000000", "Dev")
    let grown = Catalog(
      accounts: Self.catalog.accounts + [dev0],
      roles: Self.catalog.roles.merging(["000000000000": ["Admin"]]) { a, _ in a },
      fetchedAt: Self.date)
    let second = try Self.plan(grown, first.after.text)
    #expect(second.profiles["Dev/Admin"]?.accountID == "111111111111")
    #expect(second.profiles["Dev/Admin-222222222222"]?.accountID == "222222222222")
    #expect(second.profiles["Dev/Admin-000000000000"]?.accountID == "000000000000")
    #expect(second.added == ["Dev/Admin-000000000000"])
    #expect(second.removed.isEmpty)
  }

  @Test func goneRolesStayUntilPruned() throws {
    let first = try Self.plan(Self.catalog, Self.userConfig)
    let shrunk = Catalog(
      accounts: [Self.dev1, Self.prod],
      roles: ["111111111111": ["Read", "Admin"], "333333333333": ["Admin"]], fetchedAt: Self.date)
    let kept = try Self.plan(shrunk, first.after.text)
    #expect(kept.stale == ["Dev/Admin-222222222222"])
    #expect(!kept.changesFile)
    let pruned = try Self.plan(shrunk, first.after.text, prune: true)
    #expect(pruned.removed == ["Dev/Admin-222222222222"])
    #expect(!pruned.after.text.contains("222222222222"))
    #expect(pruned.after.text.hasPrefix(Self.userConfig))
  }

  @Test func pruneKeepsAccountsWhoseRolesAreUnknown() throws {
    let first = try Self.plan(Self.catalog, Self.userConfig)
    let partial = Catalog(
      accounts: Self.catalog.accounts,
      roles: ["111111111111": ["Read", "Admin"], "333333333333": ["Admin"]], fetchedAt: Self.date)
    let plan = try Self.plan(partial, first.after.text, prune: true)
    #expect(plan.removed.isEmpty)
    #expect(plan.stale == ["Dev/Admin-222222222222"])
  }

  @Test func regionsAreSetOrKept() throws {
    let first = try Self.plan(Self.catalog, Self.userConfig, region: "eu-west-1")
    #expect(first.after.text.components(separatedBy: "region = eu-west-1").count == 4)
    let second = try Self.plan(Self.catalog, first.after.text)
    #expect(!second.changesFile)
  }

  @Test func aNewTemplateRenamesTheBlockProfiles() throws {
    let first = try Self.plan(Self.catalog, Self.userConfig)
    let renamed = try Self.plan(
      Self.catalog, first.after.text, template: "{account_id}.{role_name}")
    #expect(
      renamed.added == ["111111111111.Admin", "222222222222.Admin", "333333333333.Admin"])
    #expect(renamed.removed.count == 3)
    #expect(renamed.collisions.isEmpty)
  }

  @Test func anEmptyCatalogWritesNoBlock() throws {
    let plan = try Self.plan(
      Catalog(accounts: [], roles: [:], fetchedAt: Self.date), Self.userConfig)
    #expect(!plan.changesFile)
  }

  /// botocore reads the populated file, and every block profile is a complete SSO profile.
  @Test func botocoreReadsThePopulatedFile() async throws {
    let plan = try Self.plan(Self.catalog, Self.userConfig)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-populate-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try plan.after.text.write(toFile: folder + "/config", atomically: true, encoding: .utf8)
    let output = try await Python.check(
      """
      import json, sys, botocore.configloader as loader
      profiles = loader.load_config(sys.argv[1])["profiles"]
      print(json.dumps(sorted([n, p["sso_account_id"], p["sso_role_name"], p["sso_session"]]
        for n, p in profiles.items() if "sso_session" in p)))
      """, arguments: [folder + "/config"], environment: ["PATH": "/usr/bin:/bin"])
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]])
    #expect(
      rows == [
        ["Dev/Admin", "111111111111", "Admin", "acme"],
        ["Dev/Admin-222222222222", "222222222222", "Admin", "acme"],
        ["Prod/Admin", "999999999999", "X", "acme"],
        ["Prod/Admin-333333333333", "333333333333", "Admin", "acme"],
        ["own-dev-read", "111111111111", "Read", "acme"],
      ])
  }

  // MARK: - The dry-run diff

  @Test func diffOfTheFirstRun() throws {
    let plan = try Self.plan(
      Catalog(accounts: [Self.prod], roles: ["333333333333": ["Admin"]], fetchedAt: Self.date),
      "[profile a]\nx = 1\n")
    #expect(
      UnifiedDiff.render(old: plan.before.text, new: plan.after.text, oldName: "a", newName: "b")
        == """
        --- a
        +++ b
        @@ -1,2 +1,9 @@
         [profile a]
         x = 1
        +
        +\(Self.markers.begin)
        +[profile Prod/Admin]
        +sso_session = acme
        +sso_account_id = 333333333333
        +sso_role_name = Admin
        +\(Self.markers.end)

        """)
    #expect(UnifiedDiff.render(old: "a\n", new: "a\n", oldName: "a", newName: "b") == "")
  }

  static let lines = Gen.int(in: 0...5).array(of: 0...30).map { $0.map { "line \($0)" } }

  /// The diff, applied by `patch`, turns the old text into the new one.
  @Test(.enabled(if: ChildProcess.find("patch") != nil, "patch is not installed"))
  func patchAppliesTheDiff() async throws {
    await propertyCheck(count: 40, input: Self.lines, Self.lines) { old, new in
      let before = old.map { $0 + "\n" }.joined()
      let after = new.map { $0 + "\n" }.joined()
      let diff = UnifiedDiff.render(old: before, new: after, oldName: "f", newName: "f")
      let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("ssopick-diff-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: folder) }
      try before.write(toFile: folder + "/f", atomically: true, encoding: .utf8)
      if !diff.isEmpty {
        let result = try await ChildProcess.run(
          try #require(ChildProcess.find("patch")), ["--quiet", "-s", folder + "/f"],
          stdin: .data(Data(diff.utf8)))
        #expect(result.status == 0, "\(result)\n\(diff)")
      }
      #expect(try String(contentsOfFile: folder + "/f", encoding: .utf8) == after)
    }
  }
}
