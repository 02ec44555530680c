/// How recently each account and role was chosen, as the matcher's tie-breaking rank: 0 for
/// the latest choice, 1 for the one before, and so on. Rows never chosen have no rank.
public struct RecentRanks: Hashable, Sendable {
  private var byRow: [PickerRow.Key: Int] = [:]
  private var byAccount: [String: Int] = [:]

  /// No recent choices.
  public init() {}

  /// Ranks `choices`, most recent first.
  public init(_ choices: [RecentChoices.Entry]) {
    for (rank, entry) in choices.enumerated() {
      let key = PickerRow.Key(accountID: entry.accountID, roleName: entry.roleName)
      if byRow[key] == nil { byRow[key] = rank }
      if byAccount[entry.accountID] == nil { byAccount[entry.accountID] = rank }
    }
  }

  /// Whether nothing was chosen before.
  public var isEmpty: Bool { byRow.isEmpty }

  /// The rank of `row`: its own for a role, the account's best for a loading or failed row
  /// (so a recently used account stays on top while its roles load), else `nil`.
  public func rank(of key: PickerRow.Key) -> Int? {
    if key.roleName == nil { return byAccount[key.accountID] }
    return byRow[key]
  }
}
