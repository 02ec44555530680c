import Crypto

/// The file names the AWS CLI v2 and botocore give their caches: 40 lowercase hex digits of
/// a SHA-1 digest (spec §7.2, §7.3, §8). Sharing them is what lets one login serve
/// ssopick, the AWS CLI and every SDK.
public enum CacheKey {
  /// Lowercase hex SHA-1 of the UTF-8 bytes of `text`.
  public static func sha1Hex(_ text: String) -> String {
    Insecure.SHA1.hash(data: Array(text.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 0x10 ? "0" + hex : hex
    }.joined()
  }

  /// The token file's key (§7.2): SHA-1 of the sso-session name, or for a legacy profile
  /// of the start URL exactly as configured.
  public static func token(sessionName: String?, startURL: String) -> String {
    sha1Hex(sessionName ?? startURL)
  }

  /// The client-registration file's key (§7.3): SHA-1 of Python's
  /// `json.dumps({...}, sort_keys=True)` of the registration arguments.
  public static func registration(
    startURL: String, region: String, scopes: [String]?, sessionName: String?
  ) -> String {
    sha1Hex(
      registrationArguments(
        startURL: startURL, region: region, scopes: scopes, sessionName: sessionName))
  }

  /// The exact text hashed for `registration(...)`; public so tests can compare it with
  /// the spec's vectors.
  public static func registrationArguments(
    startURL: String, region: String, scopes: [String]?, sessionName: String?
  ) -> String {
    let scopesValue: PythonJSON = scopes.map { .array($0.map(PythonJSON.string)) } ?? .null
    let document = PythonJSON.object([
      ("tool", .string("botocore")),
      ("startUrl", .string(startURL)),
      ("region", .string(region)),
      ("scopes", scopesValue),
      ("session_name", sessionName.map(PythonJSON.string) ?? .null),
    ])
    return document.rendered(style: .spaced, sortKeys: true)
  }

  /// The AWS CLI's role-credential cache key (§8): SHA-1 of the compact, key-sorted JSON of
  /// account, role and session name (or start URL for a legacy profile).
  public static func roleCredentials(
    accountID: String, roleName: String, sessionName: String?, startURL: String
  ) -> String {
    var members: [(String, PythonJSON)] = [
      ("accountId", .string(accountID)), ("roleName", .string(roleName)),
    ]
    if let sessionName {
      members.append(("sessionName", .string(sessionName)))
    } else {
      members.append(("startUrl", .string(startURL)))
    }
    return sha1Hex(PythonJSON.object(members).rendered(style: .compact, sortKeys: true))
  }
}
