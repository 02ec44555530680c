/// How recently each account and role was chosen, as the matcher's tie-breaking rank: 0 for
/// the latest choice, 1 for the one before, and so on. Rows never chosen have no rank.
public struct RecentRanks: Hashable, Sendable {
  private var byRow: [PickerRow.Key: Int] = [:]
  private var byAccount: [PickerRow.Key: Int] = [:]

  /// No recent choices.
  public init() {}

  /// Ranks `choices` (of session `source`), most recent first.
  public init(_ choices: [RecentChoices.Entry], source: Int = 0) {
    self.init(bySession: [(source, choices)])
  }

  /// Ranks the choices of several sessions (each session's own recents file) together, the
  /// most recent first whichever session they were made in.
  public init(bySession choices: [(source: Int, entries: [RecentChoices.Entry])]) {
    var all: [(source: Int, entry: RecentChoices.Entry, order: Int)] = []
    for (source, entries) in choices {
      for entry in entries { all.append((source, entry, all.count)) }
    }
    if choices.count > 1 {
      all.sort { ($1.entry.chosenAt, $0.order) < ($0.entry.chosenAt, $1.order) }
    }
    for (rank, item) in all.enumerated() {
      let entry = item.entry
      let key = PickerRow.Key(
        accountID: entry.accountID, roleName: entry.roleName, source: item.source)
      let account = PickerRow.Key(accountID: entry.accountID, roleName: nil, source: item.source)
      if byRow[key] == nil { byRow[key] = rank }
      if byAccount[account] == nil { byAccount[account] = rank }
    }
  }

  /// Whether nothing was chosen before.
  public var isEmpty: Bool { byRow.isEmpty }

  /// The rank of `row`: its own for a role, the account's best for a loading or failed row
  /// (so a recently used account stays on top while its roles load), else `nil`.
  public func rank(of key: PickerRow.Key) -> Int? {
    if key.roleName == nil { return byAccount[key] }
    return byRow[key]
  }
}
