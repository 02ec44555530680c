/// How `ssopick list` shows control characters: as escapes, whose length is their width.
extension DisplayWidth {
  /// The width of `text` as `CatalogListFormat.text` shows it (controls escaped).
  static func ofEscaped(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
      if scalar.value >= 0x20 && scalar.value < 0x7F {
        width += 1
      } else if let escape = escape(scalar) {
        width += escape.utf8.count
      } else {
        width += of(scalar: scalar)
      }
    }
    return width
  }

  /// How a control character is shown (`\t`, `\n`, `\r`, `\x1b`, `\u{9b}`…), or `nil` for a
  /// character shown as itself.
  static func escape(_ scalar: Unicode.Scalar) -> String? {
    switch scalar.value {
    case 0x09: return "\\t"
    case 0x0A: return "\\n"
    case 0x0D: return "\\r"
    case 0..<0x20, 0x7F:
      return "\\x" + hex(scalar.value, digits: 2)
    case 0x80..<0xA0:
      return "\\u{" + hex(scalar.value, digits: 2) + "}"
    default: return nil
    }
  }

  private static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
