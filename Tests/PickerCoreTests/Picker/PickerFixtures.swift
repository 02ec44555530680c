import Foundation
import SessionEngine

@testable import PickerCore

/// A small organisation with the cases the picker must get right: plain ASCII, a CJK name
/// (two columns a character), a decomposed accent (a combining mark), and an account whose
/// roles fail to list.
enum Fixtures {
  static let start = Date(timeIntervalSince1970: 1_795_000_000)

  static let production = AccountInfo(
    accountID: "111111111111", accountName: "Production", emailAddress: "prod@example.com")
  static let staging = AccountInfo(
    accountID: "222222222222", accountName: "Staging", emailAddress: "staging@example.com")
  static let sandbox = AccountInfo(
    accountID: "333333333333", accountName: "Sandbox", emailAddress: "sandbox@example.com")
  static let tokyo = AccountInfo(
    accountID: "444444444444", accountName: "東京 Analytics", emailAddress: "tokyo@example.jp")
  static let cafe = AccountInfo(
    accountID: "555555555555", accountName: "Cafe\u{301} Ops", emailAddress: "cafe@example.com")

  static let accounts = [production, staging, sandbox, tokyo, cafe]

  static let roles: [String: [String]] = [
    production.accountID: ["AdministratorAccess", "ReadOnlyAccess"],
    staging.accountID: ["AdministratorAccess", "Developer"],
    sandbox.accountID: ["Developer"],
    tokyo.accountID: ["DataScientist"],
    cafe.accountID: ["ReadOnlyAccess"],
  ]

  static var catalog: Catalog {
    Catalog(accounts: accounts, roles: roles, fetchedAt: start)
  }

  static let configuration = PickerConfiguration(
    sessionName: "acme",
    describeChoice: { "write profile \($0.account.accountName)/\($0.roleName)" })

  /// A model of `size` with `events` applied (the clock at `start`).
  static func model(
    size: TerminalSize = TerminalSize(rows: 24, columns: 80),
    configuration: PickerConfiguration = Fixtures.configuration,
    recents: RecentRanks = RecentRanks(), loginExpiresAt: Date? = nil,
    events: [CatalogEvent] = []
  ) -> PickerModel {
    var model = PickerModel(
      configuration: configuration, size: size, now: start, recents: recents,
      loginExpiresAt: loginExpiresAt)
    _ = Picker.start(&model)
    _ = Picker.update(&model, events.map { PickerMsg.catalog($0) })
    return model
  }

  /// A model showing the whole catalog, loaded and finished.
  static func loaded(
    size: TerminalSize = TerminalSize(rows: 24, columns: 80),
    configuration: PickerConfiguration = Fixtures.configuration,
    recents: RecentRanks = RecentRanks()
  ) -> PickerModel {
    model(
      size: size, configuration: configuration, recents: recents,
      events: [.finished(catalog, changes: .none)])
  }

  static func progress(listed: Int, complete: Bool, settled: Int) -> CatalogProgress {
    CatalogProgress(
      accountsListed: listed, accountListComplete: complete, accountsWithRoles: settled,
      requestsInFlight: 2)
  }
}

extension PickerModel {
  /// The rows shown, as "Account/Role" (or "Account/…" for a loading row,
  /// "Account/!" for a failed one).
  var shown: [String] {
    visible.map { index in
      let row = row(index)
      switch row.kind {
      case .role(let name): return row.account.accountName + "/" + name
      case .loading: return row.account.accountName + "/…"
      case .failed: return row.account.accountName + "/!"
      }
    }
  }

  /// The highlighted row as "Account/Role".
  var highlighted: String? {
    guard visible.indices.contains(cursor) else { return nil }
    return shown[cursor]
  }
}

/// Applies `msgs` one update at a time and returns every effect asked for.
@discardableResult
func send(_ model: inout PickerModel, _ msgs: PickerMsg...) -> [PickerEffect] {
  msgs.flatMap { Picker.update(&model, $0) }
}

/// Types `text` one key at a time.
@discardableResult
func type(_ model: inout PickerModel, _ text: String) -> [PickerEffect] {
  text.flatMap { Picker.update(&model, .key(.character($0))) }
}
