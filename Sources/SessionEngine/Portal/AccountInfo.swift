/// An AWS account the signed-in user can access (portal `AccountInfo`, spec §5).
public struct AccountInfo: Sendable, Hashable, Codable {
  /// The 12-digit account id (kept as text: it may start with 0).
  public var accountID: String
  /// The account's name; the id when the service sent none.
  public var accountName: String
  /// The account's root email; empty when the service sent none.
  public var emailAddress: String

  /// Creates an account value.
  public init(accountID: String, accountName: String, emailAddress: String) {
    self.accountID = accountID
    self.accountName = accountName
    self.emailAddress = emailAddress
  }
}
