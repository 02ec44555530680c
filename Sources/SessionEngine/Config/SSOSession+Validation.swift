import Foundation

extension SSOSession {
  /// Checks a start URL before it is written: it must be an `https` URL with a host.
  public static func validateStartURL(_ url: String) throws(ConfigError) {
    if url.isEmpty { throw .invalidStartURL(url, reason: "it is empty") }
    if url.unicodeScalars.contains(where: { PythonText.isSpace($0) || $0.value < 0x20 }) {
      throw .invalidStartURL(url, reason: "it contains blanks or control characters")
    }
    guard let components = URLComponents(string: url), let scheme = components.scheme else {
      throw .invalidStartURL(
        url, reason: "it is not a URL; it should look like https://d-1234567890.awsapps.com/start")
    }
    guard scheme.lowercased() == "https" else {
      throw .invalidStartURL(
        url, reason: "it must use https:// (AWS IAM Identity Center only serves https)")
    }
    guard let host = components.host, !host.isEmpty else {
      throw .invalidStartURL(url, reason: "it has no host name")
    }
  }

  /// Checks a region name: lower-case words joined by `-`, ending in a number, the first word
  /// two to four letters (`eu-central-1`, `us-gov-west-1`, `eusc-de-east-1`, `us-iso-east-1`).
  public static func validateRegion(_ region: String) throws(ConfigError) {
    let parts = region.split(separator: "-", omittingEmptySubsequences: false)
    func letters(_ part: Substring) -> Bool {
      !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
    }
    guard parts.count >= 3, let first = parts.first, let last = parts.last,
      (2...4).contains(first.count), letters(first),
      parts.dropFirst().dropLast().allSatisfy(letters),
      !last.isEmpty, last.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
    else { throw .invalidRegion(region) }
  }

  /// Checks `sso_registration_scopes` as typed and returns the parsed scopes: at least one,
  /// none containing blanks (the AWS CLI wizard's rule).
  @discardableResult
  public static func validateScopes(_ raw: String) throws(ConfigError) -> [String] {
    let scopes = parseScopes(raw)
    if scopes.isEmpty {
      throw .invalidScopes(
        raw, reason: "give at least one scope, e.g. \(defaultRegistrationScopes)")
    }
    if let bad = scopes.first(where: { $0.unicodeScalars.contains(where: PythonText.isSpace) }) {
      throw .invalidScopes(raw, reason: "\"\(bad)\" contains blanks; separate scopes with commas")
    }
    if raw.unicodeScalars.contains(where: PythonText.isForbiddenInWrittenText) {
      throw .invalidScopes(raw, reason: "it contains control characters")
    }
    return scopes
  }
}
