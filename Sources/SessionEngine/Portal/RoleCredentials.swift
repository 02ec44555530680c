public import Foundation

/// Short-term credentials for one account and role (portal `RoleCredentials`, spec §5).
/// Every field but the expiration and account is a secret: the description hides them.
public struct RoleCredentials: Sendable, Equatable, CustomStringConvertible {
  /// `AWS_ACCESS_KEY_ID`.
  public var accessKeyID: String
  /// `AWS_SECRET_ACCESS_KEY`.
  public var secretAccessKey: String
  /// `AWS_SESSION_TOKEN`.
  public var sessionToken: String
  /// When the credentials stop working.
  public var expiration: Date
  /// The account they belong to.
  public var accountID: String

  /// Creates a value.
  public init(
    accessKeyID: String, secretAccessKey: String, sessionToken: String, expiration: Date,
    accountID: String
  ) {
    self.accessKeyID = accessKeyID
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
    self.accountID = accountID
  }

  /// The account and expiry only.
  public var description: String {
    "RoleCredentials(account: \(accountID), expires: \(AWSTimestamp.format(expiration)))"
  }
}
