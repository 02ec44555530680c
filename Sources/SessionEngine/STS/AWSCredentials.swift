public import Foundation

/// AWS credentials as a request signer needs them: an access key, its secret, the session
/// token of temporary credentials and, when known, when they stop working. Every field but
/// the expiration is a secret: the description shows only the expiry.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  /// `AWS_ACCESS_KEY_ID`.
  public var accessKeyID: String
  /// `AWS_SECRET_ACCESS_KEY`.
  public var secretAccessKey: String
  /// `AWS_SESSION_TOKEN`; `nil` for long-term keys.
  public var sessionToken: String?
  /// When the credentials stop working, if known.
  public var expiration: Date?

  /// Creates credentials.
  public init(
    accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
    expiration: Date? = nil
  ) {
    self.accessKeyID = accessKeyID
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
  }

  /// The role credentials of the portal (`GetRoleCredentials`), with their expiry.
  public init(_ role: RoleCredentials) {
    self.init(
      accessKeyID: role.accessKeyID, secretAccessKey: role.secretAccessKey,
      sessionToken: role.sessionToken, expiration: role.expiration)
  }

  /// The expiry only.
  public var description: String {
    "AWSCredentials(expires: \(expiration.map(AWSTimestamp.format) ?? "unknown"))"
  }

  /// The expiry only, as ``description``.
  public var debugDescription: String { description }
}
