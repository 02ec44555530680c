/// How many terminal columns text takes, per `Character` (grapheme cluster): East Asian wide
/// and fullwidth characters and emoji shown as emoji take two columns, combining marks and
/// other zero-width characters none (a `Character` that starts with a letter and carries
/// marks, such as `e` + U+0301, takes the letter's width), everything else one.
///
/// The picker lays out every `Frame` with this function and the terminal layer places each
/// non-ASCII character at the column the frame gives it, so a terminal whose `wcwidth`
/// disagrees on a rare character shifts at most that character, never the rest of the line.
/// `ssopick list` aligns its columns with the same widths, so both agree.
public enum DisplayWidth {
  /// The columns `character` takes: 0, 1 or 2. A character holding anything
  /// ``UntrustedText/isUnsafe(_:)`` (controls, bidi controls) counts 1, because the picker
  /// shows it as U+FFFD (see ``sanitized(_:)``).
  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let value = first.value
    if value < 0x300 { return 1 }
    if scalars.contains(where: UntrustedText.isUnsafe) { return 1 }
    // An emoji presentation selector or a ZWJ sequence makes the cluster an emoji.
    if scalars.contains(where: { $0.value == 0xFE0F }),
      first.properties.isEmoji
    {
      return 2
    }
    let base = of(scalar: first)
    if base == 0 {
      // A cluster that starts with a mark (e.g. a lone combining accent) takes the width of
      // the first scalar that takes any.
      return scalars.dropFirst().lazy.map(of(scalar:)).first { $0 > 0 } ?? 0
    }
    return base
  }

  /// The columns `text` takes.
  public static func of(_ text: some StringProtocol) -> Int {
    var width = 0
    for character in text { width += of(character) }
    return width
  }

  /// The columns one scalar takes on its own.
  public static func of(scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1160...0x11FF).contains(value) || (0xFE00...0xFE0F).contains(value)
      || (0xE0100...0xE01EF).contains(value)
    {
      return 0
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    return isWide(value) ? 2 : 1
  }

  /// `text` with every unsafe character (``UntrustedText/isUnsafe(_:)``: C0, DEL, C1, bidi
  /// controls) replaced by U+FFFD, and tabs by a space, so that nothing an account name
  /// contains can move the terminal's cursor, change its state or reorder a line.
  public static func sanitized(_ text: String) -> String {
    guard UntrustedText.needsEscaping(text) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "\t" {
        scalars.append(" ")
      } else if UntrustedText.isUnsafe(scalar) {
        scalars.append("\u{FFFD}")
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode 15 that are not emoji (emoji
  /// are found through `isEmojiPresentation`).
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5,
    0x2FF0...0x2FFB, 0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F,
    0x3131...0x318E, 0x3190...0x31E3, 0x31F0...0x321E, 0x3220...0x3247, 0x3250...0x4DBF,
    0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60,
    0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7,
    0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1B122, 0x1B150...0x1B152,
    0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B,
    0x1F240...0x1F248, 0x1F250...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  private static func isWide(_ value: UInt32) -> Bool {
    if value < 0x1100 { return false }
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = wideRanges[middle]
      if value < range.lowerBound {
        high = middle - 1
      } else if value > range.upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }
}
