/// One searchable line of the picker: an account/role pair as the matcher sees it.
///
/// This is deliberately independent of the catalog types; the picker maps each catalog entry
/// to a `SearchableRow`. Every field may be empty (an account whose roles have not loaded yet,
/// an account without an email address).
public struct SearchableRow: Hashable, Sendable {
  /// The rank given to rows the caller does not rank; they sort after every ranked row.
  public static let unranked = Int.max

  /// The account's display name, e.g. `Production`.
  public var accountName: String
  /// The 12-digit account id, e.g. `012345678901`.
  public var accountId: String
  /// The role (permission set) name, e.g. `AdministratorAccess`.
  public var roleName: String
  /// The account's email address.
  public var email: String
  /// The sso-session the row belongs to, when the picker shows several; empty otherwise.
  public var session: String
  /// The caller's tie-breaker: among rows with the same score, a smaller rank comes first.
  ///
  /// The picker passes recency (0 for the row chosen last, 1 for the one before, ...) and
  /// leaves ``unranked`` for the rest. Ranks are compared after clamping to
  /// `0...UInt32.max`, so negative ranks count as 0.
  public var rank: Int

  /// Creates a row; `rank` defaults to ``unranked``.
  public init(
    accountName: String,
    accountId: String,
    roleName: String,
    email: String,
    session: String = "",
    rank: Int = SearchableRow.unranked
  ) {
    self.accountName = accountName
    self.accountId = accountId
    self.roleName = roleName
    self.email = email
    self.session = session
    self.rank = rank
  }

  /// The text of one field.
  public subscript(field: SearchField) -> String {
    switch field {
    case .accountName: accountName
    case .roleName: roleName
    case .accountId: accountId
    case .email: email
    case .session: session
    }
  }
}
