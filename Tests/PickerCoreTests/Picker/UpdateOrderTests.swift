import Foundation
import PropertyBased
import SessionEngine
import Testing

@testable import PickerCore

/// Keys act in order: several messages folded in one `update` (a paste, fast typing, a
/// script: what the run loop reads at once) end where the same messages one at a time end.
struct UpdateOrderTests {
  private func keys(_ text: String) -> [PickerMsg] {
    text.map { .key(.character($0)) }
  }

  /// The model after `msgs` one `update` at a time, and the effects.
  private func oneByOne(_ model: PickerModel, _ msgs: [PickerMsg]) -> (
    PickerModel, [PickerEffect]
  ) {
    var model = model
    let effects = msgs.flatMap { Picker.update(&model, $0) }
    return (model, effects)
  }

  @Test func aQueryAndEnterInOneUpdateChooseTheTopRowOfTheQuery() {
    var model = Fixtures.loaded()
    #expect(model.highlighted == "Cafe\u{301} Ops/ReadOnlyAccess")  // the top row before
    let effects = Picker.update(&model, keys("stgdev") + [.key(.enter)])
    let choice = PickerChoice(account: Fixtures.staging, roleName: "Developer")
    #expect(effects == [.finish(.chosen(choice))])
    #expect(model.query == "stgdev")
  }

  @Test func aQueryAndCtrlOInOneUpdateOpenTheConsoleForTheTopRowOfTheQuery() {
    var model = Fixtures.loaded()
    let effects = Picker.update(&model, keys("tokyo") + [.key(.control("o"))])
    let choice = PickerChoice(account: Fixtures.tokyo, roleName: "DataScientist", intent: .console)
    #expect(effects == [.finish(.chosen(choice))])
  }

  @Test func arrowsAfterAQueryInOneUpdateMoveInTheQuerysList() {
    var model = Fixtures.loaded()
    _ = Picker.update(&model, keys("adm") + [.key(.down)])
    var expected = Fixtures.loaded()
    type(&expected, "adm")
    send(&expected, .key(.down))
    #expect(model.shown == expected.shown)
    #expect(model.cursor == 1)
    #expect(model.highlighted == expected.highlighted)
    // And Enter after them chooses that row.
    var again = Fixtures.loaded()
    let effects = Picker.update(&again, keys("adm") + [.key(.down), .key(.enter)])
    guard let row = expected.highlightedRow, let role = row.roleName else {
      Issue.record("no role highlighted")
      return
    }
    #expect(effects == [.finish(.chosen(PickerChoice(account: row.account, roleName: role)))])
  }

  @Test func endAndPageKeysAfterAQueryInOneUpdateUseTheQuerysList() {
    // 20 "alpha" and 10 "beta" accounts; at 10 lines the list has 6 lines.
    let accounts = (0..<30).map { number in
      AccountInfo(
        accountID: String(100_000_000_000 + number),
        accountName: (number < 20 ? "alpha-" : "beta-") + String(number), emailAddress: "")
    }
    let catalog = Catalog(
      accounts: accounts,
      roles: Dictionary(uniqueKeysWithValues: accounts.map { ($0.accountID, ["Dev"]) }),
      fetchedAt: Fixtures.start)
    let start = Fixtures.model(
      size: TerminalSize(rows: 10, columns: 40), events: [.finished(catalog, changes: .none)])
    var model = start
    _ = Picker.update(&model, keys("beta") + [.key(.end)])
    #expect(model.visible.count == 10)
    #expect(model.cursor == 9)
    #expect(model.scroll == 4)
    model = start
    _ = Picker.update(&model, keys("beta") + [.key(.pageDown), .key(.pageDown)])
    #expect(model.cursor == 9)  // the end of the query's 10 rows, not row 12 of the 30
  }

  @Test func aClickAfterAMoveInOneUpdateHitsTheRowOnScreenThen() {
    let start = Fixtures.model(
      size: TerminalSize(rows: 10, columns: 40),
      events: [.finished(bigCatalog(accounts: 30), changes: .none)])
    // PgDn to row 6 scrolls by one; the list starts on line 2, so line 2 is then row 1.
    let msgs: [PickerMsg] = [.key(.pageDown), .mouse(.click(row: 2, column: 5))]
    var model = start
    _ = Picker.update(&model, msgs)
    #expect(model.cursor == 1)
    #expect(model.cursor == oneByOne(start, msgs).0.cursor)
  }

  @Test func rowsThatArriveBeforeAKeyInTheSameUpdateAreThereForIt() {
    var model = Fixtures.model(events: [.accounts([Fixtures.production], complete: true)])
    #expect(model.shown == ["Production/…"])
    let effects = Picker.update(
      &model,
      [
        .catalog(.roles(accountID: Fixtures.production.accountID, roleNames: ["Admin"])),
        .key(.enter),
      ])
    #expect(
      effects == [.finish(.chosen(PickerChoice(account: Fixtures.production, roleName: "Admin")))])
  }

  @Test func aPasteIsFilteredOnceNotOncePerCharacter() {
    var model = Fixtures.loaded()
    let before = model.store.listsMade
    let paste = String(repeating: "production admin ", count: 30)
    _ = Picker.update(&model, keys(paste) + [.key(.down), .key(.up), .key(.enter)])
    #expect(model.query == paste)
    #expect(model.store.listsMade == before + 1)
    #expect(
      model.outcome
        == .chosen(PickerChoice(account: Fixtures.production, roleName: "AdministratorAccess")))
  }

  @Test("any keys, clicks and resizes: one update equals one update per message")
  func oneUpdateEqualsOneUpdatePerMessage() async {
    let start = Fixtures.model(
      size: TerminalSize(rows: 10, columns: 40),
      events: [.finished(orderCatalog, changes: .none)])
    var chosen = 0
    await propertyCheck(count: 300, input: messageLists) { msgs in
      var batched = start
      let batchEffects = Picker.update(&batched, msgs)
      let (single, singleEffects) = oneByOne(start, msgs)
      #expect(batched.query == single.query, "\(msgs)")
      #expect(batched.shown == single.shown, "\(msgs)")
      #expect(batched.cursor == single.cursor, "\(msgs)")
      #expect(batched.scroll == single.scroll, "\(msgs)")
      #expect(batched.size == single.size, "\(msgs)")
      #expect(batched.showsHelp == single.showsHelp, "\(msgs)")
      #expect(batched.notice == single.notice, "\(msgs)")
      #expect(batched.outcome == single.outcome, "\(msgs)")
      // One update asks for the rows on screen once, not after every message; every other
      // effect is the same.
      func decisive(_ effects: [PickerEffect]) -> [PickerEffect] {
        effects.filter { if case .prioritize = $0 { false } else { true } }
      }
      #expect(decisive(batchEffects) == decisive(singleEffects), "\(msgs)")
      if case .chosen = single.outcome { chosen += 1 }
    }
    // The lists must often end in a choice, or Enter after typing is not really exercised.
    #expect(chosen > 30, "\(chosen) of 300 chose a row")
  }
}

/// The fixture accounts and 20 more ("Account 000"…, two roles each): several pages at 10
/// lines.
private let orderCatalog: Catalog = {
  let big = bigCatalog(accounts: 20, rolesEach: 2)
  return Catalog(
    accounts: Fixtures.accounts + big.accounts,
    roles: Fixtures.roles.merging(big.roles) { first, _ in first }, fetchedAt: Fixtures.start)
}()

private let typed: [Character] = ["a", "c", "o", "u", "n", "t", "0", "1", "r", "d", "m", "p", " "]
private let sizes = [
  TerminalSize(rows: 10, columns: 40), TerminalSize(rows: 24, columns: 80),
  TerminalSize(rows: 4, columns: 30),  // too small: the picker asks for a larger window
  TerminalSize(rows: 6, columns: 20),
]

private let messageLists = Generator<[PickerMsg], Shrink.None<[PickerMsg]>> { rng in
  var msgs: [PickerMsg] = []
  for _ in 0..<Int.random(in: 1...25, using: &rng) {
    let msg: PickerMsg
    switch Int.random(in: 0..<20, using: &rng) {
    case 0..<8: msg = .key(.character(typed.randomElement(using: &rng) ?? "a"))
    case 8: msg = .key(.backspace)
    case 9: msg = .key(.control("w"))
    case 10: msg = .key([.up, .down, .down].randomElement(using: &rng) ?? .down)
    case 11: msg = .key([.pageUp, .pageDown, .home, .end].randomElement(using: &rng) ?? .end)
    case 12: msg = .mouse(Bool.random(using: &rng) ? .wheelUp : .wheelDown)
    case 13: msg = .mouse(.click(row: Int.random(in: 0...9, using: &rng), column: 3))
    case 14: msg = .resize(sizes.randomElement(using: &rng) ?? sizes[0])
    case 15: msg = .key(.control("u"))
    case 16: msg = .key(Bool.random(using: &rng) ? .character("?") : .escape)
    default: msg = .key(Bool.random(using: &rng) ? .enter : .control("o"))
    }
    msgs.append(msg)
  }
  return msgs
}
