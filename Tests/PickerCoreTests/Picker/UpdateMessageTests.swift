import Foundation
import SessionEngine
import Testing

@testable import PickerCore

/// `update` for every message that is not a key: catalog events, time, size, signals.
struct UpdateMessageTests {
  private let production = Fixtures.production
  private let staging = Fixtures.staging

  @Test func accountsAppearAtOnceAsLoadingRowsAndFillInWithTheirRoles() {
    var model = Fixtures.model()
    #expect(model.loading.phase == .starting)
    send(&model, .catalog(.accounts([staging, production], complete: false)))
    #expect(model.shown == ["Production/…", "Staging/…"])
    #expect(model.loading.phase == .loading)
    #expect(model.accountCount == 2 && model.settledAccountCount == 0)
    send(&model, .catalog(.roles(accountID: staging.accountID, roleNames: ["Developer", "Admin"])))
    #expect(model.shown == ["Production/…", "Staging/Admin", "Staging/Developer"])
    #expect(model.settledAccountCount == 1)
    #expect(model.roleRowCount == 2)
  }

  @Test func anAccountWithoutRolesHasNoRows() {
    var model = Fixtures.model(events: [.accounts([production, staging], complete: true)])
    send(&model, .catalog(.roles(accountID: production.accountID, roleNames: [])))
    #expect(model.shown == ["Staging/…"])
    #expect(model.settledAccountCount == 1)
  }

  @Test func theCachedCatalogShowsEverythingAtOnceWhileItIsChecked() {
    let model = Fixtures.model(events: [.cached(Fixtures.catalog)])
    #expect(model.shown.count == 7)
    #expect(model.loading.phase == .loading)
    #expect(model.loading.fromCache)
  }

  @Test func theFinishedCatalogReplacesTheCachedOneAndSaysWhatChanged() {
    var model = Fixtures.model(events: [.cached(Fixtures.catalog)])
    let newAccount = AccountInfo(accountID: "666666666666", accountName: "Audit", emailAddress: "")
    var roles = Fixtures.roles
    roles[newAccount.accountID] = ["Auditor"]
    roles[production.accountID] = ["AdministratorAccess"]
    let accounts = Fixtures.accounts.filter { $0 != Fixtures.sandbox } + [newAccount]
    let changes = CatalogChanges(
      addedAccounts: [newAccount], removedAccounts: [Fixtures.sandbox], addedRoles: [],
      removedRoles: [CatalogEntry(account: production, roleName: "ReadOnlyAccess")])
    send(
      &model,
      .catalog(
        .finished(
          Catalog(accounts: accounts, roles: roles, fetchedAt: Fixtures.start), changes: changes)))
    #expect(
      model.shown == [
        "Audit/Auditor", "Cafe\u{301} Ops/ReadOnlyAccess", "Production/AdministratorAccess",
        "Staging/AdministratorAccess", "Staging/Developer", "東京 Analytics/DataScientist",
      ])
    #expect(model.loading.phase == .finished)
    #expect(model.loading.fromCache == false)
    #expect(
      model.notice?.text
        == "Updated from AWS: 1 account added, 1 account removed, 1 role removed.")
    // Retired rows are gone from the matcher too.
    type(&model, "sandbox")
    #expect(model.shown.isEmpty)
  }

  @Test func aFinishedCatalogOverTheCachedOneKeepsCatalogOrderAndDropsRepeats() {
    var model = Fixtures.model(events: [.cached(Fixtures.catalog)])
    var roles = Fixtures.roles
    roles[staging.accountID] = ["developer", "Admin", "Developer", "Admin"]
    send(
      &model,
      .catalog(
        .finished(
          Catalog(accounts: Fixtures.accounts, roles: roles, fetchedAt: Fixtures.start),
          changes: .none)))
    let stagingRows = model.shown.filter { $0.hasPrefix("Staging/") }
    #expect(stagingRows == ["Staging/Admin", "Staging/Developer", "Staging/developer"])
  }

  @Test func aFailedAccountShowsItsReasonAndKeepsCachedRoles() {
    var model = Fixtures.model(events: [.cached(Fixtures.catalog)])
    send(&model, .catalog(.accountFailed(accountID: production.accountID, message: "Forbidden.")))
    #expect(model.shown.filter { $0.hasPrefix("Production") }.count == 2)
    #expect(model.loading.failedAccounts == [production.accountID: "Forbidden."])
    #expect(
      Picker.statusLine(model).text == "Roles of 1 account not listed (Production: Forbidden.)")
    #expect(Picker.statusLine(model).style == .error)
  }

  @Test func accountsWithoutRolesWhenTheListingFinishesAreMarkedFailed() {
    var model = Fixtures.model(events: [.accounts([production], complete: true)])
    let catalog = Catalog(accounts: [production], roles: [:], fetchedAt: Fixtures.start)
    send(&model, .catalog(.finished(catalog, changes: .none)))
    #expect(model.shown == ["Production/!"])
  }

  @Test func progressAndThrottlingShowUntilTheyPass() {
    var model = Fixtures.model(events: [.accounts([production], complete: false)])
    send(&model, .catalog(.progress(Fixtures.progress(listed: 100, complete: false, settled: 40))))
    #expect(model.loading.progress?.accountsListed == 100)
    send(&model, .catalog(.throttled(retryIn: .seconds(3))))
    #expect(model.loading.throttledUntil == Fixtures.start.addingTimeInterval(3))
    #expect(Picker.statusLine(model).text.hasPrefix("AWS is throttling requests"))
    #expect(Picker.statusLine(model).style == .warning)
    send(&model, .tick(Fixtures.start.addingTimeInterval(3)))
    #expect(model.loading.throttledUntil == nil)
    #expect(Picker.statusLine(model).text == Picker.hint)
  }

  @Test func ticksAdvanceTheClockTheSpinnerAndExpireNotices() {
    var model = Fixtures.model(events: [.accounts([production], complete: false)])
    send(&model, .key(.enter))  // a notice: roles still loading
    #expect(model.notice != nil)
    send(&model, .tick(Fixtures.start.addingTimeInterval(1)))
    #expect(model.spinnerPhase == 1)
    #expect(model.notice != nil)
    send(&model, .tick(Fixtures.start.addingTimeInterval(Picker.noticeDuration)))
    #expect(model.notice == nil)
    #expect(model.now == Fixtures.start.addingTimeInterval(Picker.noticeDuration))
  }

  @Test func theSpinnerStopsWhenLoadingIsDone() {
    var model = Fixtures.loaded()
    send(&model, .tick(Fixtures.start.addingTimeInterval(1)))
    #expect(model.spinnerPhase == 0)
  }

  @Test func aFailedListingKeepsTheRowsAndSaysWhatToDo() {
    var model = Fixtures.model(events: [.cached(Fixtures.catalog)])
    send(&model, .catalog(.failed(message: "The login expired; run `ssopick login`.")))
    #expect(model.loading.phase == .failed("The login expired; run `ssopick login`."))
    #expect(model.shown.count == 7)
    #expect(Picker.statusLine(model).style == .error)
    #expect(Picker.statusLine(model).text.contains("run `ssopick login`"))
  }

  @Test func aStreamThatEndsWithoutFinishingIsAFailure() {
    var model = Fixtures.model(events: [.accounts([production], complete: false)])
    send(&model, .catalogEnded())
    guard case .failed(let message) = model.loading.phase else {
      Issue.record("phase \(model.loading.phase)")
      return
    }
    #expect(message.contains("Ctrl-R"))
    // After a normal end it changes nothing.
    var finished = Fixtures.loaded()
    send(&finished, .catalogEnded())
    #expect(finished.loading.phase == .finished)
  }

  @Test func theLoginExpiryIsRecorded() throws {
    var model = Fixtures.loaded()
    let expiry = Fixtures.start.addingTimeInterval(3600)
    send(&model, .login(expiresAt: expiry, renewable: true))
    #expect(model.loginExpiresAt == expiry)
    #expect(model.loginRenewable)
    // An expired token that renews itself is not an error; one that cannot is.
    send(&model, .tick(expiry.addingTimeInterval(1)))
    #expect(Picker.view(model).plainText.contains("login renews on use"))
    send(&model, .login(expiresAt: expiry, renewable: false))
    let frame = Picker.view(model)
    let title = frame.text(ofRow: 0)
    let range = try #require(title.range(of: "login expired"))
    #expect(frame[0, DisplayWidth.of(title[..<range.lowerBound])].style == .error)
  }

  @Test func resizeChangesTheSizeAndKeepsTheHighlightOnScreen() {
    var model = Fixtures.model(events: [.finished(bigCatalog(accounts: 50), changes: .none)])
    send(&model, .key(.end))
    #expect(model.cursor == 49)
    send(&model, .resize(TerminalSize(rows: 10, columns: 40)))
    #expect(model.size == TerminalSize(rows: 10, columns: 40))
    #expect(model.scroll == 49 - 6 + 1)
  }

  @Test func aSignalEndsThePickerWithItsExitStatus() {
    var model = Fixtures.loaded()
    #expect(send(&model, .signal(15)) == [.finish(.interrupted(signal: 15))])
    #expect(model.outcome?.exitStatus == 143)
  }

  @Test func theHighlightFollowsItsRowWhileRowsArriveOnceTheUserHasMoved() {
    var model = Fixtures.model(events: [.accounts([production, staging], complete: false)])
    // Untouched: the highlight stays on the first row even when rows arrive above.
    send(&model, .catalog(.accounts([Fixtures.cafe], complete: false)))
    #expect(model.highlighted == "Cafe\u{301} Ops/…")
    send(&model, .key(.down))
    #expect(model.highlighted == "Production/…")
    send(&model, .catalog(.accounts([Fixtures.sandbox], complete: true)))
    #expect(model.highlighted == "Production/…")
    // The loading row becomes roles: the highlight goes to the first of them.
    send(&model, .catalog(.roles(accountID: production.accountID, roleNames: ["B", "A"])))
    #expect(model.highlighted == "Production/A")
  }

  @Test func loadingRowsOnScreenAreAskedForTheHighlightedOneLast() {
    var model = Fixtures.model()
    let effects = send(
      &model, .catalog(.accounts([production, staging, Fixtures.sandbox], complete: false)))
    // On screen: Production, Sandbox, Staging. The last request is the most urgent.
    #expect(
      effects == [
        .prioritize(accountID: staging.accountID),
        .prioritize(accountID: Fixtures.sandbox.accountID),
        .prioritize(accountID: production.accountID),
      ])
    // Moving to a row already asked for asks again for it (now the most urgent).
    #expect(send(&model, .key(.down)) == [.prioritize(accountID: Fixtures.sandbox.accountID)])
    #expect(send(&model, .key(.up)) == [.prioritize(accountID: production.accountID)])
    // Nothing more while nothing changes.
    #expect(send(&model, .tick(Fixtures.start)).isEmpty)
    // Rows of known roles are never asked for.
    send(&model, .catalog(.roles(accountID: production.accountID, roleNames: ["Admin"])))
    #expect(send(&model, .key(.home)).isEmpty)
  }

  @Test func nothingIsAskedForOnceLoadingIsDone() {
    var model = Fixtures.model(events: [.accounts([production], complete: true)])
    send(&model, .catalog(.failed(message: "stopped")))
    #expect(send(&model, .key(.down), .key(.up)).isEmpty)
  }

  @Test func selectOneChoosesTheOnlyMatchWhenTheListingFinishes() {
    let configuration = PickerConfiguration(
      sessionName: "acme", initialQuery: "sandbox", selectOne: true)
    var model = Fixtures.model(configuration: configuration, events: [.cached(Fixtures.catalog)])
    #expect(model.outcome == nil)  // not before the listing is complete
    let effects = send(&model, .catalog(.finished(Fixtures.catalog, changes: .none)))
    let choice = PickerChoice(account: Fixtures.sandbox, roleName: "Developer")
    #expect(effects == [.finish(.chosen(choice))])
  }

  @Test func selectOneWaitsWhenSeveralMatchAndAnyKeyTurnsItOff() {
    let several = PickerConfiguration(sessionName: "acme", initialQuery: "prod", selectOne: true)
    let model = Fixtures.model(
      configuration: several, events: [.finished(Fixtures.catalog, changes: .none)])
    #expect(model.outcome == nil)
    #expect(model.selectOnePending == false)

    let one = PickerConfiguration(sessionName: "acme", initialQuery: "sandbox", selectOne: true)
    var typed = Fixtures.model(configuration: one, events: [.cached(Fixtures.catalog)])
    send(&typed, .key(.down))
    send(&typed, .catalog(.finished(Fixtures.catalog, changes: .none)))
    #expect(typed.outcome == nil)
  }

  @Test func theInitialQueryFiltersFromTheStart() {
    let configuration = PickerConfiguration(sessionName: "acme", initialQuery: "tokyo@")
    var model = Fixtures.model(configuration: configuration, events: [.cached(Fixtures.catalog)])
    #expect(model.query == "tokyo@")
    #expect(model.shown == ["東京 Analytics/DataScientist"])
    send(&model, .key(.control("u")))
    #expect(model.shown.count == 7)
  }

  @Test func recentChoicesComeFirstWithAnEmptyQuery() {
    let recents = RecentRanks([
      RecentChoices.Entry(
        accountID: Fixtures.staging.accountID, roleName: "Developer", chosenAt: Fixtures.start),
      RecentChoices.Entry(
        accountID: Fixtures.tokyo.accountID, roleName: "DataScientist", chosenAt: Fixtures.start),
    ])
    var model = Fixtures.loaded(recents: recents)
    #expect(
      Array(model.shown.prefix(3)) == [
        "Staging/Developer", "東京 Analytics/DataScientist", "Cafe\u{301} Ops/ReadOnlyAccess",
      ])
    #expect(model.shown.count == 7)
    // Among equal matches a recent one wins the tie.
    type(&model, "developer")
    #expect(model.shown == ["Staging/Developer", "Sandbox/Developer"])
  }
}

extension UpdateMessageTests {
  @Test func theHighlightedRowStaysOnItsScreenLineWhileRowsArriveAbove() {
    let catalog = bigCatalog(accounts: 40)
    var model = Fixtures.model(events: [.cached(catalog)])
    send(&model, .key(.pageDown), .key(.down))
    let line = model.cursor - model.scroll
    let highlighted = model.highlighted
    let earlier = (0..<5).map {
      AccountInfo(accountID: "9\($0)", accountName: "AAA \($0)", emailAddress: "")
    }
    send(&model, .catalog(.accounts(earlier, complete: true)))
    #expect(model.highlighted == highlighted)
    #expect(model.cursor - model.scroll == line)
  }
}
