import Foundation

extension Catalog {
  /// A catalog from parts that are already in catalog order (accounts by
  /// `Catalog.accountOrder`, each role list by `Catalog.nameOrder`), such as the cache file,
  /// which was written from a catalog. Skips the sort, which costs more than reading the
  /// whole file for large organisations.
  init(trustedSortedAccounts accounts: [AccountInfo], roles: [String: [String]], fetchedAt: Date) {
    self.accounts = accounts
    self.roles = roles
    self.fetchedAt = fetchedAt
  }
}
