import Foundation
import PickerCore
import SSOPickTestSupport
import SessionEngine
import Testing

/// The whole loop — terminal input, catalog task, update, view, effects — on a scripted
/// terminal, no tty. Waits are on drawn frames, never on the clock.
struct PickerProgramTests {
  private let size = TerminalSize(rows: 24, columns: 80)

  private func run(
    _ script: [ScriptedTerminal.Step], feed: StubFeed,
    configuration: PickerConfiguration = Fixtures.configuration, size: TerminalSize? = nil
  ) async -> (PickerOutcome, ScriptedTerminal, PickerModel) {
    let terminal = ScriptedTerminal(size: size ?? self.size, script: script)
    let model = PickerModel(
      configuration: configuration, size: size ?? self.size, now: Fixtures.start)
    let program = PickerProgram(
      model: model, terminal: terminal, feed: feed, clock: { Fixtures.start })
    let outcome = await program.runOnOwnThread()
    return (outcome, terminal, program.currentModel)
  }

  @Test func typeMoveAndChoose() async throws {
    let feed = StubFeed(initial: [
      .cached(Fixtures.catalog), .finished(Fixtures.catalog, changes: .none),
    ])
    let script: [ScriptedTerminal.Step] =
      [ScriptedTerminal.waitForText("7/7")] + ScriptedTerminal.type("adm")
      + [
        ScriptedTerminal.waitForText("> adm"), ScriptedTerminal.key(.down),
        ScriptedTerminal.key(.enter),
      ]
    let (outcome, terminal, _) = await run(script, feed: feed)
    #expect(terminal.failures.isEmpty, "\(terminal.failures)")
    // The second row for "adm", as the pure model ranks it.
    var expected = Fixtures.loaded()
    type(&expected, "adm")
    send(&expected, .key(.down))
    guard case .role(let role) = expected.highlightedRow?.kind,
      let account = expected.highlightedRow?.account
    else {
      Issue.record("no role highlighted")
      return
    }
    #expect(outcome == .chosen(PickerChoice(account: account, roleName: role)))
    #expect(feed.opens == [false])
    #expect(feed.cancellations == 1)  // the listing is stopped on the way out
    let last = try #require(terminal.frames.last)
    #expect(last.plainText.contains("> adm"))
  }

  @Test func aQueryAndEnterInOneReadChooseTheQuerysTopRow() async {
    let feed = StubFeed(initial: [
      .cached(Fixtures.catalog), .finished(Fixtures.catalog, changes: .none),
    ])
    // No wait between the keys: the loop reads all of them at once, as a paste.
    let script =
      [ScriptedTerminal.waitForText("7/7")] + ScriptedTerminal.type("stgdev")
      + [ScriptedTerminal.key(.enter)]
    let (outcome, terminal, model) = await run(script, feed: feed)
    #expect(terminal.failures.isEmpty, "\(terminal.failures)")
    #expect(outcome == .chosen(PickerChoice(account: Fixtures.staging, roleName: "Developer")))
    #expect(model.query == "stgdev")
    // One read: no frame was drawn with part of the query.
    #expect(terminal.frames.allSatisfy { !$0.plainText.contains("> s") })
  }

  @Test func enterInATooSmallWindowDoesNothing() async {
    let feed = StubFeed(initial: [.finished(Fixtures.catalog, changes: .none)])
    let tiny = TerminalSize(rows: 4, columns: 40)
    let script: [ScriptedTerminal.Step] = [
      ScriptedTerminal.waitForText("7/7"),
      .event(.resize(tiny)),
      ScriptedTerminal.waitForText("Window too small"),
      ScriptedTerminal.key(.enter),
      ScriptedTerminal.key(.control("o")),
      .waitFor("a frame after the keys") { _ in true },
      ScriptedTerminal.key(.escape),
    ]
    let (outcome, terminal, _) = await run(script, feed: feed)
    #expect(terminal.failures.isEmpty, "\(terminal.failures)")
    #expect(outcome == .cancelled)
  }

  @Test func aPasteOf5000CharactersEndsUpWholeInTheQueryWithItsList() async {
    let catalog = bigCatalog(accounts: 2_000, rolesEach: 2)
    let feed = StubFeed(initial: [.cached(catalog), .finished(catalog, changes: .none)])
    let words = ["Account", "role", "42", "acc", "e\u{301}", "unt", "Ro"]
    var paste = ""
    var index = 0
    while paste.count < 4_990 {
      paste += words[index % words.count] + (index % 7 == 0 ? "  " : " ")
      index += 1
    }
    paste = String(paste.prefix(4_991)) + " 1x Role1"
    #expect(paste.count == 5_000)
    let tail = String(paste.suffix(40))
    let script: [ScriptedTerminal.Step] =
      [ScriptedTerminal.waitForText("4,000 roles")] + ScriptedTerminal.type(paste) + [
        ScriptedTerminal.waitForText(tail), ScriptedTerminal.key(.escape),
      ]
    let (outcome, terminal, model) = await run(script, feed: feed)
    #expect(terminal.failures.isEmpty, "\(terminal.failures)")
    #expect(outcome == .cancelled)
    #expect(model.query == paste)
    // The list is the one the whole query gives from scratch.
    let fresh = Fixtures.model(
      configuration: PickerConfiguration(sessionName: "acme", initialQuery: paste),
      events: [.finished(catalog, changes: .none)])
    #expect(model.shown == fresh.shown)
    #expect(!model.shown.isEmpty && model.shown.count < 4_000, "\(model.shown.count) rows")
    let queryLine = terminal.frames.last?.text(ofRow: 1) ?? ""
    #expect(
      queryLine.contains(tail) && queryLine.contains("\(model.shown.count)/4,000"), "\(queryLine)")
  }

  @Test func escapeCancels() async {
    let feed = StubFeed(initial: [.cached(Fixtures.catalog)])
    let (outcome, terminal, _) = await run(
      [ScriptedTerminal.waitForText("Production"), ScriptedTerminal.key(.escape)], feed: feed)
    #expect(terminal.failures.isEmpty)
    #expect(outcome == .cancelled)
    #expect(outcome.exitStatus == 130)
  }

  @Test func rowsStreamInTheHighlightedAccountIsAskedForAndCanBeChosen() async {
    let feed = StubFeed()
    let production = Fixtures.production
    let script: [ScriptedTerminal.Step] = [
      ScriptedTerminal.waitForText("connecting"),
      .run { feed.send(.accounts([production, Fixtures.staging], complete: true)) },
      ScriptedTerminal.waitForText("loading roles…"),
      ScriptedTerminal.key(.down),
      ScriptedTerminal.waitForText("Staging · 222222222222"),
      ScriptedTerminal.key(.up),
      ScriptedTerminal.waitForText("Production · 111111111111"),
      .run { feed.send(.roles(accountID: production.accountID, roleNames: ["Admin"])) },
      ScriptedTerminal.waitForText("Admin"),
      ScriptedTerminal.key(.enter),
    ]
    let (outcome, terminal, _) = await run(script, feed: feed)
    #expect(terminal.failures.isEmpty, "\(terminal.failures)")
    #expect(outcome == .chosen(PickerChoice(account: production, roleName: "Admin")))
    // Both on screen (Staging first, Production last = most urgent), then Staging and
    // Production again as the highlight moved.
    #expect(
      feed.prioritized == [
        Fixtures.staging.accountID, production.accountID, Fixtures.staging.accountID,
        production.accountID,
      ])
  }

  @Test func ctrlRStartsAFreshListingAndIgnoresTheOldOne() async {
    let feed = StubFeed(initial: [.cached(Fixtures.catalog)])
    let renamed = AccountInfo(accountID: "999999999999", accountName: "Renamed", emailAddress: "")
    let script: [ScriptedTerminal.Step] = [
      ScriptedTerminal.waitForText("Production"),
      ScriptedTerminal.key(.control("r")),
      ScriptedTerminal.waitForText("Listing accounts and roles again"),
      .run {
        // Late events of the replaced listing must not show.
        feed.send(.accounts([renamed], complete: true), listing: 0)
        feed.send(.finished(Fixtures.catalog, changes: .none), listing: 1)
      },
      ScriptedTerminal.waitForText("5 accounts · 7 roles"),
      ScriptedTerminal.key(.escape),
    ]
    let (outcome, terminal, model) = await run(script, feed: feed)
    #expect(terminal.failures.isEmpty, "\(terminal.failures)")
    #expect(outcome == .cancelled)
    #expect(feed.opens == [false, true])
    #expect(model.accountCount == 5)
    #expect(terminal.frames.allSatisfy { !$0.plainText.contains("Renamed") })
  }

  @Test func resizeRedrawsAtTheNewSize() async {
    let feed = StubFeed(initial: [.finished(Fixtures.catalog, changes: .none)])
    let small = TerminalSize(rows: 10, columns: 40)
    let script: [ScriptedTerminal.Step] = [
      ScriptedTerminal.waitForText("Production"),
      .event(.resize(small)),
      .waitFor("a 40x10 frame") { $0.size == small },
      ScriptedTerminal.key(.escape),
    ]
    let (_, terminal, model) = await run(script, feed: feed)
    #expect(terminal.failures.isEmpty)
    #expect(model.size == small)
    #expect(terminal.frames.last?.size == small)
  }

  @Test func aSignalEndsTheLoop() async {
    let feed = StubFeed(initial: [.cached(Fixtures.catalog)])
    let (outcome, _, _) = await run(
      [ScriptedTerminal.waitForText("Production"), .event(.signal(15))], feed: feed)
    #expect(outcome == .interrupted(signal: 15))
  }

  @Test func aBrokenStreamIsReported() async {
    let feed = StubFeed(initial: [.accounts([Fixtures.production], complete: false)])
    let script: [ScriptedTerminal.Step] = [
      ScriptedTerminal.waitForText("loading roles…"),
      .run { feed.end() },
      ScriptedTerminal.waitForText("listing stopped"),
      ScriptedTerminal.key(.escape),
    ]
    let (_, terminal, _) = await run(script, feed: feed)
    #expect(terminal.failures.isEmpty, "\(terminal.failures)")
  }

  @Test func selectOneChoosesWithoutInput() async {
    let feed = StubFeed(initial: [
      .cached(Fixtures.catalog), .finished(Fixtures.catalog, changes: .none),
    ])
    let configuration = PickerConfiguration(
      sessionName: "acme", initialQuery: "東京", selectOne: true)
    let script: [ScriptedTerminal.Step] = [
      .waitFor("the picker to choose by itself") { _ in false }
    ]
    let (outcome, terminal, _) = await run(script, feed: feed, configuration: configuration)
    #expect(terminal.failures.isEmpty, "\(terminal.failures)")
    #expect(outcome == .chosen(PickerChoice(account: Fixtures.tokyo, roleName: "DataScientist")))
  }

  @Test func aScriptThatRunsOutIsAFailureNotAHang() async {
    let feed = StubFeed(initial: [.cached(Fixtures.catalog)])
    let (outcome, terminal, _) = await run([], feed: feed)
    #expect(outcome == .interrupted(signal: 1))
    #expect(terminal.failures == ["the script ran out before the picker finished"])
  }
}
