import Foundation

/// The host part of a URL, for error messages: never the user info, port, path, query or
/// fragment (a query can carry a pagination token).
enum HostName {
  /// The host of `url`, e.g. `portal.sso.eu-west-1.amazonaws.com`; `[::1]` keeps its
  /// brackets. An unparsable URL gives an empty string rather than any part of it.
  static func of(_ url: String) -> String {
    guard let schemeEnd = url.range(of: "://") else { return "" }
    var authority = url[schemeEnd.upperBound...]
    if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
      authority = authority[..<end]
    }
    if let at = authority.lastIndex(of: "@") {
      authority = authority[authority.index(after: at)...]
    }
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return "" }
      return String(authority[...close])
    }
    if let colon = authority.firstIndex(of: ":") {
      authority = authority[..<colon]
    }
    return String(authority)
  }
}
