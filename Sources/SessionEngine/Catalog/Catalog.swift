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
    let order = caseInsensitiveOrder(lhs.accountName, rhs.accountName)
    if order != .orderedSame { return order == .orderedAscending }
    if lhs.accountName != rhs.accountName { return lhs.accountName < rhs.accountName }
    return lhs.accountID < rhs.accountID
  }

  /// Case-insensitive order, ties broken by exact text.
  public static func nameOrder(_ lhs: String, _ rhs: String) -> Bool {
    let order = caseInsensitiveOrder(lhs, rhs)
    return order == .orderedSame ? lhs < rhs : order == .orderedAscending
  }

  /// A case-insensitive order that is a true order: text compared as its canonical
  /// decomposition, lower-cased, scalar by scalar. For two ASCII strings that is exactly what
  /// Foundation's `.caseInsensitive` comparison gives (`_` sorts before `a` and `A`), and it
  /// is computed on the bytes without allocating. Foundation's comparison itself is not used:
  /// on Linux it is not transitive, nor even antisymmetric, for some non-ASCII names
  /// ("São…" and "Škofja…" each compared less than the other), which made the order of
  /// sorted profiles change from one run to the next.
  static func caseInsensitiveOrder(_ lhs: String, _ rhs: String) -> ComparisonResult {
    var left = lhs
    var right = rhs
    let fast = left.withUTF8 { a in
      right.withUTF8 { b -> ComparisonResult? in
        var index = 0
        while index < a.count, index < b.count {
          let x = a[index]
          let y = b[index]
          if x >= 0x80 || y >= 0x80 { return nil }
          let fx = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
          let fy = y >= 0x41 && y <= 0x5A ? y | 0x20 : y
          if fx != fy { return fx < fy ? .orderedAscending : .orderedDescending }
          index += 1
        }
        if a[index...].contains(where: { $0 >= 0x80 })
          || b[index...].contains(where: { $0 >= 0x80 })
        {
          return nil
        }
        if a.count == b.count { return .orderedSame }
        return a.count < b.count ? .orderedAscending : .orderedDescending
      }
    }
    if let fast { return fast }
    let x = foldedScalars(lhs)
    let y = foldedScalars(rhs)
    for (p, q) in zip(x, y) where p != q {
      return p < q ? .orderedAscending : .orderedDescending
    }
    if x.count == y.count { return .orderedSame }
    return x.count < y.count ? .orderedAscending : .orderedDescending
  }

  /// `text` in canonical decomposition, lower-cased, as scalar values.
  private static func foldedScalars(_ text: String) -> [UInt32] {
    text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars.map(\.value)
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
