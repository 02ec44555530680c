/// What ssopick needs to log in to one IAM Identity Center instance: from an
/// `[sso-session NAME]` section, or from a legacy profile carrying `sso_start_url` itself.
public struct SSOSession: Sendable, Equatable {
  /// The sso-session's name; `nil` for a legacy profile (no refresh tokens, token cache keyed
  /// by start URL).
  public var name: String?
  /// `sso_start_url`, exactly as configured (it keys the token cache).
  public var startURL: String
  /// `sso_region`: where the OIDC and portal endpoints are.
  public var region: String
  /// `sso_registration_scopes`, parsed (spec §9.4); empty when not configured.
  public var registrationScopes: [String]
  /// Where the settings were read (the section header).
  public var origin: ConfigOrigin?

  /// Creates a session value.
  public init(
    name: String?, startURL: String, region: String, registrationScopes: [String] = [],
    origin: ConfigOrigin? = nil
  ) {
    self.name = name
    self.startURL = startURL
    self.region = region
    self.registrationScopes = registrationScopes
    self.origin = origin
  }

  /// Whether this is the legacy form (settings in the profile, no sso-session).
  public var isLegacy: Bool { name == nil }

  /// The scope every new session gets unless told otherwise.
  public static let defaultRegistrationScopes = "sso:account:access"

  /// Splits `sso_registration_scopes` as botocore does: at commas, each item trimmed, empty
  /// items dropped (`"sso:account:access, codecatalyst:read_write"` gives two scopes).
  public static func parseScopes(_ raw: String) -> [String] {
    raw.split(separator: ",", omittingEmptySubsequences: false)
      .map { PythonText.strip($0) }
      .filter { !$0.isEmpty }
  }
}
