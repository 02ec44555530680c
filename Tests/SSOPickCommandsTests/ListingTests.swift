import FakeIdentityCenter
import Foundation
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// The one listing path — `list`, `populate`, `export --account NAME` — in-process against
/// the fake: its guards (a repeated next token, failed accounts named, a hung portal) hold
/// for every command.
@Suite("Listing (command layer)")
struct ListingTests {
  static var refresh: CatalogFreshnessRequest { CatalogFreshnessRequest(refresh: true) }

  @Test("populate names an account whose roles cannot be listed, keeps its profiles, exits 2")
  func populateReportsAPartialCatalog() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      try home.center.addFault(
        .init(
          operation: .listAccountRoles, answer: .status(500), count: 5,
          accountId: "210987654321"))
      let test = home.context()
      let status = try await PopulateUseCase(.init(freshness: Self.refresh)).run(
        in: test.context)
      #expect(status == .error)
      #expect(test.stderr.contains("Acme Management (210987654321)"))
      #expect(test.stderr.contains("its profiles are kept as they were"))
      #expect(test.stderr.contains("--allow-partial"))
      let config = try String(contentsOfFile: home.configPath, encoding: .utf8)
      #expect(config.contains("[profile Log-Archive/ReadOnlyAccess]"))
      #expect(!config.contains("sso_account_id = 210987654321"))

      try home.center.addFault(
        .init(
          operation: .listAccountRoles, answer: .status(500), count: 5,
          accountId: "210987654321"))
      let allowed = home.context()
      let again = try await PopulateUseCase(.init(freshness: Self.refresh, allowPartial: true))
        .run(in: allowed.context)
      #expect(again == .success)
    }
  }

  @Test("populate lists concurrently: roles are asked for while accounts still page in")
  func populateUsesTheConcurrentLoader() async throws {
    var options = FakeHome.autoApproving
    options.latency = .milliseconds(5)
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      let test = home.context()
      #expect(try await PopulateUseCase(.init()).run(in: test.context) == .success)
      let roles = home.center.organisation.roleCount
      let config = try String(contentsOfFile: home.configPath, encoding: .utf8)
      #expect(config.components(separatedBy: "[profile ").count - 1 == roles)
      #expect(home.center.stats().maxInFlight > 1)
      // The listing was cached: the picker and `list` start from it.
      #expect(FileManager.default.fileExists(atPath: home.home + "/.cache/ssopick"))
    }
  }

  @Test("populate and export --account NAME stop on a repeated next token instead of looping")
  func aRepeatedNextTokenIsCaught() async throws {
    var options = FakeHome.autoApproving
    // More than one page of 100, so the listing follows a next token.
    options.organisation = .generated(accounts: 250, rolesPerAccount: .fixed(1))
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      try home.center.addFault(
        .init(operation: .listAccounts, answer: .repeatNextToken, count: 100))
      let test = home.context()
      await #expect {
        try await PopulateUseCase(.init(freshness: Self.refresh)).run(in: test.context)
      } throws: { String(describing: $0).contains("same next token twice") }

      // An account on the last page: finding it by name must follow the next tokens.
      let account = try #require(home.center.organisation.accounts.last)
      let export = home.context()
      await #expect {
        try await RoleUseCase(
          role: RoleRequest(account: account.accountName, role: account.roles[0]),
          action: .export(.posix), commandLine: "ssopick export", commandName: "ssopick export"
        ).run(in: export.context)
      } throws: { String(describing: $0).contains("same next token twice") }
      #expect(export.stdout.isEmpty)
    }
  }

  @Test("list against a portal that never answers fails after 30 s without an answer")
  func aHungPortalFailsTheListing() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      try home.center.addFault(.init(operation: .listAccounts, answer: .hang, count: 10))
      let clock = ManualTimeSource(start: Date(), autoAdvance: false)
      let test = home.context(clock: clock)
      let start = clock.now
      let context = test.context
      await #expect {
        try await clock.driving {
          try await ListUseCase(.init(freshness: Self.refresh)).run(in: context)
        }
      } throws: { error in
        let text = String(describing: error)
        return text.contains("has not answered for 30 s") && text.contains("ListAccounts")
      }
      let waited = clock.now.timeIntervalSince(start)
      #expect(waited >= 30 && waited <= 41, "\(waited)")
      #expect(test.stdout.isEmpty)
    }
  }

  @Test("list --tsv and the text table escape hostile names; --json stays exact")
  func listEscapesEveryTextFormat() async throws {
    let hostile = "Evil\u{1B}[2J\u{202E}nimda"
    var options = FakeHome.autoApproving
    options.organisation = .custom(
      Organisation(accounts: [
        .init(accountId: "111111111111", accountName: hostile, emailAddress: nil, roles: ["R"])
      ]))
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      for format in [CatalogListFormat.text, .tsv] {
        let test = home.context()
        #expect(try await ListUseCase(.init(format: format)).run(in: test.context) == .success)
        #expect(test.stdout.contains(#"Evil\x1b[2J\u{202e}nimda"#), "\(format)")
        #expect(!test.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
      }
      let json = home.context()
      #expect(try await ListUseCase(.init(format: .json)).run(in: json.context) == .success)
      #expect(json.stdout.contains(#""accountName":"Evil\u001b[2J"#))
      #expect(json.stdout.unicodeScalars.contains("\u{202E}"))
    }
  }
}
