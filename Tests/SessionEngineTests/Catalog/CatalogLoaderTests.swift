import Foundation
import SSOPickTestSupport
import SessionEngine
import Synchronization
import Testing

@Suite("CatalogLoader")
struct CatalogLoaderTests {
  static let endpoint = "https://portal.sso.eu-central-1.amazonaws.com"

  func loader(
    _ portal: any HTTPTransport, tokens: any AccessTokenProvider = FixedAccessToken("token-1"),
    settings: CatalogLoader.Settings = CatalogLoader.Settings(),
    clock: ManualTimeSource = ManualTimeSource()
  ) -> CatalogLoader {
    CatalogLoader(
      portal: PortalClient(endpoint: Self.endpoint, transport: portal), tokens: tokens,
      settings: settings, time: clock, jitter: { 0.5 })
  }

  // MARK: Pagination

  @Test func pagesThroughOddPageSizesAndHostileTokens() async throws {
    let accounts = StubPortal.organisation(23) { $0 % 10 }
    let portal = StubPortal(accounts: accounts, accountsPageSize: 7, rolesPageSize: 4)
    let events = await collect(loader(portal).start())

    let catalog = try #require(events.finishedCatalog, "\(events.failureMessage ?? "")")
    #expect(catalog.accounts.count == 23)
    #expect(catalog.isComplete)
    for account in accounts {
      #expect(catalog.roles[account.id] == account.roles.sorted(by: Catalog.nameOrder))
    }
    #expect(catalog.accounts.map(\.accountName) == catalog.accounts.map(\.accountName).sorted())
    // Pages of 7, 7, 7 and 2 accounts; only the last says it is complete.
    let pages = events.compactMap { event -> (Int, Bool)? in
      if case .accounts(let page, let complete) = event { return (page.count, complete) }
      return nil
    }
    #expect(pages.map(\.0) == [7, 7, 7, 2])
    #expect(pages.map(\.1) == [false, false, false, true])
    // Every call asked for pages of 100, and every next token came back intact (the stub
    // answers 400 to a token it did not issue).
    #expect(portal.calls.allSatisfy { $0.maxResult == "100" })
    #expect(portal.calls.filter { $0.operation == "ListAccounts" }.count == 4)
    let roleCalls = portal.calls.filter { $0.operation == "ListAccountRoles" }
    #expect(roleCalls.count == accounts.reduce(0) { $0 + max(1, ($1.roles.count + 3) / 4) })
    #expect(roleCalls.contains { $0.nextToken?.contains("+/") == true })
  }

  @Test func accountsWithMoreThanAHundredRolesArePaged() async throws {
    let accounts = [
      StubPortal.Account(
        id: "111111111111", name: "big", email: "", roles: (0..<250).map { "R\($0)" })
    ]
    let portal = StubPortal(accounts: accounts)
    let events = await collect(loader(portal).start())
    let catalog = try #require(events.finishedCatalog)
    #expect(catalog.roles["111111111111"]?.count == 250)
    #expect(portal.calls.filter { $0.operation == "ListAccountRoles" }.count == 3)
  }

  @Test func eventsComeInTheOrderTheContractPromises() async throws {
    let portal = StubPortal(
      accounts: StubPortal.organisation(12) { _ in 2 }, accountsPageSize: 5)
    let events = await collect(loader(portal).start())
    var seenAccounts: Set<String> = []
    var rolesSeen = 0
    for event in events.dropLast() {
      switch event {
      case .accounts(let page, _): seenAccounts.formUnion(page.map(\.accountID))
      case .roles(let id, _):
        #expect(seenAccounts.contains(id), "roles of \(id) before its accounts page")
        rolesSeen += 1
      case .finished, .failed: Issue.record("a terminal event before the end")
      default: break
      }
    }
    #expect(rolesSeen == 12)
    guard case .finished(_, let changes) = events.last else {
      Issue.record("the last event is \(String(describing: events.last))")
      return
    }
    #expect(changes == .none)
    let progress = events.compactMap { event -> CatalogProgress? in
      if case .progress(let value) = event { return value }
      return nil
    }
    #expect(progress.last?.accountsWithRoles == 12)
    #expect(progress.last?.accountListComplete == true)
    #expect(progress.last?.requestsSent == 15)
  }

  @Test func anEmptyNextTokenEndsTheList() async throws {
    let portal = StubPortal(accounts: StubPortal.organisation(3) { _ in 1 })
    portal.setHook { call, _ in
      guard call.operation == "ListAccounts" else { return nil }
      return .json(
        200,
        #"{"nextToken":"","accountList":[{"accountId":"000000000001","accountName":"a"}]}"#)
    }
    let events = await collect(loader(portal).start())
    let catalog = try #require(events.finishedCatalog)
    #expect(catalog.accounts.map(\.accountID) == ["000000000001"])
    #expect(portal.calls.filter { $0.operation == "ListAccounts" }.count == 1)
  }

  @Test func aRepeatedAccountsTokenFailsTheListing() async throws {
    let portal = StubPortal(accounts: StubPortal.organisation(3) { _ in 1 })
    portal.setHook { call, _ in
      guard call.operation == "ListAccounts" else { return nil }
      return .json(200, #"{"nextToken":"same/+=","accountList":[]}"#)
    }
    let events = await collect(loader(portal).start())
    let message = try #require(events.failureMessage)
    #expect(message.contains("same next token twice"))
    #expect(portal.calls.filter { $0.operation == "ListAccounts" }.count == 2)
  }

  @Test func aRepeatedRolesTokenFailsOnlyThatAccount() async throws {
    let accounts = StubPortal.organisation(3) { _ in 2 }
    let looping = accounts[1].id
    let portal = StubPortal(accounts: accounts)
    portal.setHook { call, _ in
      guard call.operation == "ListAccountRoles", call.accountID == looping else { return nil }
      return .json(200, #"{"nextToken":"again","roleList":[{"roleName":"X"}]}"#)
    }
    let events = await collect(loader(portal).start())
    let catalog = try #require(events.finishedCatalog)
    #expect(events.accountFailures[looping]?.contains("same next token twice") == true)
    #expect(catalog.roles[looping] == nil)
    #expect(catalog.roles.count == 2)
  }

  // MARK: Failures

  @Test func oneAccountsFailureDoesNotStopTheOthers() async throws {
    let accounts = StubPortal.organisation(6) { _ in 3 }
    let (gone, forbidden, flaky, broken) = (
      accounts[0].id, accounts[1].id, accounts[2].id, accounts[3].id
    )
    let portal = StubPortal(accounts: accounts)
    portal.setHook { call, count in
      guard call.operation == "ListAccountRoles" else { return nil }
      switch call.accountID {
      case gone: return .awsError(404, "ResourceNotFoundException", #"{"message":"gone"}"#)
      case forbidden: return .awsError(403, "ForbiddenException", #"{"message":"No access"}"#)
      case flaky where count < 2:
        return HTTPResponse(status: 500, body: Data("<html>500</html>".utf8))
      case broken: return .awsError(503, "ServiceUnavailableException", "{}")
      default: return nil
      }
    }
    let clock = ManualTimeSource()
    let events = await collect(loader(portal, clock: clock).start())
    let catalog = try #require(events.finishedCatalog, "\(events.failureMessage ?? "")")
    let failures = events.accountFailures
    #expect(Set(failures.keys) == [gone, forbidden, broken])
    #expect(failures[gone]?.contains("ResourceNotFoundException") == true)
    #expect(failures[forbidden]?.contains("No access") == true)
    #expect(catalog.roles[flaky]?.count == 3)
    #expect(catalog.roles[gone] == nil && catalog.roles[broken] == nil)
    #expect(!catalog.isComplete)
    // 404/403 are not retried; 500 twice then fine = 3 calls; 503 for good = 5 attempts.
    let calls = portal.calls.filter { $0.operation == "ListAccountRoles" }
    #expect(calls.filter { $0.accountID == gone }.count == 1)
    #expect(calls.filter { $0.accountID == forbidden }.count == 1)
    #expect(calls.filter { $0.accountID == flaky }.count == 3)
    #expect(calls.filter { $0.accountID == broken }.count == 5)
    // Retries waited with the retry policy's backoff (full jitter fixed at 0.5 → half of
    // 0.5 s, 1 s, 2 s, 4 s).
    #expect(clock.sleeps.contains(.milliseconds(250)))
    #expect(clock.sleeps.contains(.seconds(1)))
    #expect(clock.sleeps.contains(.seconds(2)))
  }

  @Test func failingListAccountsFailsTheListing() async throws {
    let portal = StubPortal(accounts: StubPortal.organisation(2) { _ in 1 })
    portal.setHook { call, _ in
      call.operation == "ListAccounts"
        ? .awsError(400, "InvalidRequestException", #"{"message":"bad"}"#) : nil
    }
    let events = await collect(loader(portal).start())
    #expect(events.failureMessage?.contains("InvalidRequestException") == true)
    #expect(events.finishedCatalog == nil)
  }

  @Test func aNetworkThatStaysDownFailsTheListingAfterFiveAttempts() async throws {
    let transport = ScriptedTransport(fallback: { _ in
      throw HTTPTransportError(kind: .connect, message: "Connection refused", host: "portal")
    })
    let loader = CatalogLoader(
      portal: PortalClient(endpoint: Self.endpoint, transport: transport),
      tokens: FixedAccessToken("token-1"), time: ManualTimeSource(), jitter: { 0 })
    let events = await collect(loader.start())
    let message = try #require(events.failureMessage)
    #expect(message.contains("Could not reach the SSO portal"))
    #expect(!message.contains("token-1"))
    #expect(transport.requests.count == 5)
  }

  // MARK: Throttling

  @Test func throttlingIsRetriedUntilItPassesAndHonoursRetryAfter() async throws {
    let accounts = StubPortal.organisation(4) { _ in 2 }
    let throttled = accounts[2].id
    let portal = StubPortal(accounts: accounts)
    portal.setHook { call, count in
      guard call.accountID == throttled, count < 12 else { return nil }
      return .json(
        429, #"{"message":"Rate exceeded"}"#,
        headers: [
          HTTPHeader("x-amzn-ErrorType", "TooManyRequestsException"),
          HTTPHeader("Retry-After", count == 0 ? "3" : "0"),
        ])
    }
    let clock = ManualTimeSource()
    let events = await collect(loader(portal, clock: clock).start())
    let catalog = try #require(events.finishedCatalog, "\(events.failureMessage ?? "")")
    #expect(catalog.isComplete)
    #expect(events.accountFailures.isEmpty)
    #expect(portal.calls.filter { $0.accountID == throttled }.count == 13)
    #expect(clock.sleeps.contains { $0 >= .seconds(3) }, "Retry-After: 3 was not waited out")
    #expect(events.contains { if case .throttled = $0 { true } else { false } })
    let last = events.compactMap { event -> CatalogProgress? in
      if case .progress(let value) = event { return value }
      return nil
    }.last
    #expect(last?.throttledResponses == 12)
  }

  @Test func aServiceThatOnlyThrottlesFailsAfterTheStallTimeout() async throws {
    let portal = StubPortal(accounts: StubPortal.organisation(2) { _ in 1 })
    portal.setHook { call, _ in
      call.operation == "ListAccountRoles"
        ? .awsError(429, "TooManyRequestsException", #"{"message":"Rate exceeded"}"#) : nil
    }
    let clock = ManualTimeSource()
    let start = clock.now
    var settings = CatalogLoader.Settings()
    settings.retry.throttlingDeadline = .seconds(60)
    let events = await collect(loader(portal, settings: settings, clock: clock).start())
    let message = try #require(events.failureMessage)
    #expect(message.contains("throttled every request for 60 seconds"))
    #expect(clock.now.timeIntervalSince(start) > 60)
  }

  // MARK: Tokens

  @Test func a401RenewsTheTokenOnceForEveryoneAndRetries() async throws {
    let portal = StubPortal(
      accounts: StubPortal.organisation(40) { _ in 1 }, validTokens: ["token-2"])
    let tokens = SequenceTokens(["token-1", "token-2"])
    // The first ListAccounts call succeeds with the old token (it expires mid-listing).
    portal.setHook { call, count in
      if call.operation == "ListAccounts", count == 0, call.bearer == "token-1" {
        let items = StubPortal.organisation(40) { _ in 1 }.map {
          #"{"accountId":"\#($0.id)","accountName":"\#($0.name)"}"#
        }
        return .json(200, #"{"accountList":[\#(items.joined(separator: ","))]}"#)
      }
      return nil
    }
    let events = await collect(loader(portal, tokens: tokens).start())
    let catalog = try #require(events.finishedCatalog, "\(events.failureMessage ?? "")")
    #expect(catalog.isComplete)
    #expect(tokens.renewals == 1)
    let roleCalls = portal.calls.filter { $0.operation == "ListAccountRoles" }
    #expect(roleCalls.filter { $0.bearer == "token-2" }.count == 40)
  }

  @Test func aRenewalThatFailsEndsTheListingWithTheLoginHint() async throws {
    let portal = StubPortal(
      accounts: StubPortal.organisation(3) { _ in 1 }, validTokens: ["never"])
    let events = await collect(loader(portal, tokens: FixedAccessToken("token-1")).start())
    let message = try #require(events.failureMessage)
    #expect(message.contains("ssopick login"))
    #expect(!message.contains("token-1"))
  }

  @Test func a401AfterTheRenewalIsNotRenewedAgain() async throws {
    let portal = StubPortal(
      accounts: StubPortal.organisation(3) { _ in 1 }, validTokens: ["never"])
    let tokens = SequenceTokens(["token-1", "token-2", "token-3"])
    let events = await collect(loader(portal, tokens: tokens).start())
    #expect(events.failureMessage?.contains("ssopick login") == true)
    #expect(tokens.renewals == 1)
    #expect(portal.calls.map(\.bearer) == ["token-1", "token-2"])
  }

  @Test func noTokenAtAllFailsAtOnce() async throws {
    let portal = StubPortal(accounts: [])
    let events = await collect(loader(portal, tokens: SequenceTokens([])).start())
    #expect(events.count == 1)
    #expect(events.failureMessage != nil)
    #expect(portal.calls.isEmpty)
  }

  // MARK: Order and concurrency

  @Test func prioritizedAccountsGoFirstLatestWish() async throws {
    let accounts = StubPortal.organisation(6) { _ in 1 }
    let ids = accounts.map(\.id)
    let gate = Gate()
    let portal = StubPortal(accounts: accounts)
    let holder = Mutex<CatalogListing?>(nil)
    portal.setHook { call, _ in
      // While the first roles call is answered, the user moves to account 5: the latest wish
      // goes first, then the older one.
      if call.operation == "ListAccountRoles", call.accountID == ids[3] {
        holder.withLock { $0 }?.prioritize(accountID: ids[5])
      }
      return nil
    }
    var settings = CatalogLoader.Settings()
    settings.rate = .init(maxInFlight: 1, initialWindow: 1)
    let listing = loader(GatedTransport(gate: gate, base: portal), settings: settings).start()
    holder.withLock { $0 = listing }
    // Before the accounts are known, ask for 1 then 3 (3 is the latest wish).
    listing.prioritize(accountID: ids[1])
    listing.prioritize(accountID: ids[3])
    gate.open()
    let events = await collect(listing)
    #expect(events.finishedCatalog != nil)
    let order = portal.calls.compactMap(\.accountID)
    #expect(order == [ids[3], ids[5], ids[1], ids[0], ids[2], ids[4]])
  }

  @Test func rolesOfTheFirstPageAreListedWhileTheNextPageLoads() async throws {
    let accounts = StubPortal.organisation(10) { _ in 1 }
    let portal = StubPortal(accounts: accounts, accountsPageSize: 5)
    let pageTwo = Gate()
    let transport = HoldingTransport(base: portal, gate: pageTwo) { call in
      call.operation == "ListAccounts" && call.nextToken != nil
    }
    portal.setHook { call, _ in
      if call.operation == "ListAccountRoles" { pageTwo.open() }
      return nil
    }
    let events = await collect(loader(transport).start())
    #expect(events.finishedCatalog?.accounts.count == 10)
    let operations = portal.calls.map(\.operation)
    let secondPage = try #require(
      operations.indices.filter { operations[$0] == "ListAccounts" }.dropFirst().first)
    #expect(operations[..<secondPage].contains("ListAccountRoles"))
  }

  @Test func neverMoreThanTheCeilingInFlight() async throws {
    let portal = StubPortal(accounts: StubPortal.organisation(200) { _ in 1 })
    var settings = CatalogLoader.Settings()
    settings.rate = .init(maxInFlight: 5)
    let events = await collect(loader(portal, settings: settings).start())
    #expect(events.finishedCatalog?.accounts.count == 200)
    #expect(portal.maxInFlight <= 5)
    #expect(portal.maxInFlight >= 2, "calls never overlapped")
  }

  @Test func cancellingEndsTheStreamWithoutAFinish() async throws {
    let gate = Gate()
    let portal = StubPortal(accounts: StubPortal.organisation(3) { _ in 1 })
    let listing = loader(GatedTransport(gate: gate, base: portal)).start()
    listing.cancel()
    gate.open()
    let events = await collect(listing)
    #expect(events.finishedCatalog == nil)
    #expect(events.failureMessage == nil)
  }

  @Test func changesAreComputedAgainstThePreviousCatalog() async throws {
    let accounts = StubPortal.organisation(3) { _ in 2 }
    let portal = StubPortal(accounts: accounts)
    let previous = Catalog(
      accounts: [
        AccountInfo(accountID: accounts[0].id, accountName: accounts[0].name, emailAddress: ""),
        AccountInfo(accountID: "999999999999", accountName: "gone", emailAddress: ""),
      ],
      roles: [accounts[0].id: ["Role0", "OldRole"], "999999999999": ["X"]],
      fetchedAt: Date(timeIntervalSince1970: 0))
    let events = await collect(loader(portal).start(previous: previous))
    guard case .finished(_, let changes) = events.last else {
      Issue.record("no finish: \(events.failureMessage ?? "")")
      return
    }
    #expect(Set(changes.addedAccounts.map(\.accountID)) == [accounts[1].id, accounts[2].id])
    #expect(changes.removedAccounts.map(\.accountID) == ["999999999999"])
    #expect(changes.addedRoles.map(\.roleName) == ["Role1"])
    #expect(changes.removedRoles.map(\.roleName) == ["OldRole"])
  }
}

/// A gate that async code can wait on until a test opens it.
final class Gate: Sendable {
  private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>(
    (false, []))

  func open() {
    let waiters = state.withLock { state in
      state.open = true
      defer { state.waiters = [] }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }

  func wait() async {
    await withCheckedContinuation { continuation in
      let resumeNow = state.withLock { state in
        if state.open { return true }
        state.waiters.append(continuation)
        return false
      }
      if resumeNow { continuation.resume() }
    }
  }
}

/// Holds every request until the gate opens.
struct GatedTransport: HTTPTransport {
  let gate: Gate
  let base: any HTTPTransport

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    await gate.wait()
    return try await base.send(request)
  }
}

/// Holds only the requests `holds` picks until the gate opens.
struct HoldingTransport: HTTPTransport {
  let base: any HTTPTransport
  let gate: Gate
  let holds: @Sendable (StubPortal.Call) -> Bool

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    if holds(StubPortal.parse(request)) { await gate.wait() }
    return try await base.send(request)
  }
}
