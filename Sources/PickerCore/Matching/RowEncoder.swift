/// Turns a ``SearchableRow`` into packed search units (``PackedUnit``).
///
/// The engine runs this once per row when rows are added. Highlighting runs it again for the
/// few visible rows, this time asking for each unit's origin (field and character index):
/// recomputing is cheaper than storing an origin for every unit of every row, and the same
/// function guarantees the same units.
enum RowEncoder {
  /// Where a unit came from: the field and the index of the `Character` in that field.
  struct Origin: Equatable {
    var field: SearchField
    var character: Int
  }

  /// What encoding a row found out besides its units.
  struct Summary {
    /// The presence bits of the row's units (``PackedUnit/presenceBit(_:)``).
    var presence: UInt64 = 0
    /// Every `Character` became exactly one unit, so a unit's origin follows from counting
    /// (the common case: ASCII and precomposed letters), and highlighting needs no re-encoding.
    var isOneUnitPerCharacter = true
  }

  /// Appends the units of `row` to `units`.
  ///
  /// - Parameter origins: when not `nil`, receives one origin per appended unit (separators
  ///   get a character index of -1).
  static func encode(
    _ row: SearchableRow,
    into units: inout [UInt32],
    origins: inout [Origin]?
  ) -> Summary {
    var summary = Summary()
    for field in SearchField.allCases {
      // No session field (and no separator before it) for a row of a one-session picker.
      if field == .session, row.session.isEmpty { break }
      if field.rawValue > 0 {
        units.append(PackedUnit.separator)
        origins?.append(Origin(field: field, character: -1))
      }
      encodeField(row[field], field: field, into: &units, origins: &origins, summary: &summary)
    }
    return summary
  }

  private static func encodeField(
    _ text: String,
    field: SearchField,
    into units: inout [UInt32],
    origins: inout [Origin]?,
    summary: inout Summary
  ) {
    let fieldBits = UInt32(MatchScoring.fieldBonus(field)) << PackedUnit.fieldBonusShift
    let fieldStart = units.count
    var previous = CharacterClass.whitespace  // a field starts like a word after a space
    for (index, character) in text.enumerated() {
      let characterStart = units.count
      defer {
        if units.count - characterStart != 1 { summary.isOneUnitPerCharacter = false }
      }
      var characterClass: CharacterClass?
      for scalar in character.unicodeScalars {
        let start = units.count
        TextFolding.appendFolded(scalar, to: &units)
        if units.count == start { continue }
        var bits = fieldBits
        if TextFolding.isUppercase(scalar) { bits |= PackedUnit.uppercaseBit }
        if characterClass == nil {
          let current = CharacterClass(scalar)
          characterClass = current
          let bonus = UInt32(current.boundaryBonus(after: previous))
          units[start] |= bonus << PackedUnit.boundaryShift
        }
        for position in start..<units.count {
          summary.presence |= PackedUnit.presenceBit(units[position] & PackedUnit.scalarMask)
          units[position] |= bits
          origins?.append(Origin(field: field, character: index))
        }
      }
      if let characterClass { previous = characterClass }
    }
    if units.count > fieldStart {
      units[fieldStart] |= PackedUnit.fieldStartBit
      units[units.count - 1] |= PackedUnit.fieldEndBit
    }
  }
}
