import Foundation
import SSOPickTestSupport
import SessionEngine
import Synchronization
import Testing

@Suite("CatalogSource")
struct CatalogSourceTests {
  static let session = SSOSession(
    name: "acme", startURL: "https://d-1234567890.awsapps.com/start", region: "eu-central-1")

  /// A cache in a fresh folder, a stub portal with 3 accounts, and a counter of loaders made.
  struct Fixture {
    let root: String
    let cache: CatalogCache
    let portal = StubPortal(accounts: StubPortal.organisation(3) { _ in 2 })
    let clock = ManualTimeSource()
    let loadersMade = Shared(0)

    init() throws {
      root =
        FileManager.default.temporaryDirectory
        .appendingPathComponent("ssopick-source-\(UUID().uuidString)").path
      cache = CatalogCache(path: root + "/s/catalog.bin", session: CatalogSourceTests.session)
    }

    func source() -> CatalogSource {
      let portal = self.portal
      let clock = self.clock
      let counter = self.loadersMade
      return CatalogSource(
        cache: cache, sessionName: "acme", time: clock,
        makeLoader: {
          counter.update { $0 += 1 }
          return CatalogLoader(
            portal: PortalClient(endpoint: "https://p", transport: portal),
            tokens: FixedAccessToken("token-1"), time: clock, jitter: { 0.5 })
        })
    }

    func saveCached(age: TimeInterval, accounts: Int = 2) throws {
      let organisation = StubPortal.organisation(3) { _ in 2 }.prefix(accounts)
      let catalog = Catalog(
        accounts: organisation.map {
          AccountInfo(accountID: $0.id, accountName: $0.name, emailAddress: $0.email)
        },
        roles: Dictionary(uniqueKeysWithValues: organisation.map { ($0.id, ["Role0"]) }),
        fetchedAt: clock.now.addingTimeInterval(-age))
      try cache.save(catalog)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
  }

  @Test func aFreshCacheIsAllThereIsNoNetworkNoToken() async throws {
    let fixture = try Fixture()
    defer { fixture.cleanUp() }
    try fixture.saveCached(age: 60)
    let events = await collect(fixture.source().open(.automatic(maxAge: .seconds(3_600))))
    #expect(events.count == 2)
    guard case .cached(let cached) = events.first,
      case .finished(let final, let changes) = events.last
    else {
      Issue.record("\(events)")
      return
    }
    #expect(cached == final)
    #expect(changes == .none)
    #expect(fixture.loadersMade.value == 0)
    #expect(fixture.portal.calls.isEmpty)
  }

  @Test func aStaleCacheIsShownThenRevalidatedSavedAndDiffed() async throws {
    let fixture = try Fixture()
    defer { fixture.cleanUp() }
    try fixture.saveCached(age: 7_200)
    let events = await collect(fixture.source().open(.automatic(maxAge: .seconds(3_600))))
    guard case .cached(let cached) = events.first else {
      Issue.record("no .cached first: \(events)")
      return
    }
    #expect(cached.accounts.count == 2)
    guard case .finished(let final, let changes) = events.last else {
      Issue.record("no finish: \(events.failureMessage ?? "")")
      return
    }
    #expect(final.accounts.count == 3)
    #expect(changes.addedAccounts.count == 1)
    #expect(changes.addedRoles.count == 2)  // Role1 in the two known accounts
    #expect(fixture.cache.load() == final)
    #expect(fixture.loadersMade.value == 1)
  }

  @Test func noCacheListsAndSaves() async throws {
    let fixture = try Fixture()
    defer { fixture.cleanUp() }
    let events = await collect(fixture.source().open(.automatic(maxAge: .seconds(3_600))))
    #expect(!events.contains { if case .cached = $0 { true } else { false } })
    let catalog = try #require(events.finishedCatalog)
    #expect(fixture.cache.load() == catalog)
  }

  @Test func cachedOnlyNeverTouchesTheNetwork() async throws {
    let fixture = try Fixture()
    defer { fixture.cleanUp() }
    let missing = await collect(fixture.source().open(.cachedOnly))
    #expect(missing.failureMessage?.contains("No cached catalog for acme") == true)
    try fixture.saveCached(age: 999_999)
    let old = await collect(fixture.source().open(.cachedOnly))
    #expect(old.finishedCatalog?.accounts.count == 2)
    #expect(fixture.loadersMade.value == 0)
    #expect(fixture.portal.calls.isEmpty)
  }

  @Test func refreshIgnoresAFreshCacheButDiffsAgainstIt() async throws {
    let fixture = try Fixture()
    defer { fixture.cleanUp() }
    try fixture.saveCached(age: 1)
    let events = await collect(fixture.source().open(.refresh))
    #expect(!events.contains { if case .cached = $0 { true } else { false } })
    guard case .finished(let final, let changes) = events.last else {
      Issue.record("\(events)")
      return
    }
    #expect(final.accounts.count == 3)
    #expect(changes.addedAccounts.count == 1)
    #expect(fixture.loadersMade.value == 1)
  }

  @Test func anIncompleteCacheIsRevalidatedWhateverItsAge() async throws {
    let fixture = try Fixture()
    defer { fixture.cleanUp() }
    try fixture.cache.save(
      Catalog(
        accounts: [AccountInfo(accountID: "1", accountName: "a", emailAddress: "")], roles: [:],
        fetchedAt: fixture.clock.now))
    let events = await collect(fixture.source().open(.automatic(maxAge: .seconds(3_600))))
    #expect(events.finishedCatalog?.accounts.count == 3)
    #expect(fixture.loadersMade.value == 1)
  }

  @Test func aSaveFailureIsReportedButTheListingStands() async throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-source-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    // A file where the folder should be: the save must fail.
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: root + "/s", contents: Data()))
    let portal = StubPortal(accounts: StubPortal.organisation(2) { _ in 1 })
    let errors = Shared<[FileError]>([])
    let source = CatalogSource(
      cache: CatalogCache(path: root + "/s/catalog.bin", session: Self.session),
      sessionName: "acme", time: ManualTimeSource(),
      makeLoader: {
        CatalogLoader(
          portal: PortalClient(endpoint: "https://p", transport: portal),
          tokens: FixedAccessToken("token-1"), time: ManualTimeSource())
      },
      onSaveError: { error in errors.update { $0.append(error) } })
    let events = await collect(source.open(.refresh))
    #expect(events.finishedCatalog?.accounts.count == 2)
    #expect(errors.value.count == 1)
  }

  @Test func aLoaderThatCannotBeBuiltFailsWithItsMessage() async throws {
    struct NoConfig: Error, CustomStringConvertible {
      var description: String { "No sso-session is configured in ~/.aws/config." }
    }
    let source = CatalogSource(
      cache: nil, sessionName: "acme", makeLoader: { throw NoConfig() })
    let events = await collect(source.open(.refresh))
    #expect(events.failureMessage == "No sso-session is configured in ~/.aws/config.")
  }

  @Test(arguments: [
    ("90", 90), ("90s", 90), ("30m", 1_800), ("1h", 3_600), ("2d", 172_800),
    ("1h30m", 5_400), (" 0 ", 0),
  ])
  func maxAgesAreRead(text: String, seconds: Int64) {
    #expect(CatalogSource.parseDuration(text) == .seconds(seconds))
  }

  @Test(arguments: ["", "h", "1x", "-5", "1.5h", "30m5", "99999999999999999999d"])
  func badMaxAgesAreRefused(text: String) {
    #expect(CatalogSource.parseDuration(text) == nil)
  }

  @Test func theFlagWinsOverTheVariableWhichWinsOverTheDefault() throws {
    let environment = Environment([CatalogSource.maxAgeVariable: "10m"])
    #expect(try CatalogSource.maxAge(flag: "5s", environment: environment) == .seconds(5))
    #expect(try CatalogSource.maxAge(flag: nil, environment: environment) == .seconds(600))
    #expect(try CatalogSource.maxAge(flag: nil, environment: Environment()) == .seconds(3_600))
    #expect(throws: CatalogError.invalidMaxAge(text: "soon", source: "SSOPICK_CATALOG_MAX_AGE")) {
      try CatalogSource.maxAge(
        flag: nil, environment: Environment([CatalogSource.maxAgeVariable: "soon"]))
    }
  }
}

/// A value shared between a test and the closures it hands out.
final class Shared<Value: Sendable>: Sendable {
  private let state: Mutex<Value>
  init(_ value: Value) { state = Mutex(value) }
  var value: Value { state.withLock { $0 } }
  func update(_ body: (inout Value) -> Void) { state.withLock { body(&$0) } }
}
