import Foundation
import SessionEngine
import Testing

@testable import PickerCore

/// A picker over several sso-sessions: each session's rows kept apart and marked, searched by
/// session name, loaded side by side, signed in from inside the picker.
@Suite("Picker over several sessions")
struct MultiSessionTests {
  static let sandboxOrg = Catalog(
    accounts: [
      AccountInfo(accountID: "999999999999", accountName: "Lab", emailAddress: "lab@example.com"),
      Fixtures.production,
    ],
    roles: ["999999999999": ["Tinkerer"], Fixtures.production.accountID: ["ReadOnlyAccess"]],
    fetchedAt: Fixtures.start)

  static func configuration(sandboxSignedIn: Bool = true) -> PickerConfiguration {
    PickerConfiguration(
      sessionName: "acme",
      sessions: [
        .init(name: "acme", signedIn: true), .init(name: "sandbox", signedIn: sandboxSignedIn),
      ],
      describeChoice: { "use \($0.account.accountName)/\($0.roleName)" })
  }

  /// Both sessions' catalogs loaded and finished, at 100×30; a sandbox that is not signed
  /// in shows its cache and then stops, as its loader does.
  static func loaded(sandboxSignedIn: Bool = true) -> PickerModel {
    var model = Fixtures.model(
      size: TerminalSize(rows: 30, columns: 100),
      configuration: configuration(sandboxSignedIn: sandboxSignedIn))
    send(&model, .catalog(.finished(Fixtures.catalog, changes: .none), source: 0))
    if sandboxSignedIn {
      send(&model, .catalog(.finished(sandboxOrg, changes: .none), source: 1))
    } else {
      send(
        &model, .catalog(.cached(sandboxOrg), source: 1),
        .catalog(.failed(message: "Not signed in to sandbox."), source: 1))
    }
    return model
  }

  @Test func theSameAccountUnderTwoSessionsIsTwoAccountsEachMarkedWithItsSession() {
    let model = Self.loaded()
    #expect(model.accountCount == Fixtures.accounts.count + 2)
    let production = model.visible.map { model.row($0) }.filter {
      $0.account.accountID == Fixtures.production.accountID
    }
    #expect(Set(production.map(\.source)) == [0, 1])
    // Session by session, each in the catalog's order.
    #expect(model.shown.first == "Cafe\u{301} Ops/ReadOnlyAccess")
    #expect(model.shown.suffix(2) == ["Lab/Tinkerer", "Production/ReadOnlyAccess"])
    #expect(model.visible.suffix(2).map { model.row($0).source } == [1, 1])
    let frame = Picker.view(model).plainText
    let lab = frame.split(separator: "\n").first { $0.contains("Lab") } ?? ""
    #expect(lab.hasSuffix("sandbox"), "\(frame)")
    #expect(frame.contains("ssopick · acme, sandbox"), "\(frame)")
    #expect(frame.contains("7 accounts · 9 roles"), "\(frame)")
  }

  @Test func theSessionsNameIsSearchableSoOneWordNarrowsToOneOrganisation() {
    var model = Self.loaded()
    type(&model, "sandbox prod")
    _ = Picker.update(&model, [])
    #expect(model.shown == ["Production/ReadOnlyAccess"])
    #expect(model.highlightedRow?.source == 1)
    let frame = Picker.view(model)
    #expect(frame.plainText.contains("sandbox · 111111111111"), "\(frame.plainText)")
  }

  @Test func enterChoosesTheRowOfItsOwnSession() {
    var model = Self.loaded()
    type(&model, "lab")
    let effects = send(&model, .key(.enter))
    guard case .finish(.chosen(let choice)) = effects.last else {
      Issue.record("no choice: \(effects)")
      return
    }
    #expect(choice.source == 1)
    #expect(choice.roleName == "Tinkerer")
  }

  @Test func aSessionNotSignedInIsInTheTitleAndCtrlLAsksToSignInToIt() {
    var model = Self.loaded(sandboxSignedIn: false)
    let frame = Picker.view(model).plainText
    #expect(frame.contains("not signed in: sandbox (Ctrl-L signs in)"), "\(frame)")
    // Its cached rows stay, marked.
    #expect(frame.contains("sandbox!"), "\(frame)")
    // On a row of the signed-in session, Ctrl-L still picks the one that needs it.
    #expect(model.highlightedRow?.source == 0)
    let effects = send(&model, .key(.control("l")))
    #expect(effects == [.finish(.signIn(source: 1))])
    #expect(model.outcome == .signIn(source: 1))

    Picker.resume(&model, signedIn: 1)
    #expect(model.outcome == nil)
    #expect(model.sessions[1].signedIn)
    let after = Picker.view(model).plainText
    #expect(!after.contains("not signed in"), "\(after)")
  }

  @Test func ctrlLWithEverySessionSignedInOnlySaysSo() {
    var model = Self.loaded()
    let effects = send(&model, .key(.control("l")))
    #expect(effects.isEmpty)
    #expect(model.outcome == nil)
    #expect(model.notice?.text == "Every session is signed in.")
  }

  @Test func aFailedSignInResumesWithTheReasonAndTheSessionStillNotSignedIn() {
    var model = Self.loaded(sandboxSignedIn: false)
    send(&model, .key(.control("l")))
    Picker.resume(&model, signedIn: nil, notice: "Not signed in to sandbox: denied")
    #expect(model.outcome == nil)
    #expect(!model.sessions[1].signedIn)
    #expect(Picker.view(model).plainText.contains("Not signed in to sandbox: denied"))
  }

  @Test func theListingIsLoadingUntilEverySessionFinishedAndAFailureNamesItsSession() {
    var model = Fixtures.model(
      size: TerminalSize(rows: 30, columns: 100), configuration: Self.configuration())
    send(&model, .catalog(.finished(Fixtures.catalog, changes: .none), source: 0))
    #expect(model.loading.phase == .loading)
    send(&model, .catalog(.failed(message: "The portal said no."), source: 1))
    #expect(model.loading.phase == .finished)
    let status = Picker.statusLine(model)
    #expect(status.text == "Listing of sandbox stopped: The portal said no. Ctrl-R tries again.")
    // Ctrl-L offers to sign in to the session whose listing stopped.
    #expect(send(&model, .key(.control("l"))) == [.finish(.signIn(source: 1))])
  }

  @Test func accountsArrivingOneByOneGoToTheirSessionsBlockInOrder() {
    var model = Fixtures.model(
      size: TerminalSize(rows: 30, columns: 100), configuration: Self.configuration())
    send(&model, .catalog(.accounts([Fixtures.staging], complete: false), source: 1))
    send(&model, .catalog(.accounts([Fixtures.sandbox, Fixtures.production], complete: true)))
    send(&model, .catalog(.accounts([Self.sandboxOrg.accounts[0]], complete: true), source: 1))
    #expect(model.shown == ["Production/…", "Sandbox/…", "Lab/…", "Staging/…"])
    #expect(model.visible.map { model.row($0).source } == [0, 0, 1, 1])
  }

  @Test func loadingRowsAreAskedForFromTheirOwnSessionsLoader() {
    var model = Fixtures.model(
      size: TerminalSize(rows: 30, columns: 100), configuration: Self.configuration())
    let lab = Self.sandboxOrg.accounts[0]
    let effects = send(&model, .catalog(.accounts([lab], complete: true), source: 1))
    #expect(effects.contains(.prioritize(accountID: lab.accountID, source: 1)))
  }

  @Test func recentChoicesOfEverySessionRankTogetherByTime() {
    let earlier = RecentChoices.Entry(
      accountID: "1", roleName: "A", chosenAt: Fixtures.start)
    let later = RecentChoices.Entry(
      accountID: "1", roleName: "A", chosenAt: Fixtures.start.addingTimeInterval(60))
    let ranks = RecentRanks(bySession: [(0, [earlier]), (1, [later])])
    #expect(ranks.rank(of: PickerRow.Key(accountID: "1", roleName: "A", source: 1)) == 0)
    #expect(ranks.rank(of: PickerRow.Key(accountID: "1", roleName: "A", source: 0)) == 1)
    #expect(ranks.rank(of: PickerRow.Key(accountID: "1", roleName: nil, source: 1)) == 0)
    #expect(ranks.rank(of: PickerRow.Key(accountID: "2", roleName: "A", source: 0)) == nil)
  }

  @Test func withOneSessionCtrlLSignsInAgainOnlyOnceTheLoginHasEnded() {
    var model = Fixtures.loaded()
    send(&model, .key(.control("l")))
    #expect(model.outcome == nil)
    #expect(model.notice?.text == "Already signed in.")
    send(&model, .login(expiresAt: Fixtures.start.addingTimeInterval(-1), renewable: false))
    #expect(send(&model, .key(.control("l"))) == [.finish(.signIn(source: 0))])
  }

  @Test func narrowScreensKeepTheBadgeInsideTheLine() {
    for columns in [20, 40, 60, 80] {
      var model = Self.loaded(sandboxSignedIn: false)
      send(&model, .resize(TerminalSize(rows: 12, columns: columns)))
      let frame = Picker.view(model)
      let lines = frame.plainText.split(separator: "\n", omittingEmptySubsequences: false)
      for line in lines {
        #expect(DisplayWidth.of(String(line)) <= columns, "\(columns): \(line)")
      }
      // Every list row ends with its badge (the session's name, cut with … if need be), set
      // off by a space from the role before it: the role column yields to it, never under it.
      let shown = min(model.visible.count, model.layout.listHeight)
      let listed = lines[model.layout.listTop..<(model.layout.listTop + shown)]
      #expect(listed.count == 8)
      for line in listed {
        let text = line.trimmingCharacters(in: .whitespaces)
        let badge = String(text.split(separator: " ").last ?? "")
        let whole = ["acme", "sandbox!"]
        let fits =
          whole.contains(badge)
          || (badge.hasSuffix("…") && whole.contains { $0.hasPrefix(badge.dropLast()) })
        #expect(fits, "\(columns): \(line)")
        #expect(text.dropLast(badge.count).hasSuffix(" "), "\(columns): \(line)")
      }
      // Which session is not signed in is said before the program's name is.
      let title = frame.plainText.split(separator: "\n").first ?? ""
      if columns >= 60 {
        #expect(
          title.contains("sandbox: Ctrl-L") || title.contains("not signed in: sandbox"), "\(title)")
      }
      if columns >= 80 { #expect(title.contains("not signed in: sandbox (Ctrl-L signs in)")) }
    }
  }

  @Test func aPickerOverOneSessionHasNoBadgeAndEncodesNoSessionField() {
    let model = Fixtures.loaded(size: TerminalSize(rows: 30, columns: 100))
    #expect(Picker.sessionBadgeWidth(model, layout: model.layout) == 0)
    #expect(!Picker.view(model).plainText.contains("acme!"))
    // Without a session name the row is the four fields and three separators, as before.
    let row = SearchableRow(accountName: "Prod", accountId: "1", roleName: "Admin", email: "p@x")
    var units: [UInt32] = []
    var origins: [RowEncoder.Origin]?
    _ = RowEncoder.encode(row, into: &units, origins: &origins)
    #expect(units.count == "Prod1Adminp@x".count + 3)
    var named = row
    named.session = "acme"
    units = []
    _ = RowEncoder.encode(named, into: &units, origins: &origins)
    #expect(units.count == "Prod1Adminp@xacme".count + 4)
  }
}
