public import Foundation

/// Every account the user can access and the roles in each, as far as they are known.
/// Accounts whose roles have not been listed yet have no entry in `roles`.
public struct Catalog: Sendable, Equatable {
  /// The accounts, in the order `sorted()` gives: by name (case-insensitively), then id.
  public var accounts: [AccountInfo]
  /// Role names per account id, sorted case-insensitively. A missing key means "not
  /// listed yet"; an empty array means the account has no roles for this user.
  public var roles: [String: [String]]
  /// When the listing that produced this catalog finished (or was last revalidated).
  public var fetchedAt: Date

  /// Creates a catalog; `accounts` and role lists are sorted.
  public init(accounts: [AccountInfo], roles: [String: [String]], fetchedAt: Date) {
    self.accounts = accounts.sorted(by: Self.accountOrder)
    self.roles = roles.mapValues { $0.sorted(by: Self.nameOrder) }
    self.fetchedAt = fetchedAt
  }

  /// Every account/role pair, sorted by account name then role name.
  public var entries: [CatalogEntry] {
    accounts.flatMap { account in
      (roles[account.accountID] ?? []).map { CatalogEntry(account: account, roleName: $0) }
    }
  }

  /// Whether every account's roles are known.
  public var isComplete: Bool { accounts.allSatisfy { roles[$0.accountID] != nil } }

  /// Case-insensitive name order, then id (ids are unique, so the order is total).
  public static func accountOrder(_ lhs: AccountInfo, _ rhs: AccountInfo) -> Bool {
    let order = lhs.accountName.compare(rhs.accountName, options: [.caseInsensitive])
    if order != .orderedSame { return order == .orderedAscending }
    if lhs.accountName != rhs.accountName { return lhs.accountName < rhs.accountName }
    return lhs.accountID < rhs.accountID
  }

  /// Case-insensitive order, ties broken by exact text.
  public static func nameOrder(_ lhs: String, _ rhs: String) -> Bool {
    let order = lhs.compare(rhs, options: [.caseInsensitive])
    return order == .orderedSame ? lhs < rhs : order == .orderedAscending
  }
}

/// One account and one of its roles: a row of the picker, a line of `ssopick list`.
public struct CatalogEntry: Sendable, Hashable {
  /// The account.
  public var account: AccountInfo
  /// The role (permission set) name.
  public var roleName: String

  /// Creates an entry.
  public init(account: AccountInfo, roleName: String) {
    self.account = account
    self.roleName = roleName
  }
}
