import Foundation

/// The access portal's own console shortcut for a role:
/// `<start URL>/#/console?account_id=…&role_name=…[&destination=…]`.
///
/// Opening it signs in through the portal (the browser's portal session), so it needs no
/// role credentials, and it works with the console's multi-session mode (several accounts in
/// one browser). Unlike a federation sign-in URL it is not a secret: it signs in only someone
/// already signed in to the portal.
public enum PortalShortcut {
  /// The variable that chooses what the picker's Ctrl-O (and `console` without
  /// `--portal`/`--no-portal`) opens: `federation` (the default) or `portal`.
  public static let modeVariable = "SSOPICK_CONSOLE"

  /// Whether `SSOPICK_CONSOLE` asks for the portal's shortcut (`portal`) rather than a
  /// federation sign-in URL (`federation`, or unset).
  public static func isDefault(environment: Environment) throws(OutputError) -> Bool {
    guard let value = environment.nonEmpty(modeVariable) else { return false }
    switch value.lowercased() {
    case "portal": return true
    case "federation": return false
    default: throw .invalidConsoleMode(value)
    }
  }

  /// The shortcut URL for `roleName` in `accountID` under the portal at `startURL`, opening
  /// `destination` (a full console URL) when given.
  public static func url(
    startURL: String, accountID: String, roleName: String, destination: String? = nil
  ) -> String {
    var base = startURL
    if let hash = base.firstIndex(of: "#") { base = String(base[..<hash]) }
    while base.hasSuffix("/") { base.removeLast() }
    var query = [("account_id", accountID), ("role_name", roleName)]
    if let destination { query.append(("destination", destination)) }
    return base + "/#/console?" + PercentEncoding.query(query)
  }
}
