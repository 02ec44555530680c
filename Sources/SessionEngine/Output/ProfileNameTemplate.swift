import Foundation

/// Turns an account and role into a profile name: a template such as the default
/// `{account_name}/{role_name}`, filled in and then made safe.
///
/// Placeholders: `{account_name}`, `{account_id}`, `{role_name}`, `{account_email}`,
/// `{session}` (the sso-session name; the start URL's host for a legacy profile). Any other
/// `{…}`, or a lone brace, is an error.
///
/// Making the name safe (`sanitise`) — chosen so the name works unquoted in shells, in
/// `AWS_PROFILE=NAME` and in `--profile NAME`, and reads back from `[profile NAME]` in
/// botocore without quoting:
/// - the text is put in Unicode canonical composed form (NFC);
/// - letters and digits of any script are kept (`Zürich`, `Kraków` stay as they are), and
///   so are `-`, `_`, `.`, `/`, `@`, `+`, `=` and `,` (the characters IAM allows in role
///   names);
/// - every other character — spaces, tabs, quotes, brackets, `&`, `$`, `#`, `;`, `:`,
///   `(`, `)`, `\`, control characters… — becomes `-`;
/// - runs of `-` become one, and each `/`-separated part loses leading and trailing `-`;
///   empty parts are dropped.
///
/// `Payments (EU) & Billing` with role `AdministratorAccess` becomes
/// `Payments-EU-Billing/AdministratorAccess`. A name that comes out empty falls back to the
/// account id.
public struct ProfileNameTemplate: Sendable, Equatable {
  /// The default template.
  public static let defaultTemplate = "{account_name}/{role_name}"
  /// The placeholders a template may use.
  public static let placeholders = [
    "account_name", "account_id", "role_name", "account_email", "session",
  ]

  /// The template text.
  public let text: String
  private let parts: [Part]

  private enum Part: Sendable, Equatable {
    case literal(String)
    case placeholder(String)
  }

  /// Parses `text`; throws for an unknown placeholder or an unmatched brace.
  public init(_ text: String = defaultTemplate) throws(OutputError) {
    self.text = text
    var parts: [Part] = []
    var literal = ""
    var rest = Substring(text)
    while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
      literal += rest[..<brace]
      guard rest[brace] == "{", let close = rest[brace...].firstIndex(of: "}") else {
        throw .invalidTemplate(text, reason: "braces must enclose a placeholder")
      }
      let name = String(rest[rest.index(after: brace)..<close])
      guard Self.placeholders.contains(name) else {
        throw .invalidTemplate(
          text,
          reason: "unknown placeholder {\(name)}; use "
            + Self.placeholders.map { "{\($0)}" }.joined(separator: ", "))
      }
      if !literal.isEmpty { parts.append(.literal(literal)) }
      literal = ""
      parts.append(.placeholder(name))
      rest = rest[rest.index(after: close)...]
    }
    literal += rest
    if !literal.isEmpty { parts.append(.literal(literal)) }
    guard parts.contains(where: { if case .placeholder = $0 { true } else { false } }) else {
      throw .invalidTemplate(
        text, reason: "it has no placeholder, so every role would get one name")
    }
    self.parts = parts
  }

  /// The safe profile name for `account` and `roleName` in `session`.
  public func name(account: AccountInfo, roleName: String, session: SSOSession) -> String {
    var raw = ""
    for part in parts {
      switch part {
      case .literal(let text): raw += text
      case .placeholder(let name):
        switch name {
        case "account_name": raw += account.accountName
        case "account_id": raw += account.accountID
        case "role_name": raw += roleName
        case "account_email": raw += account.emailAddress
        default: raw += session.name ?? URLComponents(string: session.startURL)?.host ?? "sso"
        }
      }
    }
    let safe = Self.sanitise(raw)
    return safe.isEmpty ? account.accountID : safe
  }

  /// `raw` made safe as a profile name (see the type's documentation).
  public static func sanitise(_ raw: String) -> String {
    isAlreadySafe(raw) ? raw : sanitiseFully(raw)
  }

  /// The rule itself (``sanitise(_:)`` skips it for names it would not change).
  static func sanitiseFully(_ raw: String, asciiFastPath: Bool = true) -> String {
    let kept: Set<Unicode.Scalar> = ["-", "_", ".", "/", "@", "+", "=", ","]
    var mapped = String.UnicodeScalarView()
    if asciiFastPath, raw.utf8.allSatisfy({ $0 < 0x80 }) {
      // ASCII needs no normalisation, and its letters and digits are plain ranges.
      for scalar in raw.unicodeScalars {
        let value = scalar.value
        let isWord =
          (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value)
          || (0x30...0x39).contains(value)
        if isWord || kept.contains(scalar) {
          mapped.append(scalar)
        } else if mapped.last != "-" {
          mapped.append("-")
        }
      }
    } else {
      for scalar in raw.precomposedStringWithCanonicalMapping.unicodeScalars {
        let properties = scalar.properties
        let isWord = properties.isAlphabetic || properties.generalCategory == .decimalNumber
        if isWord || kept.contains(scalar) {
          mapped.append(scalar)
        } else if mapped.last != "-" {
          mapped.append("-")
        }
      }
    }
    let segments = String(mapped).split(separator: "/", omittingEmptySubsequences: true).map {
      segment -> String in
      var text = String(segment)
      while text.contains("--") { text = text.replacingOccurrences(of: "--", with: "-") }
      while text.hasPrefix("-") { text.removeFirst() }
      while text.hasSuffix("-") { text.removeLast() }
      return text
    }
    return segments.filter { !$0.isEmpty }.joined(separator: "/")
  }

  /// Whether `sanitise` would return `raw` unchanged: ASCII letters, digits and the kept
  /// punctuation only, no `--`, and no segment (between `/`) empty or starting or ending
  /// with `-`. Most names are, and checking the bytes is far cheaper than the full rule.
  static func isAlreadySafe(_ raw: String) -> Bool {
    var previous: UInt8 = UInt8(ascii: "/")
    for byte in raw.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
        UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: ","):
        break
      case UInt8(ascii: "-"):
        if previous == UInt8(ascii: "-") || previous == UInt8(ascii: "/") { return false }
      case UInt8(ascii: "/"):
        if previous == UInt8(ascii: "-") || previous == UInt8(ascii: "/") { return false }
      default:
        return false
      }
      previous = byte
    }
    return !raw.isEmpty && previous != UInt8(ascii: "-") && previous != UInt8(ascii: "/")
  }
}
