public import Foundation

/// A ready SSO token-cache file (spec §7.2) for a live session of the fake, so tests can
/// write it into `~/.aws/sso/cache` and skip the login.
public struct TokenCacheDocument: Sendable, Equatable {
  /// `<sha1 of session name, or of start URL for legacy profiles>.json`.
  public var fileName: String
  /// The file's exact contents: Python `json.dumps` style, no trailing newline.
  public var contents: String
  /// The access token in the document.
  public var accessToken: String
  /// The refresh token in the document.
  public var refreshToken: String?
  /// The registration's client id.
  public var clientId: String
  /// When the access token expires.
  public var expiresAt: Date

  /// Python `json.dumps` string rendering: `\uXXXX` for non-ASCII, `/` left alone.
  static func pythonString(_ text: String) -> String {
    var out = "\""
    for unit in text.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default:
        let hex = String(unit, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return out + "\""
  }
}
