/// A JSON value serialised exactly as Python's `json.dumps` does, because the AWS CLI
/// derives cache file *names* from such text (spec §7.3, §8) and writes cache *contents*
/// in that style (§7.2). Foundation's encoders differ (they escape `/`, keep non-ASCII,
/// pick their own spacing), so a name computed with them would not match the CLI's.
public indirect enum PythonJSON: Sendable, Equatable {
  /// `null` (Python `None`).
  case null
  /// A string.
  case string(String)
  /// An integer.
  case int(Int)
  /// A boolean.
  case bool(Bool)
  /// A list.
  case array([PythonJSON])
  /// An object whose members keep the given order (use `sortKeys` to sort them).
  case object([(String, PythonJSON)])

  /// The separators `json.dumps` puts between items and after keys.
  public enum Style: Sendable {
    /// The default, `(", ", ": ")`, used by the token and registration files.
    case spaced
    /// `separators=(",", ":")`, used for the CLI's role-credential cache key (§8).
    case compact
  }

  /// The text `json.dumps(value, sort_keys=sortKeys)` produces with `ensure_ascii=True`.
  public func rendered(style: Style = .spaced, sortKeys: Bool = false) -> String {
    var output = ""
    render(into: &output, style: style, sortKeys: sortKeys)
    return output
  }

  private func render(into output: inout String, style: Style, sortKeys: Bool) {
    let itemSeparator = style == .spaced ? ", " : ","
    let keySeparator = style == .spaced ? ": " : ":"
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .string(let value): Self.appendQuoted(value, to: &output)
    case .array(let items):
      output += "["
      for (index, item) in items.enumerated() {
        if index > 0 { output += itemSeparator }
        item.render(into: &output, style: style, sortKeys: sortKeys)
      }
      output += "]"
    case .object(let members):
      // Python sorts keys by code point, which is what Swift's String `<` on
      // unicodeScalars gives; compare scalars explicitly to avoid grapheme collation.
      let ordered =
        sortKeys
        ? members.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
        : members
      output += "{"
      for (index, member) in ordered.enumerated() {
        if index > 0 { output += itemSeparator }
        Self.appendQuoted(member.0, to: &output)
        output += keySeparator
        member.1.render(into: &output, style: style, sortKeys: sortKeys)
      }
      output += "}"
    }
  }

  /// Appends `text` quoted and escaped as Python's `json` module does with `ensure_ascii`.
  private static func appendQuoted(_ text: String, to output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{08}": output += "\\b"
      case "\u{0C}": output += "\\f"
      default:
        if scalar.value < 0x20 || scalar.value > 0x7E {
          if scalar.value > 0xFFFF {
            // Astral characters become a UTF-16 surrogate pair.
            let offset = scalar.value - 0x10000
            appendEscape(0xD800 + (offset >> 10), to: &output)
            appendEscape(0xDC00 + (offset & 0x3FF), to: &output)
          } else {
            appendEscape(scalar.value, to: &output)
          }
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }

  private static func appendEscape(_ value: UInt32, to output: inout String) {
    let hex = String(value, radix: 16)
    output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// Equality compares members in order.
  public static func == (lhs: PythonJSON, rhs: PythonJSON) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.string(let a), .string(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }
}
