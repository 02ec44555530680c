import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// Finding accounts by id or name, listing roles and fetching credentials against the fake.
@Suite struct PortalDirectoryTests {
  static func fake(_ accounts: [Organisation.Account]? = nil) throws -> InProcessFake {
    var options = FakeIdentityCenter.Options()
    options.defaultPageSize = 7
    if let accounts { options.organisation = .custom(Organisation(accounts: accounts)) }
    return try InProcessFake(options: options)
  }

  @Test func findsAccountsByNameExactlyThenIgnoringCase() async throws {
    let fake = try Self.fake()
    let directory = try fake.directory()
    let exact = try await directory.account("Log Archive")
    #expect(exact.accountID == "012345678901")
    let folded = try await directory.account("log ARCHIVE")
    #expect(folded.accountID == "012345678901")
    await #expect(throws: OutputError.accountNotFound("No Such", session: "acme")) {
      try await directory.account("No Such")
    }
  }

  @Test func anAmbiguousNameListsTheIDs() async throws {
    let fake = try Self.fake([
      .init(accountId: "111111111111", accountName: "Dev", emailAddress: nil, roles: ["R"]),
      .init(accountId: "222222222222", accountName: "Dev", emailAddress: nil, roles: ["R"]),
    ])
    await #expect(
      throws: OutputError.ambiguousAccountName("Dev", accountIDs: ["111111111111", "222222222222"])
    ) {
      try await fake.directory().account("Dev")
    }
  }

  @Test func anIDNeedsNoListingWhenTheNameIsNotNeeded() async throws {
    let fake = try Self.fake()
    let quick = try await fake.directory().account("567894321098", needName: false)
    #expect(quick.accountName == "567894321098")
    #expect(fake.center.stats().operations[.listAccounts] == nil)
    let named = try await fake.directory().account("567894321098")
    #expect(named.accountName == "Reykjavík Edge")
    let cached = Catalog(accounts: [named], roles: [:], fetchedAt: Date())
    var directory = try fake.directory()
    directory.cachedCatalog = cached
    let before = fake.center.stats().operations[.listAccounts]
    #expect(try await directory.account("Reykjavík Edge").accountID == "567894321098")
    #expect(fake.center.stats().operations[.listAccounts] == before)
  }

  @Test func anUnassignedRoleNamesTheRolesThereAre() async throws {
    let fake = try Self.fake()
    await #expect(
      throws: OutputError.roleNotFound(
        role: "Nope", accountID: "012345678901", available: ["ReadOnlyAccess", "SecurityAudit"])
    ) {
      try await fake.directory().roleCredentials(accountID: "012345678901", roleName: "Nope")
    }
    await #expect(throws: OutputError.accountNotFound("999999999999", session: "acme")) {
      try await fake.directory().roleCredentials(accountID: "999999999999", roleName: "Nope")
    }
    let credentials = try await fake.directory().roleCredentials(
      accountID: "012345678901", roleName: "SecurityAudit")
    #expect(credentials.accessKeyID.hasPrefix("ASIA"))
    #expect(credentials.accountID == "012345678901")
  }

  @Test func throttlingIsRetriedOnTheInjectedClock() async throws {
    let fake = try Self.fake()
    try fake.center.addFault(
      .init(operation: .getRoleCredentials, answer: .exception(.tooManyRequests), count: 2))
    let time = ManualTimeSource()
    let credentials = try await fake.directory(time: time).roleCredentials(
      accountID: "012345678901", roleName: "SecurityAudit")
    #expect(!credentials.secretAccessKey.isEmpty)
    #expect(time.sleeps == [.milliseconds(500), .seconds(1)])
  }

  @Test func aRefusedTokenIsRenewedOnce() async throws {
    let fake = try Self.fake()
    let good = try fake.accessToken()
    actor Renewing: AccessTokenProvider {
      let good: String
      var renewals = 0
      init(good: String) { self.good = good }
      func accessToken() async throws -> String { "expired-token" }
      func renewAccessToken(after rejected: String) async throws -> String {
        renewals += 1
        return good
      }
    }
    let tokens = Renewing(good: good)
    let directory = PortalDirectory(
      portal: PortalClient(endpoint: "http://fake", transport: fake), tokens: tokens,
      sessionName: "acme")
    let accounts = try await directory.listAccounts()
    #expect(accounts.count == 60)
    #expect(await tokens.renewals == 1)
  }

}
