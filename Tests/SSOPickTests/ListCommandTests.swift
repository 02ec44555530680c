import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// A fake Identity Center on loopback, a temporary HOME whose config has one sso-session
/// pointing at it (through `AWS_ENDPOINT_URL_SSO[_OIDC]`, as a user would), and — unless
/// told otherwise — a live token in the AWS CLI token cache.
struct ListFixture {
  static let startURL = "https://d-9a6f3c21b7.awsapps.com/start"

  let center: FakeIdentityCenter
  let home: String
  let environment: [String: String]

  static func start(
    _ options: FakeIdentityCenter.Options, signedIn: Bool = true, extra: [String: String] = [:]
  ) async throws -> ListFixture {
    let center = try FakeIdentityCenter(options: options)
    let url = try await center.start().absoluteString
    let home = try makeTemporaryHome()
    try FileManager.default.createDirectory(
      atPath: home + "/.aws/sso/cache", withIntermediateDirectories: true)
    try """
    [sso-session acme]
    sso_start_url = \(startURL)
    sso_region = eu-central-1
    sso_registration_scopes = sso:account:access
    """.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
    if signedIn {
      let document = try center.tokenCacheDocument(
        startURL: startURL, sessionName: "acme", region: "eu-central-1")
      try document.contents.write(
        toFile: home + "/.aws/sso/cache/" + document.fileName, atomically: true, encoding: .utf8)
    }
    let environment = BinaryRunner.environment(
      home: home,
      ["AWS_ENDPOINT_URL_SSO": url, "AWS_ENDPOINT_URL_SSO_OIDC": url].merging(extra) { $1 })
    return ListFixture(center: center, home: home, environment: environment)
  }

  /// Runs `body` with a started fixture, then stops it (awaited) and removes its home,
  /// whether `body` returns or throws.
  static func with(
    _ options: FakeIdentityCenter.Options, signedIn: Bool = true, extra: [String: String] = [:],
    _ body: (ListFixture) async throws -> Void
  ) async throws {
    let fixture = try await start(options, signedIn: signedIn, extra: extra)
    do {
      try await body(fixture)
    } catch {
      await fixture.stop()
      throw error
    }
    await fixture.stop()
  }

  func run(_ arguments: [String], extra: [String: String] = [:]) async throws
    -> BinaryRunner.Output
  {
    try await BinaryRunner.ssopick(
      ["list"] + arguments, environment: environment.merging(extra) { $1 })
  }

  /// Portal requests the fake has answered.
  var portalRequests: Int {
    let operations = center.stats().operations
    return (operations[.listAccounts] ?? 0) + (operations[.listAccountRoles] ?? 0)
  }

  /// The catalog the fake serves, in ssopick's order.
  var expectedEntries: [CatalogEntry] {
    let accounts = center.organisation.accounts
    return Catalog(
      accounts: accounts.map {
        AccountInfo(
          accountID: $0.accountId, accountName: $0.accountName ?? $0.accountId,
          emailAddress: $0.emailAddress ?? "")
      },
      roles: Dictionary(uniqueKeysWithValues: accounts.map { ($0.accountId, $0.roles) }),
      fetchedAt: Date()
    ).entries
  }

  func stop() async {
    await center.stop()
    try? FileManager.default.removeItem(atPath: home)
  }
}

@Suite("ssopick list (the built binary against the fake)")
struct ListCommandTests {
  /// A small organisation with awkward names: case, accents, tabs, quotes, no name, no email.
  static let awkward = Organisation(accounts: [
    .init(
      accountId: "000000000042", accountName: "zeta", emailAddress: "z@x.example",
      roles: ["ReadOnly", "admin", "Admin"]),
    .init(
      accountId: "111111111111", accountName: "Alpha \"quoted\"\tand tabbed",
      emailAddress: "a@x.example", roles: ["Ops"]),
    .init(accountId: "222222222222", accountName: nil, emailAddress: nil, roles: ["R"]),
    .init(
      accountId: "333333333333", accountName: "Édition", emailAddress: "e@x.example",
      roles: []),
    .init(
      accountId: "444444444444", accountName: "beta", emailAddress: "b@x.example",
      roles: ["Z", "a"]),
  ])

  @Test("--json is an array of exactly accountId, accountName, emailAddress, roleName, sorted")
  func jsonShapeAndOrder() async throws {
    var options = FakeIdentityCenter.Options()
    options.organisation = .custom(Self.awkward)
    try await ListFixture.with(options) { fixture in
      let result = try await fixture.run(["--json"])
      #expect(result.status == 0, "\(result)")
      #expect(result.stderr.isEmpty, "stderr is not a terminal: no progress, no summary")
      let array = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
      for object in array {
        #expect(Set(object.keys) == ["accountId", "accountName", "emailAddress", "roleName"])
        #expect(object.values.allSatisfy { $0 is String })
      }
      let rows = array.map { object in
        ["accountName", "accountId", "roleName", "emailAddress"].map {
          object[$0] as? String ?? "?"
        }
      }
      #expect(
        rows == [
          ["222222222222", "222222222222", "R", ""],
          ["Alpha \"quoted\"\tand tabbed", "111111111111", "Ops", "a@x.example"],
          ["beta", "444444444444", "a", "b@x.example"],
          ["beta", "444444444444", "Z", "b@x.example"],
          ["zeta", "000000000042", "Admin", "z@x.example"],
          ["zeta", "000000000042", "admin", "z@x.example"],
          ["zeta", "000000000042", "ReadOnly", "z@x.example"],
        ])
    }
  }

  @Test("--filter keeps the fuzzy matches, best first, as the picker ranks them; none: exit 1")
  func filterUsesThePickersMatcher() async throws {
    try await ListFixture.with(FakeIdentityCenter.Options()) { fixture in  // the demo org
      let result = try await fixture.run(["--tsv", "--filter", "payadm"])
      #expect(result.status == 0, "\(result)")
      let rows = result.stdout.split(separator: "\n").map { $0.split(separator: "\t") }
      #expect(!rows.isEmpty)
      // Every row matches the query (the letters in order across the fields); the best is a
      // Payments account's AdministratorAccess.
      #expect(rows.first?[0].lowercased().hasPrefix("payments") == true, "\(result.stdout)")
      #expect(rows.first?[2] == "AdministratorAccess", "\(result.stdout)")
      // The same rows, in the same order, as the library's matcher gives for the catalog.
      let catalogRows = fixture.expectedEntries.map {
        "\($0.account.accountName)\t\($0.account.accountID)\t\($0.roleName)"
      }
      let printed = rows.map { $0.prefix(3).joined(separator: "\t") }
      #expect(printed.allSatisfy { catalogRows.contains($0) })
      #expect(printed.count < catalogRows.count)

      let none = try await fixture.run(["--filter", "zzzzqqqq"])
      #expect(none.status == 1, "\(none)")
      #expect(none.stdout.isEmpty)

      // The cached catalog is filtered the same way, without the network.
      let before = fixture.portalRequests
      let cached = try await fixture.run(["--tsv", "--cached", "--filter", "payadm"])
      #expect(cached.stdout == result.stdout)
      #expect(fixture.portalRequests == before)
    }
  }

  @Test("a generated organisation comes out whole, in catalog order, within 32 in flight")
  func largerOrganisation() async throws {
    var options = FakeIdentityCenter.Options()
    options.organisation = .generated(accounts: 230, rolesPerAccount: .range(0...6))
    options.seed = 7
    try await ListFixture.with(options) { fixture in
      let result = try await fixture.run(["--tsv"])
      #expect(result.status == 0, "\(result)")
      let expected = fixture.expectedEntries.map {
        [$0.account.accountName, $0.account.accountID, $0.roleName, $0.account.emailAddress]
          .joined(separator: "\t")
      }
      #expect(result.stdout.split(separator: "\n").map(String.init) == expected)
      let stats = fixture.center.stats()
      #expect(stats.operations[.listAccounts] == 3)
      #expect(stats.operations[.listAccountRoles] == 230)
      #expect(stats.maxInFlight <= 32)
    }
  }

  @Test("a fresh cache and --cached make no request; --refresh and --max-age 0 do")
  func cachePolicy() async throws {
    var options = FakeIdentityCenter.Options()
    options.organisation = .custom(Self.awkward)
    try await ListFixture.with(options) { fixture in
      let missing = try await fixture.run(["--cached"])
      #expect(missing.status == 2)
      #expect(missing.stderr.contains("No cached catalog for acme"))
      #expect(fixture.portalRequests == 0)

      let first = try await fixture.run([])
      #expect(first.status == 0, "\(first)")
      let afterFirst = fixture.portalRequests
      #expect(afterFirst == 6)

      let fresh = try await fixture.run([])
      let cached = try await fixture.run(["--cached"])
      #expect(fresh.stdout == first.stdout)
      #expect(cached.stdout == first.stdout)
      #expect(fixture.portalRequests == afterFirst, "the cache must be used without a request")

      let refreshed = try await fixture.run(["--refresh"])
      #expect(refreshed.stdout == first.stdout)
      #expect(fixture.portalRequests == 2 * afterFirst)
      let expired = try await fixture.run([], extra: ["SSOPICK_CATALOG_MAX_AGE": "0"])
      #expect(expired.status == 0)
      #expect(fixture.portalRequests == 3 * afterFirst)
      let zero = try await fixture.run(["--max-age", "0"])
      #expect(zero.status == 0)
      #expect(fixture.portalRequests == 4 * afterFirst)

      // The cache file is private.
      let sessions = fixture.home + "/.cache/ssopick/sessions"
      let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: sessions).first)
      #expect(try permissions(sessions + "/" + folder) == 0o700)
      #expect(try permissions(sessions + "/" + folder + "/catalog.bin") == 0o600)
    }
  }

  @Test("--cached works with the network gone; a corrupt cache counts as none")
  func cachedOffline() async throws {
    var options = FakeIdentityCenter.Options()
    options.organisation = .custom(Self.awkward)
    try await ListFixture.with(options) { fixture in
      let first = try await fixture.run(["--json"])
      #expect(first.status == 0)
      await fixture.center.stop()

      let offline = try await fixture.run(["--json", "--cached"])
      #expect(offline.status == 0, "\(offline)")
      #expect(offline.stdout == first.stdout)

      let sessions = fixture.home + "/.cache/ssopick/sessions"
      let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: sessions).first)
      let file = sessions + "/" + folder + "/catalog.bin"
      var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
      bytes[bytes.count / 2] ^= 0xFF
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      let corrupt = try await fixture.run(["--cached"])
      #expect(corrupt.status == 2)
      #expect(corrupt.stderr.contains("No cached catalog"))
    }
  }

  @Test("without a sign-in and without a terminal: exit 2, run ssopick login, no portal call")
  func notSignedIn() async throws {
    try await ListFixture.with(FakeIdentityCenter.Options(), signedIn: false) { fixture in
      let result = try await fixture.run([])
      #expect(result.status == 2)
      #expect(result.stderr.contains("ssopick login"), "\(result)")
      #expect(result.stdout.isEmpty)
      #expect(fixture.portalRequests == 0)
    }
  }

  @Test("without a sign-in but with a terminal: signs in first (device code), then lists")
  func signsInOnATerminal() async throws {
    var options = FakeIdentityCenter.Options()
    options.organisation = .custom(Self.awkward)
    options.autoApprove = true
    try await ListFixture.with(options, signedIn: false) { fixture in
      let result = try await BinaryRunner.ssopick(
        ["list", "--tsv"], environment: fixture.environment, terminal: true)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.split(separator: "\n").count == 7)
      #expect(fixture.center.stats().operations[.createToken, default: 0] >= 1)
      let cache = fixture.home + "/.aws/sso/cache"
      #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 2)
    }
  }

  @Test("an account the portal refuses is named on stderr and left out; exit 2 unless allowed")
  func partialFailure() async throws {
    var options = FakeIdentityCenter.Options()
    options.organisation = .custom(Self.awkward)
    options.faults = [
      .init(
        operation: .listAccountRoles, answer: .exception(.forbidden), count: 2,
        accountId: "444444444444"),
      .init(
        operation: .listAccountRoles, answer: .status(500), count: 2, accountId: "000000000042"),
    ]
    try await ListFixture.with(options) { fixture in
      let result = try await fixture.run(["--tsv"])
      #expect(result.status == 2, "\(result)")
      #expect(result.stderr.contains("--allow-partial"))
      #expect(!result.stdout.contains("444444444444"))
      #expect(
        result.stdout.split(separator: "\n").filter { $0.contains("000000000042") }.count == 3)
      #expect(result.stderr.contains("444444444444"))
      #expect(result.stderr.contains("ForbiddenException"))
      let allowed = try await fixture.run(["--tsv", "--refresh", "--allow-partial"])
      #expect(allowed.status == 0, "\(allowed)")
      #expect(allowed.stderr.contains("444444444444"))
    }
  }

  @Test("a throttled portal is paced and never fails the listing")
  func throttled() async throws {
    var options = FakeIdentityCenter.Options()
    // 21 calls at 25/s with a bucket of 1: about a second, and the slow start overshoots.
    options.organisation = .generated(accounts: 20, rolesPerAccount: .fixed(2))
    options.throttlePortal(.init(rps: 25, burst: 1))
    try await ListFixture.with(options) { fixture in
      let result = try await fixture.run(["--json", "--verbose"])
      #expect(result.status == 0, "\(result)")
      let array = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any])
      #expect(array.count == 40)
      #expect((fixture.center.stats().statuses[429] ?? 0) > 0, "the test did not throttle")
      #expect(result.stderr.contains("throttled"))
    }
  }

  @Test("after a refresh --verbose sums up what changed")
  func changesSummary() async throws {
    var before = Self.awkward
    before.accounts.removeFirst()
    before.accounts[0].roles.append("Gone")
    var options = FakeIdentityCenter.Options()
    options.organisation = .custom(before)
    try await ListFixture.with(options) { old in
      #expect(try await old.run([]).status == 0)
      await old.center.stop()

      options.organisation = .custom(Self.awkward)
      try await FakeIdentityCenter.with(options: options) { center, baseURL in
        let url = baseURL.absoluteString
        let document = try center.tokenCacheDocument(
          startURL: ListFixture.startURL, sessionName: "acme", region: "eu-central-1")
        try document.contents.write(
          toFile: old.home + "/.aws/sso/cache/" + document.fileName, atomically: true,
          encoding: .utf8)
        var environment = old.environment
        environment["AWS_ENDPOINT_URL_SSO"] = url
        environment["AWS_ENDPOINT_URL_SSO_OIDC"] = url
        let result = try await BinaryRunner.ssopick(
          ["list", "--refresh", "--verbose"], environment: environment)
        #expect(result.status == 0, "\(result)")
        #expect(
          result.stderr.contains(
            "catalog refreshed: 1 account added, 1 role removed (5 accounts, 7 roles)"),
          "\(result.stderr)")
      }
    }
  }

  @Test(arguments: [
    ["--json", "--tsv"], ["--cached", "--refresh"], ["--max-in-flight", "0"],
    ["--cached", "--max-age", "1h"], ["--max-age", "soon"],
  ])
  func badUsageExitsTwo(arguments: [String]) async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let result = try await BinaryRunner.ssopick(
      ["list"] + arguments, environment: BinaryRunner.environment(home: home))
    #expect(result.status == 2, "\(arguments): \(result)")
    #expect(!result.stderr.isEmpty)
  }
}
