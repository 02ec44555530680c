public import Foundation

/// A client-registration file in `~/.aws/sso/cache` (spec §7.3), written and reused exactly
/// as the AWS CLI v2 does, so switching between `aws sso login` and ssopick does not
/// register a new client each time.
public enum RegistrationRecord {
  /// The file's text: `clientId`, `clientSecret`, `expiresAt`, then `scopes` and
  /// `grantTypes` when present, in the CLI's order and spacing.
  public static func encode(_ registration: ClientRegistration) -> Data {
    var members: [(String, PythonJSON)] = [
      ("clientId", .string(registration.clientID)),
      ("clientSecret", .string(registration.clientSecret)),
      ("expiresAt", .string(AWSTimestamp.format(registration.expiresAt))),
    ]
    if let scopes = registration.scopes {
      members.append(("scopes", .array(scopes.map(PythonJSON.string))))
    }
    if let grantTypes = registration.grantTypes {
      members.append(("grantTypes", .array(grantTypes.map(PythonJSON.string))))
    }
    return Data(PythonJSON.object(members).rendered().utf8)
  }

  /// Reads a registration file; `nil` when it is unreadable (treated as absent).
  public static func decode(_ data: Data) -> ClientRegistration? {
    guard let wire = try? JSONDecoder().decode(Wire.self, from: data),
      let expiresAt = AWSTimestamp.parse(wire.expiresAt)
    else { return nil }
    return ClientRegistration(
      clientID: wire.clientId, clientSecret: wire.clientSecret, expiresAt: expiresAt,
      scopes: wire.scopes, grantTypes: wire.grantTypes)
  }

  /// The CLI's reuse rule (§7.3): valid for more than 15 more minutes, and made for the
  /// same flow (PKCE needs `authorization_code`; the device flow needs its absence).
  public static func isReusable(
    _ registration: ClientRegistration, forPKCE: Bool, now: Date
  ) -> Bool {
    registration.expiresAt.timeIntervalSince(now) > 15 * 60
      && registration.supportsAuthorizationCode == forPKCE
  }

  private struct Wire: Decodable {
    var clientId: String
    var clientSecret: String
    var expiresAt: String
    var scopes: [String]?
    var grantTypes: [String]?
  }
}
