import Foundation
import SessionEngine
import Testing

@testable import PickerCore

/// `update` for every key of the key table (and a few that are not in it).
struct UpdateKeyTests {
  private let allRows = [
    "Cafe\u{301} Ops/ReadOnlyAccess", "Production/AdministratorAccess",
    "Production/ReadOnlyAccess", "Sandbox/Developer", "Staging/AdministratorAccess",
    "Staging/Developer", "東京 Analytics/DataScientist",
  ]

  @Test func theEmptyQueryShowsEveryRowInCatalogOrder() {
    let model = Fixtures.loaded()
    #expect(model.shown == allRows)
    #expect(model.highlighted == allRows[0])
  }

  @Test func typingFiltersFuzzilyAcrossAccountAndRoleBestFirst() {
    var model = Fixtures.loaded()
    let effects = type(&model, "prdadm")
    #expect(effects.isEmpty)
    #expect(model.query == "prdadm")
    #expect(model.shown.first == "Production/AdministratorAccess")
    #expect(model.cursor == 0)
  }

  @Test func typingSearchesIdsAndEmails() {
    var model = Fixtures.loaded()
    type(&model, "4444")
    #expect(model.shown == ["東京 Analytics/DataScientist"])
    send(&model, .key(.control("u")))
    type(&model, "staging@")
    // Equal scores: the shorter row first.
    #expect(model.shown == ["Staging/Developer", "Staging/AdministratorAccess"])
  }

  @Test func typingMovesTheHighlightBackToTheTop() {
    var model = Fixtures.loaded()
    send(&model, .key(.down), .key(.down))
    #expect(model.cursor == 2)
    type(&model, "a")
    #expect(model.cursor == 0)
  }

  @Test func backspaceDeletesOneCharacterAndIsHarmlessWhenEmpty() {
    var model = Fixtures.loaded()
    type(&model, "dev")
    send(&model, .key(.backspace))
    #expect(model.query == "de")
    send(&model, .key(.backspace), .key(.backspace), .key(.backspace))
    #expect(model.query == "")
    #expect(model.shown == allRows)
  }

  @Test func ctrlWDeletesTheLastWordAndCtrlUClears() {
    var model = Fixtures.loaded()
    type(&model, "prod admin  ")
    send(&model, .key(.control("w")))
    #expect(model.query == "prod ")
    send(&model, .key(.control("w")))
    #expect(model.query == "")
    type(&model, "staging dev")
    send(&model, .key(.control("u")))
    #expect(model.query == "")
    #expect(model.shown == allRows)
  }

  @Test func arrowsAndCtrlPNMoveOneRowAndStopAtTheEnds() {
    var model = Fixtures.loaded()
    send(&model, .key(.up))
    #expect(model.cursor == 0)
    send(&model, .key(.down))
    #expect(model.highlighted == "Production/AdministratorAccess")
    send(&model, .key(.control("n")))
    #expect(model.cursor == 2)
    send(&model, .key(.control("p")))
    #expect(model.cursor == 1)
    for _ in 0..<20 { send(&model, .key(.down)) }
    #expect(model.cursor == allRows.count - 1)
  }

  @Test func pageKeysMoveByTheListHeight() {
    // 10 lines: title, query, 6 list lines, detail, status.
    var model = Fixtures.model(
      size: TerminalSize(rows: 10, columns: 40),
      events: [.finished(bigCatalog(accounts: 30), changes: .none)])
    #expect(model.layout.listHeight == 6)
    send(&model, .key(.pageDown))
    #expect(model.cursor == 6)
    #expect(model.scroll == 1)
    send(&model, .key(.pageDown))
    #expect(model.cursor == 12)
    send(&model, .key(.pageUp))
    #expect(model.cursor == 6)
    send(&model, .key(.end))
    #expect(model.cursor == 29)
    #expect(model.scroll == 24)
    send(&model, .key(.home))
    #expect(model.cursor == 0)
    #expect(model.scroll == 0)
  }

  @Test func theMouseWheelMovesThreeRowsAndAClickHighlightsARow() {
    var model = Fixtures.loaded()
    send(&model, .mouse(.wheelDown))
    #expect(model.cursor == 3)
    send(&model, .mouse(.wheelUp))
    #expect(model.cursor == 0)
    // The list starts on line 2: line 4 is the third row.
    send(&model, .mouse(.click(row: 4, column: 10)))
    #expect(model.cursor == 2)
    // A click on the title, or below the last row, changes nothing.
    send(&model, .mouse(.click(row: 0, column: 10)))
    send(&model, .mouse(.click(row: 15, column: 10)))
    #expect(model.cursor == 2)
  }

  @Test func enterChoosesTheHighlightedRole() {
    var model = Fixtures.loaded()
    type(&model, "stgdev")
    let effects = send(&model, .key(.enter))
    let choice = PickerChoice(account: Fixtures.staging, roleName: "Developer")
    #expect(effects == [.finish(.chosen(choice))])
    #expect(model.outcome == .chosen(choice))
    #expect(model.outcome?.exitStatus == 0)
  }

  @Test func ctrlOChoosesTheHighlightedRoleForTheConsole() {
    var model = Fixtures.loaded()
    type(&model, "stgdev")
    let effects = send(&model, .key(.control("o")))
    let choice = PickerChoice(account: Fixtures.staging, roleName: "Developer", intent: .console)
    #expect(effects == [.finish(.chosen(choice))])
    #expect(model.outcome?.exitStatus == 0)
    // With nothing matched there is nothing to open.
    var empty = Fixtures.loaded()
    type(&empty, "zzzz")
    #expect(send(&empty, .key(.control("o"))) == [.finish(.nothingChosen)])
  }

  @Test func enterWithNothingMatchedEndsWithNothingChosen() {
    var model = Fixtures.loaded()
    type(&model, "zzzz")
    #expect(model.visible.isEmpty)
    #expect(send(&model, .key(.enter)) == [.finish(.nothingChosen)])
    #expect(model.outcome?.exitStatus == 1)
  }

  @Test(arguments: [TerminalSize(rows: 4, columns: 80), TerminalSize(rows: 24, columns: 19)])
  func enterAndCtrlODoNothingWhenTheWindowIsTooSmallToShowTheRow(size: TerminalSize) {
    var model = Fixtures.loaded(size: size)
    #expect(Picker.view(model).plainText.contains("small"))
    #expect(model.highlightedRow != nil)
    #expect(send(&model, .key(.enter)).isEmpty)
    #expect(send(&model, .key(.control("o"))).isEmpty)
    // With nothing matched either: not "nothing chosen" (exit 1), nothing at all.
    type(&model, "zzzz")
    #expect(send(&model, .key(.enter)).isEmpty)
    #expect(model.outcome == nil)
    // A larger window again: Enter chooses the row it shows.
    send(&model, .key(.control("u")), .resize(TerminalSize(rows: 24, columns: 80)))
    let choice = PickerChoice(account: Fixtures.cafe, roleName: "ReadOnlyAccess")
    #expect(send(&model, .key(.enter)) == [.finish(.chosen(choice))])
  }

  @Test func enterOnALoadingRowAsksForItsRolesAndSaysSo() {
    var model = Fixtures.model(events: [.accounts([Fixtures.production], complete: true)])
    #expect(model.shown == ["Production/…"])
    let effects = send(&model, .key(.enter))
    #expect(effects == [.prioritize(accountID: Fixtures.production.accountID)])
    #expect(model.outcome == nil)
    #expect(model.notice?.text == "The roles of Production are still loading.")
  }

  @Test func enterOnAFailedRowShowsTheReason() {
    var model = Fixtures.model(events: [
      .accounts([Fixtures.sandbox], complete: true),
      .accountFailed(accountID: Fixtures.sandbox.accountID, message: "No access."),
    ])
    #expect(model.shown == ["Sandbox/!"])
    #expect(send(&model, .key(.enter)).isEmpty)
    #expect(model.outcome == nil)
    #expect(
      model.notice
        == PickerModel.Notice(
          text: "No access.", isError: true,
          until: Fixtures.start.addingTimeInterval(Picker.noticeDuration)))
  }

  @Test func ctrlRAsksForAFreshListing() {
    var model = Fixtures.loaded()
    let effects = send(&model, .key(.control("r")))
    #expect(effects == [.reloadCatalog])
    #expect(model.loading.phase == .loading)
    #expect(model.shown == allRows)  // the rows stay while the new listing runs
  }

  @Test func questionMarkAndF1ToggleTheHelpWhichSwallowsOtherKeys() {
    var model = Fixtures.loaded()
    send(&model, .key(.character("?")))
    #expect(model.showsHelp)
    #expect(model.query == "")
    send(&model, .key(.character("x")), .key(.down), .key(.enter))
    #expect(model.showsHelp == false)  // Enter closes the help
    #expect(model.query == "")
    #expect(model.cursor == 0)
    #expect(model.outcome == nil)
    send(&model, .key(.function(1)))
    #expect(model.showsHelp)
    send(&model, .key(.function(1)))
    #expect(model.showsHelp == false)
    send(&model, .key(.character("?")), .key(.escape))
    #expect(model.showsHelp == false)
    #expect(model.outcome == nil)  // Esc closed the help, it did not cancel
  }

  @Test func ctrlCCancelsEvenFromTheHelp() {
    var model = Fixtures.loaded()
    send(&model, .key(.character("?")))
    #expect(send(&model, .key(.control("c"))) == [.finish(.cancelled)])
    #expect(model.outcome?.exitStatus == 130)
  }

  @Test func escapeCancels() {
    var model = Fixtures.loaded()
    type(&model, "prod")
    #expect(send(&model, .key(.escape)) == [.finish(.cancelled)])
    #expect(model.outcome == .cancelled)
  }

  @Test func keysWithoutABindingDoNothing() {
    let model = Fixtures.loaded()
    for key in [Key.left, .right, .tab, .backTab, .delete, .function(5), .control("z")] {
      let (after, effects) = Picker.update(model, .key(key))
      #expect(effects.isEmpty, "\(key)")
      #expect(after.query == model.query && after.cursor == model.cursor && !after.showsHelp)
    }
  }

  @Test func messagesAfterTheOutcomeAreIgnored() {
    var model = Fixtures.loaded()
    send(&model, .key(.escape))
    #expect(send(&model, .key(.enter)).isEmpty)
    #expect(model.outcome == .cancelled)
  }

  @Test func everyCommandHasABindingAndEveryBindingRunsItsCommand() {
    let commands = Set(KeyTable.bindings.map(\.command))
    #expect(commands == Set(PickerCommand.allCases))
    for binding in KeyTable.bindings {
      for trigger in binding.triggers {
        switch trigger {
        case .key(let key): #expect(KeyTable.command(for: key) == binding.command, "\(key)")
        case .anyText: #expect(KeyTable.command(for: .character("a")) == binding.command)
        case .wheelUp: #expect(KeyTable.command(for: MouseEvent.wheelUp) == binding.command)
        case .wheelDown: #expect(KeyTable.command(for: MouseEvent.wheelDown) == binding.command)
        case .click:
          #expect(KeyTable.command(for: MouseEvent.click(row: 0, column: 0)) == binding.command)
        }
      }
    }
  }
}

/// A catalog of `accounts` accounts named `Account 000`, `Account 001`, … with one role
/// each.
func bigCatalog(accounts: Int, rolesEach: Int = 1) -> Catalog {
  var list: [AccountInfo] = []
  var roles: [String: [String]] = [:]
  for number in 0..<accounts {
    let id = String(100_000_000_000 + number)
    let padded = String(repeating: "0", count: 3 - min(3, String(number).count)) + String(number)
    list.append(
      AccountInfo(accountID: id, accountName: "Account \(padded)", emailAddress: "a\(number)@x.io"))
    roles[id] = (0..<rolesEach).map { "Role\($0)" }
  }
  return Catalog(accounts: list, roles: roles, fetchedAt: Fixtures.start)
}
