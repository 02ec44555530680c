import Foundation
import SessionEngine
import Testing

@testable import PickerCore

/// The picker and the matcher together: streaming, retiring rows, highlight columns.
struct MatcherIntegrationTests {
  @Test func streamingGivesTheSameListAsLoadingAtOnce() {
    let catalog = bigCatalog(accounts: 120, rolesEach: 3)
    for query in ["", "acc 01", "role2", "a1", "1000000000"] {
      let configuration = PickerConfiguration(sessionName: "acme", initialQuery: query)
      let atOnce = Fixtures.model(
        configuration: configuration, events: [.finished(catalog, changes: .none)])
      // Accounts in pages of 25 in a shuffled order, roles in another, with a query typed
      // before anything arrived; then the final catalog.
      var generator = SeededGenerator(seed: 7)
      let accounts = catalog.accounts.shuffled(using: &generator)
      var streamed = Fixtures.model(configuration: configuration)
      for start in stride(from: 0, to: accounts.count, by: 25) {
        let page = Array(accounts[start..<min(start + 25, accounts.count)])
        send(&streamed, .catalog(.accounts(page, complete: start + 25 >= accounts.count)))
      }
      for account in accounts.shuffled(using: &generator) {
        send(
          &streamed,
          .catalog(
            .roles(accountID: account.accountID, roleNames: catalog.roles[account.accountID] ?? []))
        )
      }
      #expect(streamed.shown.sorted() == atOnce.shown.sorted(), "query \(query)")
      send(&streamed, .catalog(.finished(catalog, changes: .none)))
      #expect(streamed.shown == atOnce.shown, "query \(query)")
    }
  }

  @Test func matchedCharactersAreHighlightedAtTheirColumnsInWideText() {
    var model = Fixtures.loaded()
    type(&model, "京an")
    let frame = Picker.view(model)
    let layout = model.layout
    let row = layout.listTop
    #expect(frame.text(ofRow: row).contains("東京 Analytics"))
    // 東 takes columns 2-3, 京 4-5, space 6, "A" 7, "n" 8.
    let name = layout.nameColumn
    #expect(frame[row, name].style == .selected)
    #expect(frame[row, name + 2].style == .selectedMatch)
    #expect(frame[row, name + 3].isContinuation)
    #expect(frame[row, name + 5].style == .selectedMatch)
    #expect(frame[row, name + 6].style == .selectedMatch)
  }

  @Test func combiningMarksStayWithTheirLetter() {
    var model = Fixtures.loaded()
    type(&model, "cafe ops")
    let frame = Picker.view(model)
    let row = model.layout.listTop
    let name = model.layout.nameColumn
    #expect(frame[row, name + 3].text == "e\u{301}")
    #expect(frame[row, name + 3].style == .selectedMatch)
    #expect(frame[row, name + 5].text == "O")
  }

  @Test func aRoleThatDisappearsIsNoLongerFound() {
    var model = Fixtures.model(events: [.cached(Fixtures.catalog)])
    type(&model, "readonly")
    #expect(model.shown.contains("Production/ReadOnlyAccess"))
    send(
      &model,
      .catalog(.roles(accountID: Fixtures.production.accountID, roleNames: ["AdministratorAccess"]))
    )
    #expect(!model.shown.contains("Production/ReadOnlyAccess"))
    #expect(model.shown.contains("Cafe\u{301} Ops/ReadOnlyAccess"))
  }

  @Test func aRenamedAccountIsFoundByItsNewName() {
    var model = Fixtures.model(events: [.cached(Fixtures.catalog)])
    let renamed = AccountInfo(
      accountID: Fixtures.sandbox.accountID, accountName: "Playground", emailAddress: "")
    send(&model, .catalog(.accounts([renamed], complete: true)))
    type(&model, "playg")
    #expect(model.shown == ["Playground/Developer"])
    send(&model, .key(.control("u")))
    type(&model, "sandbox")
    #expect(model.shown.isEmpty)
  }
}

/// A small deterministic random number generator (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
