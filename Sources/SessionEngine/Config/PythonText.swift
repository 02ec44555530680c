/// The few string rules of Python's `configparser` that decide how an AWS config line is read:
/// Python's notion of whitespace (`str.strip`, `str.isspace`, regex `\s`), which is wider than
/// ASCII spaces and tabs.
enum PythonText {
  /// Whether Python's `str.isspace()` is true for `scalar`.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
      0x205F, 0x3000:
      return true
    default:
      return false
    }
  }

  /// `text.strip()`.
  static func strip<S: StringProtocol>(_ text: S) -> String {
    // Nothing to strip when both ends are visible ASCII (the common case, and cheap).
    if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
      (0x21...0x7E).contains(first.value), (0x21...0x7E).contains(last.value)
    {
      return String(text)
    }
    let scalars = Array(text.unicodeScalars)
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[first...last])
    return String(result)
  }

  /// `text.rstrip()`.
  static func rstrip<S: StringProtocol>(_ text: S) -> String {
    let scalars = Array(text.unicodeScalars)
    guard let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[...last])
    return String(result)
  }

  /// The number of leading whitespace scalars (Python's `NONSPACECRE.search(line).start()`).
  static func indentation<S: StringProtocol>(_ text: S) -> Int {
    var count = 0
    for scalar in text.unicodeScalars {
      guard isSpace(scalar) else { break }
      count += 1
    }
    return count
  }

  /// Whether `scalar` ends a line for Python's `str.splitlines()` or is another control
  /// character that must never appear inside a written key, value or section name.
  static func isForbiddenInWrittenText(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09: return false
    case 0x00...0x1F, 0x7F, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// The header name when `stripped` is a section header line: `[` then at least one
  /// character then the *last* `]` on the line (`configparser`'s greedy `\[(?P<header>.+)\]`,
  /// anchored at the start only, so text after the last `]` is ignored).
  static func sectionHeaderName(_ stripped: String) -> String? {
    let scalars = Array(stripped.unicodeScalars)
    guard scalars.first == "[", let close = scalars.lastIndex(of: "]"), close >= 2 else {
      return nil
    }
    var name = String.UnicodeScalarView()
    name.append(contentsOf: scalars[1..<close])
    return String(name)
  }
}
