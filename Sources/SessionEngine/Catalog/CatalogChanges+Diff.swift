extension CatalogChanges {
  /// What changed from `previous` to `current`: accounts added and removed (by id), and
  /// roles added and removed in accounts present in both whose roles are known in both.
  /// With no previous catalog there is nothing to compare with: `.none`.
  public init(from previous: Catalog?, to current: Catalog) {
    guard let previous else {
      self = .none
      return
    }
    let before = Dictionary(previous.accounts.map { ($0.accountID, $0) }) { first, _ in first }
    let after = Dictionary(current.accounts.map { ($0.accountID, $0) }) { first, _ in first }
    var addedRoles: [CatalogEntry] = []
    var removedRoles: [CatalogEntry] = []
    for account in current.accounts where before[account.accountID] != nil {
      guard let new = current.roles[account.accountID],
        let old = previous.roles[account.accountID]
      else { continue }
      let oldSet = Set(old)
      let newSet = Set(new)
      addedRoles += new.filter { !oldSet.contains($0) }.map {
        CatalogEntry(account: account, roleName: $0)
      }
      removedRoles += old.filter { !newSet.contains($0) }.map {
        CatalogEntry(account: account, roleName: $0)
      }
    }
    self.init(
      addedAccounts: current.accounts.filter { before[$0.accountID] == nil },
      removedAccounts: previous.accounts.filter { after[$0.accountID] == nil },
      addedRoles: addedRoles, removedRoles: removedRoles)
  }
}
