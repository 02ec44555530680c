/// The accounts and roles the fake's user is assigned: what ListAccounts and ListAccountRoles
/// return, in this order.
public struct Organisation: Sendable, Equatable {
  /// One AWS account and the roles (permission sets) assigned in it.
  public struct Account: Sendable, Equatable {
    /// 12 digits, leading zeros kept.
    public var accountId: String
    /// The display name; may be absent (the portal's shape allows it).
    public var accountName: String?
    /// The root e-mail address; may be absent.
    public var emailAddress: String?
    /// Role names in the order ListAccountRoles returns them.
    public var roles: [String]

    /// Creates an account.
    public init(accountId: String, accountName: String?, emailAddress: String?, roles: [String]) {
      self.accountId = accountId
      self.accountName = accountName
      self.emailAddress = emailAddress
      self.roles = roles
    }
  }

  /// The accounts, in ListAccounts order.
  public var accounts: [Account]

  /// Creates an organisation from `accounts`.
  public init(accounts: [Account]) {
    self.accounts = accounts
  }

  /// The number of (account, role) pairs.
  public var roleCount: Int { accounts.reduce(0) { $0 + $1.roles.count } }

  /// The organisation as a JSON document in the organisation-file schema (see `load(from:)`),
  /// one account per line. `/_fake/organisation` serves this.
  public func jsonDocument() -> String {
    var out = "{\"accounts\": [\n"
    for (index, account) in accounts.enumerated() {
      out += "  " + Organisation.accountJSON(account, includeRoles: true)
      out += index + 1 < accounts.count ? ",\n" : "\n"
    }
    out += "]}\n"
    return out
  }

  static func accountJSON(_ account: Account, includeRoles: Bool) -> String {
    var out = "{\"accountId\":"
    JSONValue.writeString(account.accountId, to: &out)
    if let name = account.accountName {
      out += ",\"accountName\":"
      JSONValue.writeString(name, to: &out)
    }
    if let email = account.emailAddress {
      out += ",\"emailAddress\":"
      JSONValue.writeString(email, to: &out)
    }
    if includeRoles {
      out += ",\"roles\":["
      for (index, role) in account.roles.enumerated() {
        if index > 0 { out += "," }
        JSONValue.writeString(role, to: &out)
      }
      out += "]"
    }
    return out + "}"
  }
}
