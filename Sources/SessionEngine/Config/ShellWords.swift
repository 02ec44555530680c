/// Python's `shlex.split` (POSIX mode, no comments), which botocore uses to read the name in
/// `[profile NAME]`, `[sso-session NAME]` and `[services NAME]`, and the matching quoting for
/// writing such a header.
enum ShellWords {
  /// Why `split` could not read its input (Python raises `ValueError`).
  enum SplitError: Error, Equatable {
    /// A `'` or `"` was never closed.
    case noClosingQuotation
    /// The text ends with a lone `\`.
    case noEscapedCharacter
  }

  private static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n"]

  /// Whether `byte` is one of the blanks that separate words (space, tab, CR, LF).
  @inline(__always)
  static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
  }

  /// Splits `text` into words the way `shlex.split(text)` does.
  static func split(_ text: String) throws(SplitError) -> [String] {
    let utf8 = text.utf8
    if !utf8.contains(where: {
      $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }) {
      // Without quotes or backslashes, words are the runs between blanks.
      return utf8.split(whereSeparator: isBlank).map { String(decoding: $0, as: UTF8.self) }
    }
    enum State { case plain, single, double }
    var words: [String] = []
    var word = String.UnicodeScalarView()
    var inWord = false
    var state = State.plain
    var iterator = text.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      switch state {
      case .plain:
        if whitespace.contains(scalar) {
          if inWord { words.append(String(word)) }
          word = String.UnicodeScalarView()
          inWord = false
        } else if scalar == "\\" {
          guard let next = iterator.next() else { throw .noEscapedCharacter }
          word.append(next)
          inWord = true
        } else if scalar == "'" {
          state = .single
          inWord = true
        } else if scalar == "\"" {
          state = .double
          inWord = true
        } else {
          word.append(scalar)
          inWord = true
        }
      case .single:
        if scalar == "'" { state = .plain } else { word.append(scalar) }
      case .double:
        if scalar == "\"" {
          state = .plain
        } else if scalar == "\\" {
          guard let next = iterator.next() else { throw .noClosingQuotation }
          if next != "\"" && next != "\\" { word.append("\\") }
          word.append(next)
        } else {
          word.append(scalar)
        }
      }
    }
    if state != .plain { throw .noClosingQuotation }
    if inWord { words.append(String(word)) }
    return words
  }

  /// `word` written so that `split` reads it back as one word: as is when it has no
  /// whitespace, quote or backslash; otherwise in single quotes, or in double quotes (with
  /// `\"` and `\\`) when it contains a single quote.
  static func quote(_ word: String) -> String {
    let special: Set<Unicode.Scalar> = whitespace.union(["'", "\"", "\\"])
    if !word.isEmpty && !word.unicodeScalars.contains(where: special.contains) {
      return word
    }
    if !word.contains("'") {
      return "'" + word + "'"
    }
    var quoted = "\""
    for scalar in word.unicodeScalars {
      if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
      quoted.unicodeScalars.append(scalar)
    }
    return quoted + "\""
  }
}
