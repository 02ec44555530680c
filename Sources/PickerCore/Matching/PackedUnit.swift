/// The layout of one unit of a row's search text: a folded scalar plus what scoring needs
/// to know about its position, packed into a `UInt32` so the per-keystroke loops read one
/// contiguous buffer and nothing else.
///
/// ```
/// bit 31      uppercase in the original text (for smart case)
/// bit 29      last unit of its field
/// bit 28      first unit of its field
/// bits 25–27  field bonus (account name and role score higher than email)
/// bits 21–24  boundary bonus (word start, camelCase, after a delimiter, ...)
/// bits 0–20   the folded scalar value (at most 0x10FFFF), or all ones for a separator
/// ```
///
/// A query unit is a folded scalar, with bit 31 set for uppercase letters of a case-sensitive
/// term. `unit & mask == queryUnit` compares them, where the mask keeps bit 31 only for
/// case-sensitive terms. A separator between fields never equals a query unit.
enum PackedUnit {
  /// The bits holding the folded scalar value.
  static let scalarMask: UInt32 = 0x001F_FFFF
  /// Set on units that came from an uppercase letter.
  static let uppercaseBit: UInt32 = 0x8000_0000
  /// The comparison mask of a case-sensitive term.
  static let caseSensitiveMask: UInt32 = scalarMask | uppercaseBit
  /// Set on the first unit of a non-empty field (bit 28; the single-character scorer shifts by
  /// that number).
  static let fieldStartBit: UInt32 = 1 << 28
  /// Set on the last unit of a non-empty field (bit 29).
  static let fieldEndBit: UInt32 = 1 << 29
  /// The unit placed between two fields.
  static let separator: UInt32 = scalarMask

  static let boundaryShift: UInt32 = 21
  static let fieldBonusShift: UInt32 = 25

  /// The boundary bonus stored in `unit`.
  @inline(__always)
  static func boundaryBonus(_ unit: UInt32) -> Int32 {
    Int32(truncatingIfNeeded: (unit >> boundaryShift) & 0xF)
  }

  /// The score for matching `unit`: the base match score plus its field's bonus.
  @inline(__always)
  static func matchScore(_ unit: UInt32) -> Int32 {
    MatchScoring.match + Int32(truncatingIfNeeded: (unit >> fieldBonusShift) & 0x7)
  }

  /// How many buckets the per-row character index has (``bucket(_:)``).
  static let bucketCount = 37

  /// The bucket of the per-row character index for a folded scalar value: one per ASCII
  /// letter and digit, and one shared by everything else (punctuation, spaces, other
  /// scripts), whose units are compared one by one. Separators are not indexed.
  @inline(__always)
  static func bucket(_ value: UInt32) -> Int {
    if value &- 0x61 < 26 { return Int(value - 0x61) }
    if value &- 0x30 < 10 { return Int(26 + value - 0x30) }
    return 36
  }

  /// The bit of a 64-bit presence mask that stands for a folded scalar value.
  ///
  /// ASCII letters and digits get a bit each; every other scalar shares one of 28 bits. A row
  /// whose mask lacks a bit of the term's mask cannot match it and is skipped at once.
  @inline(__always)
  static func presenceBit(_ value: UInt32) -> UInt64 {
    if value &- 0x61 < 26 { return 1 << UInt64(value - 0x61) }
    if value &- 0x30 < 10 { return 1 << UInt64(26 + value - 0x30) }
    return 1 << UInt64(36 + value % 28)
  }
}
