public import Foundation

/// A token file in `~/.aws/sso/cache` (spec §7.2), shared with the AWS CLI v2 and botocore.
///
/// Reading is lenient (unknown keys ignored, any timestamp spelling of §7.2); writing
/// reproduces the CLI's member order and Python `json.dumps` spacing exactly.
public struct SSOToken: Sendable, Equatable {
  /// The start URL as configured (not a resolved vanity URL).
  public var startURL: String?
  /// The SSO region.
  public var region: String?
  /// The bearer token for the portal (a secret).
  public var accessToken: String
  /// When the access token expires.
  public var expiresAt: Date
  /// The registration's client id, needed to refresh.
  public var clientID: String?
  /// The registration's client secret, needed to refresh (a secret).
  public var clientSecret: String?
  /// When the registration expires; no refresh after that.
  public var registrationExpiresAt: Date?
  /// The refresh token, when the service issued one (a secret).
  public var refreshToken: String?

  /// Creates a token value.
  public init(
    startURL: String?, region: String?, accessToken: String, expiresAt: Date,
    clientID: String? = nil, clientSecret: String? = nil, registrationExpiresAt: Date? = nil,
    refreshToken: String? = nil
  ) {
    self.startURL = startURL
    self.region = region
    self.accessToken = accessToken
    self.expiresAt = expiresAt
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.registrationExpiresAt = registrationExpiresAt
    self.refreshToken = refreshToken
  }

  /// Whether the token file has what botocore needs to refresh it (spec §7.4 step 2).
  public var canRefresh: Bool {
    refreshToken != nil && clientID != nil && clientSecret != nil && registrationExpiresAt != nil
  }

  /// The file's text: the CLI's member order, `", "`/`": "` separators, no trailing newline.
  public func encoded() -> Data {
    var members: [(String, PythonJSON)] = []
    if let startURL { members.append(("startUrl", .string(startURL))) }
    if let region { members.append(("region", .string(region))) }
    members.append(("accessToken", .string(accessToken)))
    members.append(("expiresAt", .string(AWSTimestamp.format(expiresAt))))
    if let clientID { members.append(("clientId", .string(clientID))) }
    if let clientSecret { members.append(("clientSecret", .string(clientSecret))) }
    if let registrationExpiresAt {
      members.append(("registrationExpiresAt", .string(AWSTimestamp.format(registrationExpiresAt))))
    }
    if let refreshToken { members.append(("refreshToken", .string(refreshToken))) }
    return Data(PythonJSON.object(members).rendered().utf8)
  }

  /// Reads a token file's content. Returns `nil` when it is not a token file (not JSON, no
  /// `accessToken` or no readable `expiresAt`) — a corrupt file counts as absent.
  public static func decode(_ data: Data) -> SSOToken? {
    guard let wire = try? JSONDecoder().decode(Wire.self, from: data),
      let accessToken = wire.accessToken, !accessToken.isEmpty,
      let expiresText = wire.expiresAt, let expiresAt = AWSTimestamp.parse(expiresText)
    else { return nil }
    return SSOToken(
      startURL: wire.startUrl, region: wire.region, accessToken: accessToken,
      expiresAt: expiresAt, clientID: wire.clientId, clientSecret: wire.clientSecret,
      registrationExpiresAt: wire.registrationExpiresAt.flatMap(AWSTimestamp.parse),
      refreshToken: wire.refreshToken)
  }

  private struct Wire: Decodable {
    var startUrl: String?
    var region: String?
    var accessToken: String?
    var expiresAt: String?
    var clientId: String?
    var clientSecret: String?
    var registrationExpiresAt: String?
    var refreshToken: String?
  }
}

extension SSOToken: CustomStringConvertible {
  /// A description that never shows a secret.
  public var description: String {
    "SSOToken(startURL: \(startURL ?? "-"), region: \(region ?? "-"), expiresAt: "
      + "\(AWSTimestamp.format(expiresAt)), refreshable: \(canRefresh))"
  }
}
