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
///
/// A picker over several sessions keeps each session's accounts apart (an account is a
/// session and an id: the same id under two sessions is two accounts), lists them session by
/// session (each session's in the catalog's order, so a session's first catalog is one block
/// put in place without comparing a name), and gives the matcher each row's session name.
struct PickerRowStore: Sendable {
  private(set) var rows: [PickerRow] = []
  private var alive: [Bool] = []
  private var engine = FilterEngine()
  private var flushedCount = 0
  private var accounts: [AccountKey: AccountSlot] = [:]
  private var accountOrder: [AccountKey] = []
  private let sessionNames: [String]
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

  /// An account of one session.
  struct AccountKey: Hashable, Sendable {
    var source: Int
    var accountID: String
  }

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

  init(ranks: RecentRanks = RecentRanks(), sessionNames: [String] = []) {
    self.ranks = ranks
    self.sessionNames = sessionNames
  }

  /// How many accounts there are.
  var accountCount: Int { accounts.count }

  /// The row at `index`.
  func row(_ index: Int) -> PickerRow { rows[index] }

  /// Whether row `index` is shown.
  func isLive(_ index: Int) -> Bool { alive.indices.contains(index) && alive[index] }

  /// The account with `accountID`.
  func account(_ accountID: String, source: Int = 0) -> AccountInfo? {
    accounts[AccountKey(source: source, accountID: accountID)]?.info
  }

  // MARK: Changes

  /// Adds `info` as an account whose roles are loading; an account already known keeps its
  /// rows (they are rebuilt when its name or e-mail changed).
  mutating func addAccount(_ info: AccountInfo, source: Int = 0) {
    let key = AccountKey(source: source, accountID: info.accountID)
    if let slot = accounts[key] {
      guard slot.info != info else { return }
      let renamed = slot.info.accountName != info.accountName
      if renamed { accountOrder.removeAll { $0 == key } }
      let kinds = slot.rows.map { rows[$0].kind }
      for index in slot.rows { retire(index) }
      var newRows: [Int] = []
      for kind in kinds {
        newRows.append(append(PickerRow(account: info, kind: kind, source: source)))
      }
      accounts[key]?.info = info
      accounts[key]?.rows = newRows
      if renamed { insertInOrder(info, source: source) }
      return
    }
    insertInOrder(info, source: source)
    let row = append(PickerRow(account: info, kind: .loading, source: source))
    accounts[key] = AccountSlot(info: info, rows: [row], state: .loading)
  }

  /// Sets the roles of `accountID` (ignored for an unknown account). An account with no roles
  /// has no rows.
  mutating func setRoles(_ roleNames: [String], ofAccount accountID: String, source: Int = 0) {
    setRoles(
      inCatalogOrder: roleNames.sorted(by: Catalog.nameOrder),
      of: AccountKey(source: source, accountID: accountID))
  }

  /// ``setRoles(_:ofAccount:)`` for names already in catalog order (a `Catalog`'s role
  /// lists are): skips the sort, which is most of the cost of re-loading a whole catalog.
  private mutating func setRoles(inCatalogOrder sortedNames: [String], of key: AccountKey) {
    guard let slot = accounts[key] else { return }
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
      newRows.append(
        existing[name]
          ?? append(PickerRow(account: slot.info, kind: .role(name), source: key.source)))
    }
    if slot.state != .known { settledAccountCount += slot.state == .loading ? 1 : 0 }
    accounts[key]?.rows = newRows
    accounts[key]?.state = .known
  }

  /// Records that listing `accountID`'s roles failed. Roles known before (from the cache)
  /// stay; an account without them shows one row with the message.
  mutating func markFailed(_ accountID: String, message: String, source: Int = 0) {
    let key = AccountKey(source: source, accountID: accountID)
    guard let slot = accounts[key], slot.state != .known else { return }
    if slot.state == .loading { settledAccountCount += 1 }
    for index in slot.rows { retire(index) }
    let row = append(PickerRow(account: slot.info, kind: .failed(message), source: source))
    accounts[key]?.rows = [row]
    accounts[key]?.state = .failed(message)
  }

  /// Removes the account and its rows.
  private mutating func removeAccount(_ key: AccountKey) {
    guard let slot = accounts.removeValue(forKey: key) else { return }
    for index in slot.rows { retire(index) }
    if slot.state != .loading { settledAccountCount -= 1 }
    accountOrder.removeAll { $0 == key }
    emptyQueryCache = nil
  }

  /// Makes the rows those of `catalog`: accounts that are gone are removed, new ones added,
  /// role lists replaced. Accounts of the catalog without a role list keep what they have
  /// (their roles from before, or a loading row) unless `failure` gives a message for them.
  mutating func load(
    _ catalog: Catalog, source: Int = 0, failure: ((String) -> String?)? = nil
  ) {
    if !accountOrder.contains(where: { $0.source == source }) {
      loadIntoEmpty(catalog, source: source, failure: failure)
      return
    }
    let wanted = Set(catalog.accounts.map(\.accountID))
    for key in accounts.keys where key.source == source && !wanted.contains(key.accountID) {
      removeAccount(key)
    }
    for info in catalog.accounts {
      addAccount(info, source: source)
      let key = AccountKey(source: source, accountID: info.accountID)
      if let roleNames = catalog.roles[info.accountID] {
        setRoles(inCatalogOrder: roleNames, of: key)
      } else if let message = failure?(info.accountID) {
        markFailed(info.accountID, message: message, source: source)
      }
    }
  }

  /// The fast path for a session's first catalog (usually the cached one): rows in catalog
  /// order, which is already sorted, as one block between the sessions before and after it.
  private mutating func loadIntoEmpty(
    _ catalog: Catalog, source: Int, failure: ((String) -> String?)?
  ) {
    var order: [AccountKey] = []
    order.reserveCapacity(catalog.accounts.count)
    accounts.reserveCapacity(accounts.count + catalog.accounts.count)
    // One row per role, or one (loading or failed) for an account without a role list.
    let rowCount = catalog.roles.values.reduce(catalog.accounts.count - catalog.roles.count) {
      $0 + $1.count
    }
    rows.reserveCapacity(rows.count + max(rowCount, 0))
    alive.reserveCapacity(alive.count + max(rowCount, 0))
    for info in catalog.accounts {
      let key = AccountKey(source: source, accountID: info.accountID)
      guard accounts[key] == nil else { continue }
      order.append(key)
      var slot = AccountSlot(info: info, rows: [], state: .loading)
      if let roleNames = catalog.roles[info.accountID] {
        slot.state = .known
        var previous: String?
        for name in roleNames where name != previous {
          slot.rows.append(append(PickerRow(account: info, kind: .role(name), source: source)))
          previous = name
        }
      } else if let message = failure?(info.accountID) {
        slot.state = .failed(message)
        slot.rows = [append(PickerRow(account: info, kind: .failed(message), source: source))]
      } else {
        slot.rows = [append(PickerRow(account: info, kind: .loading, source: source))]
      }
      if slot.state != .loading { settledAccountCount += 1 }
      accounts[key] = slot
    }
    if accountOrder.isEmpty {
      accountOrder = order
    } else {
      let end = accountOrder.firstIndex { $0.source > source } ?? accountOrder.endIndex
      accountOrder.insert(contentsOf: order, at: end)
    }
    emptyQueryCache = nil
  }

  /// Rebuilds the matcher without retired rows (row indices change).
  mutating func compact() {
    guard retiredRowCount > 0 else { return }
    var newRows: [PickerRow] = []
    newRows.reserveCapacity(liveRowCount)
    var newAccounts: [AccountKey: AccountSlot] = [:]
    newAccounts.reserveCapacity(accounts.count)
    for key in accountOrder {
      guard var slot = accounts[key] else { continue }
      slot.rows = slot.rows.map { index in
        newRows.append(rows[index])
        return newRows.count - 1
      }
      newAccounts[key] = slot
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
    for key in accountOrder {
      guard let slot = accounts[key] else { continue }
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
      session: sessionNames.indices.contains(row.source) ? sessionNames[row.source] : "",
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

  private mutating func insertInOrder(_ info: AccountInfo, source: Int) {
    var low = 0
    var high = accountOrder.count
    while low < high {
      let middle = (low + high) / 2
      let key = accountOrder[middle]
      let other = accounts[key]?.info ?? info
      let before =
        key.source < source || (key.source == source && Catalog.accountOrder(other, info))
      if before { low = middle + 1 } else { high = middle }
    }
    accountOrder.insert(AccountKey(source: source, accountID: info.accountID), at: low)
    emptyQueryCache = nil
  }
}
