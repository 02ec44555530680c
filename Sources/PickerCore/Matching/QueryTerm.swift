/// One whitespace-separated term of a query, folded for matching.
struct QueryTerm: Hashable, Sendable {
  /// The folded scalars; for a case-sensitive term, uppercase ones carry
  /// ``PackedUnit/uppercaseBit``.
  let units: [UInt32]
  /// Smart case: the term contains an uppercase letter.
  let isCaseSensitive: Bool
  /// The presence bits a row must have to possibly match (``PackedUnit/presenceBit(_:)``).
  let presence: UInt64

  /// Folds `text`; `nil` when nothing is left (the term was only combining marks).
  init?(_ text: Substring) {
    var units: [UInt32] = []
    var uppercase: [Bool] = []
    for scalar in text.unicodeScalars {
      let start = units.count
      TextFolding.appendFolded(scalar, to: &units)
      let isUppercase = TextFolding.isUppercase(scalar)
      uppercase.append(contentsOf: repeatElement(isUppercase, count: units.count - start))
    }
    guard !units.isEmpty else { return nil }
    let isCaseSensitive = uppercase.contains(true)
    var presence: UInt64 = 0
    for index in units.indices {
      presence |= PackedUnit.presenceBit(units[index])
      if isCaseSensitive && uppercase[index] { units[index] |= PackedUnit.uppercaseBit }
    }
    self.units = units
    self.isCaseSensitive = isCaseSensitive
    self.presence = presence
  }

  /// The mask that compares a text unit with this term's units.
  var mask: UInt32 {
    isCaseSensitive ? PackedUnit.caseSensitiveMask : PackedUnit.scalarMask
  }

  /// Whether every text that matches `other` also matches `self`.
  ///
  /// True when this term's units are a subsequence of `other`'s under this term's case rule
  /// (a case-sensitive term is only implied by a case-sensitive one). Subsequence matching is
  /// transitive, so the rows matching `other` are among the rows matching `self`: the
  /// incremental filter may look for `other` among the survivors of `self`.
  func isImplied(by other: QueryTerm) -> Bool {
    if isCaseSensitive && !other.isCaseSensitive { return false }
    let mask = isCaseSensitive ? PackedUnit.caseSensitiveMask : PackedUnit.scalarMask
    var index = 0
    for unit in other.units where index < units.count && unit & mask == units[index] {
      index += 1
    }
    return index == units.count
  }
}
