import SessionEngine

/// The rows of the picker and the matcher over them, kept up to date as the catalog streams
/// in.
///
/// Row indices are the matcher's (`FilterEngine`) indices. The engine only ever appends, so
/// a row that changes (a loading row replaced by the account's roles, a renamed account, a
/// role that disappeared after a refresh) is *retired*: it stays in the engine, is dropped
/// from every result, and a new row is appended. ``compact()`` rebuilds everything without
/// the retired rows (after a listing finishes). New rows are handed to the engine in one
/// batch the next time a query is answered, so a burst of catalog events costs one merge.
///
/// With an empty query the list is not the engine's order (rows arrive in network order)
/// but the catalog's: recently chosen rows first, then accounts by name, roles by name.
struct PickerRowStore: Sendable {
  private(set) var rows: [PickerRow] = []
  private var alive: [Bool] = []
  private var engine = FilterEngine()
  private var flushedCount = 0
  private var accounts: [String: AccountSlot] = [:]
  private var accountOrder: [String] = []
  private var emptyQueryCache: [Int]?
  private(set) var ranks: RecentRanks
  /// Rows that are shown (not retired).
  private(set) var liveRowCount = 0
  /// Rows that are retired but still in the engine.
  private(set) var retiredRowCount = 0
  /// Live rows that are roles.
  private(set) var roleRowCount = 0
  /// Accounts whose roles are known (listed, or failed to list).
  private(set) var settledAccountCount = 0
  /// How many lists ``matches(_:)`` has made (for tests: a pasted line is one).
  private(set) var listsMade = 0

  private struct AccountSlot: Sendable {
    var info: AccountInfo
    /// Live rows, in display order (roles by name).
    var rows: [Int]
    var state: RoleState
  }

  /// What is known about an account's roles.
  enum RoleState: Hashable, Sendable {
    case loading
    case known
    case failed(String)
  }

  init(ranks: RecentRanks = RecentRanks()) {
    self.ranks = ranks
  }

  /// How many accounts there are.
  var accountCount: Int { accounts.count }

  /// The row at `index`.
  func row(_ index: Int) -> PickerRow { rows[index] }

  /// Whether row `index` is shown.
  func isLive(_ index: Int) -> Bool { alive.indices.contains(index) && alive[index] }

  /// What is known about `accountID`'s roles, or `nil` for an unknown account.
  func roleState(of accountID: String) -> RoleState? { accounts[accountID]?.state }

  /// The live rows of `accountID`, in display order.
  func rows(ofAccount accountID: String) -> [Int] { accounts[accountID]?.rows ?? [] }

  /// The account with `accountID`.
  func account(_ accountID: String) -> AccountInfo? { accounts[accountID]?.info }

  // MARK: Changes

  /// Adds `info` as an account whose roles are loading; an account already known keeps its
  /// rows (they are rebuilt when its name or e-mail changed).
  mutating func addAccount(_ info: AccountInfo) {
    if let slot = accounts[info.accountID] {
      guard slot.info != info else { return }
      let renamed = slot.info.accountName != info.accountName
      if renamed { accountOrder.removeAll { $0 == info.accountID } }
      let kinds = slot.rows.map { rows[$0].kind }
      for index in slot.rows { retire(index) }
      var newRows: [Int] = []
      for kind in kinds { newRows.append(append(PickerRow(account: info, kind: kind))) }
      accounts[info.accountID]?.info = info
      accounts[info.accountID]?.rows = newRows
      if renamed { insertInOrder(info) }
      return
    }
    insertInOrder(info)
    let row = append(PickerRow(account: info, kind: .loading))
    accounts[info.accountID] = AccountSlot(info: info, rows: [row], state: .loading)
  }

  /// Sets the roles of `accountID` (ignored for an unknown account). An account with no roles
  /// has no rows.
  mutating func setRoles(_ roleNames: [String], ofAccount accountID: String) {
    setRoles(inCatalogOrder: roleNames.sorted(by: Catalog.nameOrder), ofAccount: accountID)
  }

  /// ``setRoles(_:ofAccount:)`` for names already in catalog order (a `Catalog`'s role
  /// lists are): skips the sort, which is most of the cost of re-loading a whole catalog.
  private mutating func setRoles(inCatalogOrder sortedNames: [String], ofAccount accountID: String)
  {
    guard let slot = accounts[accountID] else { return }
    var names: [String] = []
    names.reserveCapacity(sortedNames.count)
    for name in sortedNames where names.last != name {
      names.append(name)
    }
    if slot.state == .known, slot.rows.map({ rows[$0].roleName }) == names { return }
    var existing: [String: Int] = [:]
    let wanted = Set(names)
    for index in slot.rows {
      if let name = rows[index].roleName, wanted.contains(name) {
        existing[name] = index
      } else {
        retire(index)
      }
    }
    var newRows: [Int] = []
    for name in names {
      newRows.append(existing[name] ?? append(PickerRow(account: slot.info, kind: .role(name))))
    }
    if slot.state != .known { settledAccountCount += slot.state == .loading ? 1 : 0 }
    accounts[accountID]?.rows = newRows
    accounts[accountID]?.state = .known
  }

  /// Records that listing `accountID`'s roles failed. Roles known before (from the cache)
  /// stay; an account without them shows one row with the message.
  mutating func markFailed(_ accountID: String, message: String) {
    guard let slot = accounts[accountID], slot.state != .known else { return }
    if slot.state == .loading { settledAccountCount += 1 }
    for index in slot.rows { retire(index) }
    let row = append(PickerRow(account: slot.info, kind: .failed(message)))
    accounts[accountID]?.rows = [row]
    accounts[accountID]?.state = .failed(message)
  }

  /// Removes `accountID` and its rows.
  mutating func removeAccount(_ accountID: String) {
    guard let slot = accounts.removeValue(forKey: accountID) else { return }
    for index in slot.rows { retire(index) }
    if slot.state != .loading { settledAccountCount -= 1 }
    accountOrder.removeAll { $0 == accountID }
    emptyQueryCache = nil
  }

  /// Makes the rows those of `catalog`: accounts that are gone are removed, new ones added,
  /// role lists replaced. Accounts of the catalog without a role list keep what they have
  /// (their roles from before, or a loading row) unless `failure` gives a message for them.
  mutating func load(_ catalog: Catalog, failure: ((String) -> String?)? = nil) {
    if rows.isEmpty {
      loadIntoEmpty(catalog, failure: failure)
      return
    }
    let wanted = Set(catalog.accounts.map(\.accountID))
    for accountID in accounts.keys where !wanted.contains(accountID) {
      removeAccount(accountID)
    }
    for info in catalog.accounts {
      addAccount(info)
      if let roleNames = catalog.roles[info.accountID] {
        setRoles(inCatalogOrder: roleNames, ofAccount: info.accountID)
      } else if let message = failure?(info.accountID) {
        markFailed(info.accountID, message: message)
      }
    }
  }

  /// The fast path for the first catalog (usually the cached one): rows in catalog order,
  /// which is already sorted.
  private mutating func loadIntoEmpty(_ catalog: Catalog, failure: ((String) -> String?)?) {
    accountOrder.reserveCapacity(catalog.accounts.count)
    accounts.reserveCapacity(catalog.accounts.count)
    // One row per role, or one (loading or failed) for an account without a role list.
    let rowCount = catalog.roles.values.reduce(catalog.accounts.count - catalog.roles.count) {
      $0 + $1.count
    }
    rows.reserveCapacity(max(rowCount, 0))
    alive.reserveCapacity(max(rowCount, 0))
    for info in catalog.accounts where accounts[info.accountID] == nil {
      accountOrder.append(info.accountID)
      var slot = AccountSlot(info: info, rows: [], state: .loading)
      if let roleNames = catalog.roles[info.accountID] {
        slot.state = .known
        var previous: String?
        for name in roleNames where name != previous {
          slot.rows.append(append(PickerRow(account: info, kind: .role(name))))
          previous = name
        }
      } else if let message = failure?(info.accountID) {
        slot.state = .failed(message)
        slot.rows = [append(PickerRow(account: info, kind: .failed(message)))]
      } else {
        slot.rows = [append(PickerRow(account: info, kind: .loading))]
      }
      if slot.state != .loading { settledAccountCount += 1 }
      accounts[info.accountID] = slot
    }
  }

  /// Rebuilds the matcher without retired rows (row indices change).
  mutating func compact() {
    guard retiredRowCount > 0 else { return }
    var newRows: [PickerRow] = []
    newRows.reserveCapacity(liveRowCount)
    var newAccounts: [String: AccountSlot] = [:]
    newAccounts.reserveCapacity(accounts.count)
    for accountID in accountOrder {
      guard var slot = accounts[accountID] else { continue }
      slot.rows = slot.rows.map { index in
        newRows.append(rows[index])
        return newRows.count - 1
      }
      newAccounts[accountID] = slot
    }
    rows = newRows
    alive = Array(repeating: true, count: newRows.count)
    accounts = newAccounts
    engine = FilterEngine()
    flushedCount = 0
    retiredRowCount = 0
    emptyQueryCache = nil
  }

  // MARK: Queries

  /// The live rows matching `query`, best first; for an empty query, the catalog order
  /// with recent choices first.
  mutating func matches(_ search: SearchQuery) -> [Int] {
    listsMade += 1
    if search.isEmpty { return emptyQueryOrder() }
    flush()
    let indices = engine.filter(search).rowIndices
    guard retiredRowCount > 0 else { return indices }
    return indices.filter { alive[$0] }
  }

  /// The characters of row `index` that `query` matched (empty for rows not yet handed to
  /// the matcher; `update` always flushes before `view` runs).
  func highlights(ofRow index: Int, query search: SearchQuery) -> RowHighlights {
    guard !search.isEmpty, index < flushedCount else { return RowHighlights() }
    return engine.highlights(forRow: index, query: search)
  }

  /// Whether rows wait to be handed to the matcher.
  var needsFlush: Bool { flushedCount < rows.count }

  /// Hands rows added since the last call to the matcher (one merge for the whole batch).
  mutating func flush() {
    guard flushedCount < rows.count else { return }
    let added = rows[flushedCount...].map(searchable)
    flushedCount = rows.count
    engine.append(contentsOf: added)
  }

  private mutating func emptyQueryOrder() -> [Int] {
    if let emptyQueryCache { return emptyQueryCache }
    var order: [Int] = []
    order.reserveCapacity(liveRowCount)
    var ranked: [(rank: Int, row: Int)] = []
    for accountID in accountOrder {
      guard let slot = accounts[accountID] else { continue }
      for index in slot.rows {
        if !ranks.isEmpty, let rank = ranks.rank(of: rows[index].key) {
          ranked.append((rank, index))
        } else {
          order.append(index)
        }
      }
    }
    if !ranked.isEmpty {
      // Stable: equal ranks (an account's loading row) keep catalog order.
      let sorted = ranked.enumerated().sorted {
        ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset)
      }
      order.insert(contentsOf: sorted.map(\.element.row), at: 0)
    }
    emptyQueryCache = order
    return order
  }

  private func searchable(_ row: PickerRow) -> SearchableRow {
    SearchableRow(
      accountName: row.account.accountName, accountId: row.account.accountID,
      roleName: row.roleName ?? "", email: row.account.emailAddress,
      rank: ranks.rank(of: row.key) ?? SearchableRow.unranked)
  }

  // MARK: Bookkeeping

  private mutating func append(_ row: PickerRow) -> Int {
    rows.append(row)
    alive.append(true)
    liveRowCount += 1
    if row.roleName != nil { roleRowCount += 1 }
    emptyQueryCache = nil
    return rows.count - 1
  }

  private mutating func retire(_ index: Int) {
    guard alive[index] else { return }
    alive[index] = false
    liveRowCount -= 1
    retiredRowCount += 1
    if rows[index].roleName != nil { roleRowCount -= 1 }
    emptyQueryCache = nil
  }

  private mutating func insertInOrder(_ info: AccountInfo) {
    var low = 0
    var high = accountOrder.count
    while low < high {
      let middle = (low + high) / 2
      let other = accounts[accountOrder[middle]]?.info ?? info
      if Catalog.accountOrder(other, info) { low = middle + 1 } else { high = middle }
    }
    accountOrder.insert(info.accountID, at: low)
    emptyQueryCache = nil
  }
}
