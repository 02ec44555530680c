/// The one rule for text that comes from outside ssopick — account names, e-mail addresses,
/// role names and error messages from the service, names from a config file — wherever it is
/// shown as text (the picker, `list`, stderr messages, `--verbose` notes, `status`, the demo).
///
/// Unsafe are the characters that can change a terminal's state or how a line reads:
/// C0 controls (ESC, BEL, CR, LF, …), DEL, C1 controls (CSI U+009B, OSC U+009D, …), the
/// bidirectional controls that reorder text (U+061C, U+200E/F, U+202A–U+202E,
/// U+2066–U+2069) and the Unicode line and paragraph separators. Text output makes them
/// visible as escapes (`\x1b`, `\n`, `\u{202e}`); the picker, which draws cells, replaces
/// them (``DisplayWidth/sanitized(_:)``). Escapes are plain ASCII, so an escape sequence
/// hidden in a name can never reach the terminal as one. `--json` output stays exact: JSON
/// escapes controls itself and is read by programs, not terminals.
public enum UntrustedText {
  /// Whether `scalar` must not reach a terminal as itself.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return true }
    guard value >= 0x61C else { return false }
    return value == 0x61C || value == 0x200E || value == 0x200F
      || (0x2028...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }

  /// Whether `text` holds anything ``isUnsafe(_:)``.
  public static func needsEscaping(_ text: some StringProtocol) -> Bool {
    text.unicodeScalars.contains(where: isUnsafe)
  }

  /// `text` with every unsafe character written as an escape: `\t`, `\n`, `\r`, `\xHH` for
  /// the other C0 controls and DEL, `\u{HH}`/`\u{HHHH}` for C1 and the bidi controls.
  public static func escaped(_ text: String) -> String {
    guard needsEscaping(text) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if let escape = escape(scalar) {
        result += escape
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `text` for a message on stderr made of several lines: like ``escaped(_:)`` but line
  /// feeds stay line feeds (a message's own structure). Values interpolated into a message
  /// should already be ``escaped(_:)``, so a line feed inside a name cannot fake a line.
  public static func forMessage(_ text: String) -> String {
    guard needsEscaping(text) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if scalar != "\n", let escape = escape(scalar) {
        result += escape
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// How an unsafe scalar is shown, or `nil` for a safe one.
  public static func escape(_ scalar: Unicode.Scalar) -> String? {
    guard isUnsafe(scalar) else { return nil }
    switch scalar.value {
    case 0x09: return "\\t"
    case 0x0A: return "\\n"
    case 0x0D: return "\\r"
    case 0..<0x20, 0x7F: return "\\x" + hex(scalar.value, digits: 2)
    default: return "\\u{" + hex(scalar.value, digits: 2) + "}"
    }
  }

  /// `text` cut to at most `columns` terminal columns (``DisplayWidth``), ending in `…` when
  /// anything was cut. Whole characters only, so a wide character is never split.
  public static func truncated(_ text: String, columns: Int) -> String {
    guard columns > 0 else { return "" }
    guard DisplayWidth.of(text) > columns else { return text }
    var result = ""
    var width = 0
    for character in text {
      let next = DisplayWidth.of(character)
      if width + next > columns - 1 { break }
      result.append(character)
      width += next
    }
    return result + "…"
  }

  private static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}

extension String.StringInterpolation {
  /// Interpolates text from outside ssopick made safe for a terminal
  /// (``UntrustedText/escaped(_:)``): `"Wrote credentials for \(untrusted: account.accountName)"`.
  public mutating func appendInterpolation(untrusted text: String) {
    appendLiteral(UntrustedText.escaped(text))
  }
}
