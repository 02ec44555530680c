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
  /// The sso-session the row came from: its index in ``PickerConfiguration/sessions`` (0 in
  /// a picker over one session).
  public var source: Int

  /// Creates a row.
  public init(account: AccountInfo, kind: Kind, source: Int = 0) {
    self.account = account
    self.kind = kind
    self.source = source
  }

  /// The role name, when the row is a role.
  public var roleName: String? {
    if case .role(let name) = kind { return name }
    return nil
  }

  /// Identifies the row across catalog updates (row indices change when rows are rebuilt).
  public var key: Key { Key(accountID: account.accountID, roleName: roleName, source: source) }

  /// The session, the account id and, for a role row, the role name.
  public struct Key: Hashable, Sendable {
    /// The account id.
    public var accountID: String
    /// The role name, `nil` for a loading or failed row.
    public var roleName: String?
    /// The session's index (``PickerRow/source``).
    public var source: Int

    /// Creates a key.
    public init(accountID: String, roleName: String?, source: Int = 0) {
      self.accountID = accountID
      self.roleName = roleName
      self.source = source
    }
  }
}
