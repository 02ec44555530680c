public import SessionEngine

/// One line of the picker's list: an account with one of its roles, or an account whose
/// roles are not known yet (still loading, or listing them failed).
public struct PickerRow: Hashable, Sendable {
  /// What the row stands for.
  public enum Kind: Hashable, Sendable {
    /// One role of the account: choosing the row chooses this role.
    case role(String)
    /// The account's roles are still being listed.
    case loading
    /// Listing the account's roles failed; the message says why.
    case failed(String)
  }

  /// The account.
  public var account: AccountInfo
  /// The role, or why there is none yet.
  public var kind: Kind

  /// Creates a row.
  public init(account: AccountInfo, kind: Kind) {
    self.account = account
    self.kind = kind
  }

  /// The role name, when the row is a role.
  public var roleName: String? {
    if case .role(let name) = kind { return name }
    return nil
  }

  /// Identifies the row across catalog updates (row indices change when rows are rebuilt).
  public var key: Key { Key(accountID: account.accountID, roleName: roleName) }

  /// The account id and, for a role row, the role name.
  public struct Key: Hashable, Sendable {
    /// The account id.
    public var accountID: String
    /// The role name, `nil` for a loading or failed row.
    public var roleName: String?

    /// Creates a key.
    public init(accountID: String, roleName: String?) {
      self.accountID = accountID
      self.roleName = roleName
    }
  }
}
