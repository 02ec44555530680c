import Foundation
import PickerCore
import SessionEngine
import Testing

/// Whole frames at 80×24 and 40×10, compared with text dumps in `Snapshots/`.
struct SnapshotTests {
  static let large = TerminalSize(rows: 24, columns: 80)
  static let small = TerminalSize(rows: 10, columns: 40)
  static let sizes = [("80x24", large), ("40x10", small)]

  private static func loading(_ size: TerminalSize) -> PickerModel {
    var model = Fixtures.model(
      size: size, loginExpiresAt: Fixtures.start.addingTimeInterval(52 * 60 + 30),
      events: [
        .accounts(Fixtures.accounts, complete: false),
        .roles(
          accountID: Fixtures.production.accountID,
          roleNames: ["AdministratorAccess", "ReadOnlyAccess"]),
        .roles(accountID: Fixtures.staging.accountID, roleNames: ["Developer"]),
        .progress(Fixtures.progress(listed: 5, complete: false, settled: 2)),
      ])
    send(&model, .key(.down))
    return model
  }

  private static func filtered(_ size: TerminalSize) -> PickerModel {
    var model = Fixtures.loaded(size: size)
    send(
      &model,
      .login(expiresAt: Fixtures.start.addingTimeInterval(7 * 3600 + 12 * 60), renewable: true))
    type(&model, "prod adm")
    return model
  }

  private static func empty(_ size: TerminalSize) -> PickerModel {
    var model = Fixtures.loaded(size: size)
    type(&model, "zzz")
    return model
  }

  private static func error(_ size: TerminalSize) -> PickerModel {
    var model = Fixtures.model(
      size: size, loginExpiresAt: Fixtures.start.addingTimeInterval(-60),
      events: [
        .accounts(Fixtures.accounts, complete: true),
        .roles(accountID: Fixtures.production.accountID, roleNames: ["AdministratorAccess"]),
        .accountFailed(
          accountID: Fixtures.sandbox.accountID, message: "No access to this account."),
        .failed(message: "The login expired and cannot be renewed; run `ssopick login`."),
      ])
    send(&model, .key(.down), .key(.down))
    return model
  }

  private static func help(_ size: TerminalSize) -> PickerModel {
    var model = Fixtures.loaded(size: size)
    send(&model, .key(.character("?")))
    return model
  }

  @Test(arguments: sizes)
  func loading(name: String, size: TerminalSize) {
    SnapshotAssertion.check(Picker.view(Self.loading(size)), named: "loading-\(name)")
  }

  @Test(arguments: sizes)
  func filtered(name: String, size: TerminalSize) {
    SnapshotAssertion.check(Picker.view(Self.filtered(size)), named: "filtered-\(name)")
  }

  @Test(arguments: sizes)
  func empty(name: String, size: TerminalSize) {
    SnapshotAssertion.check(Picker.view(Self.empty(size)), named: "empty-\(name)")
  }

  @Test(arguments: sizes)
  func error(name: String, size: TerminalSize) {
    SnapshotAssertion.check(Picker.view(Self.error(size)), named: "error-\(name)")
  }

  @Test(arguments: sizes)
  func help(name: String, size: TerminalSize) {
    SnapshotAssertion.check(Picker.view(Self.help(size)), named: "help-\(name)")
  }

  @Test func wideAndCombiningCharactersWithHighlights() {
    var model = Fixtures.loaded(size: Self.large)
    type(&model, "ana")
    send(&model, .key(.down))
    SnapshotAssertion.check(Picker.view(model), named: "unicode-80x24")
  }

  @Test(arguments: sizes)
  func severalSessions(name: String, size: TerminalSize) {
    // Two sessions, the second not signed in (its cached rows marked), searched by its name.
    var model = Fixtures.model(
      size: size,
      configuration: PickerConfiguration(
        sessionName: "acme",
        sessions: [.init(name: "acme", signedIn: true), .init(name: "sandbox", signedIn: false)],
        describeChoice: { "write profile \($0.account.accountName)/\($0.roleName)" }))
    send(
      &model, .catalog(.finished(Fixtures.catalog, changes: .none), source: 0),
      .catalog(.cached(Fixtures.catalog), source: 1),
      .catalog(.failed(message: "Not signed in to sandbox."), source: 1))
    type(&model, "prod")
    send(&model, .key(.down), .key(.down))
    SnapshotAssertion.check(Picker.view(model), named: "sessions-\(name)")
  }

  @Test func tooSmall() {
    let model = Fixtures.loaded(size: TerminalSize(rows: 4, columns: 30))
    SnapshotAssertion.check(Picker.view(model), named: "too-small-30x4")
  }
}
