/// Folds text for matching: letter case, diacritics, and a few letters people type two ways.
///
/// The same folding is applied to the rows (once, when they are added) and to the query (on
/// every keystroke), so `zurich` finds `Zürich`, `strasse` finds `Straße`, `ola` finds `Óla`
/// and `αθηνα` finds `Αθήνα`. Folding works on single scalars and never looks at context, so a
/// longer query always folds to a longer sequence; the incremental filter relies on that.
///
/// Rules, in order:
/// - Combining marks, variation selectors and format characters (zero-width joiner, ...) fold
///   to nothing: `e` + U+0301 matches like `é`, which matches like `e`.
/// - Letters are lowercased with the Unicode lowercase mapping.
/// - A Latin letter "X WITH <diacritics>" folds to X; Latin ligatures and digraphs fold to
///   their letters (`æ` → `ae`, `œ` → `oe`, `ĳ` → `ij`, `ﬁ` → `fi`); `ß` → `ss`, `þ` → `th`,
///   `ð` → `d`, `ı` → `i`. Any other letter "X WITH <diacritics>" below U+2000 (Greek,
///   Cyrillic) folds to X. Cyrillic `ё` folds to `е`, as Russian text commonly writes it.
/// - Fullwidth ASCII (`Ｐｒｏｄ`) folds to ASCII.
///
/// The rules are derived from the Unicode names and case mappings that ship with the Swift
/// standard library (no Foundation, no ICU), so they are the same on Linux and macOS. The
/// results for U+0080..<U+2000 are computed once, on first use, into a flat table.
enum TextFolding {
  /// The scalars below this value are folded through ``FoldTable``.
  static let tableLimit: UInt32 = 0x2000

  /// Appends the folded form of `scalar` (zero or more scalar values) to `output`.
  @inline(__always)
  static func appendFolded(_ scalar: Unicode.Scalar, to output: inout [UInt32]) {
    let value = scalar.value
    if value < 0x80 {
      output.append(value &- 0x41 < 26 ? value | 0x20 : value)
    } else if value < tableLimit {
      FoldTable.shared.append(value, to: &output)
    } else {
      output.append(contentsOf: foldedSlowly(scalar, names: nil))
    }
  }

  /// Whether `scalar` is an uppercase (or titlecase) letter: the smart-case test.
  @inline(__always)
  static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 { return value &- 0x41 < 26 }
    return scalar.properties.changesWhenLowercased
  }

  /// Whether `scalar` folds to nothing because it only decorates its neighbour.
  static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .format: true
    default: false
    }
  }

  /// Folds one scalar from first principles (names and case mappings).
  ///
  /// - Parameter names: a map from Unicode name to scalar for U+0000..<U+2000, used to find
  ///   the base letter of a non-Latin "X WITH ..." letter; `nil` skips that rule.
  static func foldedSlowly(_ scalar: Unicode.Scalar, names: [String: Unicode.Scalar]?)
    -> [UInt32]
  {
    if isIgnorable(scalar) { return [] }
    let value = scalar.value
    if (0xFF01...0xFF5E).contains(value), let ascii = Unicode.Scalar(value - 0xFEE0) {
      var output: [UInt32] = []
      appendFolded(ascii, to: &output)
      return output
    }
    let properties = scalar.properties
    let lowered =
      properties.changesWhenLowercased
      ? Array(properties.lowercaseMapping.unicodeScalars) : [scalar]
    var output: [UInt32] = []
    for letter in lowered where !isIgnorable(letter) {
      if letter.value < 0x80 {
        appendFolded(letter, to: &output)
      } else {
        output.append(contentsOf: baseLetters(of: letter, names: names))
      }
    }
    return output
  }

  /// The letters a lowercase non-ASCII letter stands for, or the letter itself.
  private static func baseLetters(of letter: Unicode.Scalar, names: [String: Unicode.Scalar]?)
    -> [UInt32]
  {
    let value = letter.value
    if value == 0x0451 { return [0x0435] }  // ё → е
    guard value < tableLimit || isLatinBlock(value), let name = letter.properties.name else {
      return [value]
    }
    if let latin = latinLetters(named: name) {
      return latin
    }
    if let names, let with = name.firstRange(of: " WITH "),
      let base = names[String(name[..<with.lowerBound])], base != letter
    {
      return foldedSlowly(base, names: names)
    }
    return [value]
  }

  /// Latin blocks above U+2000 worth the (slow) name lookup.
  private static func isLatinBlock(_ value: UInt32) -> Bool {
    (0x2C60..<0x2C80).contains(value) || (0xA720..<0xA800).contains(value)
      || (0xAB30..<0xAB70).contains(value) || (0xFB00..<0xFB07).contains(value)
  }

  /// The ASCII letters of a Latin letter or ligature, from its Unicode name.
  private static func latinLetters(named name: String) -> [UInt32]? {
    let prefixes: [(prefix: String, maximumLetters: Int)] = [
      ("LATIN SMALL LETTER ", 2), ("LATIN CAPITAL LETTER ", 2),
      ("LATIN SMALL LIGATURE ", 3), ("LATIN CAPITAL LIGATURE ", 3),
    ]
    guard let match = prefixes.first(where: { name.hasPrefix($0.prefix) }) else { return nil }
    var letter = name.dropFirst(match.prefix.count)
    if let with = letter.firstRange(of: " WITH ") {
      letter = letter[..<with.lowerBound]
    }
    let special: [Substring: String] = [
      "SHARP S": "ss", "DOTLESS I": "i", "DOTLESS J": "j", "THORN": "th", "ETH": "d",
      "LONG S": "s",
    ]
    if let spelled = special[letter] {
      return spelled.unicodeScalars.map(\.value)
    }
    let scalars = letter.unicodeScalars
    guard (1...match.maximumLetters).contains(scalars.count),
      scalars.allSatisfy({ ("A"..."Z").contains($0) })
    else { return nil }
    return scalars.map { $0.value | 0x20 }
  }
}
