/// Query terms made ready for the per-row pass, in memory the pass reads without reference
/// counting: each term's units, comparison mask, and the index bucket of each character.
final class PreparedTerms {
  /// One term, as the aligner reads it.
  struct View {
    /// The folded units.
    let units: UnsafePointer<UInt32>
    /// The index bucket (``PackedUnit/bucket(_:)``) of each unit.
    let buckets: UnsafePointer<Int>
    /// Whether each unit's bucket is the shared one, whose entries need the unit compared.
    let comparesUnits: UnsafePointer<Bool>
    /// How many units.
    let count: Int
    /// ``QueryTerm/mask``.
    let mask: UInt32
  }

  private let unitStorage: UnsafeMutablePointer<UInt32>
  private let bucketStorage: UnsafeMutablePointer<Int>
  private let compareStorage: UnsafeMutablePointer<Bool>
  /// The terms, in the order given.
  let views: [View]

  init(_ terms: [QueryTerm]) {
    let unitCount = max(1, terms.reduce(0) { $0 + $1.units.count })
    unitStorage = .allocate(capacity: unitCount)
    bucketStorage = .allocate(capacity: unitCount)
    compareStorage = .allocate(capacity: unitCount)
    var views: [View] = []
    var offset = 0
    for term in terms {
      let units = unitStorage + offset
      let buckets = bucketStorage + offset
      let compares = compareStorage + offset
      for (character, unit) in term.units.enumerated() {
        units[character] = unit
        buckets[character] = PackedUnit.bucket(unit & PackedUnit.scalarMask)
        compares[character] = buckets[character] == PackedUnit.bucketCount - 1
      }
      views.append(
        View(
          units: units, buckets: buckets, comparesUnits: compares, count: term.units.count,
          mask: term.mask))
      offset += term.units.count
    }
    self.views = views
  }

  deinit {
    unitStorage.deallocate()
    bucketStorage.deallocate()
    compareStorage.deallocate()
  }
}
