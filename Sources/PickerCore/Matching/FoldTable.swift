/// The folded forms of U+0080..<``TextFolding/tableLimit``, computed once on first use.
///
/// Building it reads about 8,000 Unicode names (a millisecond or two); afterwards folding a
/// non-ASCII letter is two array reads. The table is flat: the folded scalars of code point
/// `c` are `units[starts[c - 0x80] ..< starts[c - 0x80 + 1]]`.
struct FoldTable: Sendable {
  /// The table, built on first use (Swift makes a `static let` lazy and thread-safe).
  static let shared = FoldTable()

  private let starts: [Int32]
  private let units: [UInt32]

  private init() {
    var names: [String: Unicode.Scalar] = [:]
    for value in UInt32(0)..<TextFolding.tableLimit {
      if let scalar = Unicode.Scalar(value), let name = scalar.properties.name {
        names[name] = scalar
      }
    }
    var starts: [Int32] = [0]
    var units: [UInt32] = []
    for value in UInt32(0x80)..<TextFolding.tableLimit {
      if let scalar = Unicode.Scalar(value) {
        units.append(contentsOf: TextFolding.foldedSlowly(scalar, names: names))
      } else {
        units.append(value)  // a surrogate code point: never in a Swift string
      }
      starts.append(Int32(units.count))
    }
    self.starts = starts
    self.units = units
  }

  /// Appends the folded form of `value` (which must be in 0x80..<tableLimit) to `output`.
  @inline(__always)
  func append(_ value: UInt32, to output: inout [UInt32]) {
    let slot = Int(value) - 0x80
    let lower = Int(starts[slot])
    let upper = Int(starts[slot + 1])
    if upper - lower == 1 {
      output.append(units[lower])
    } else {
      output.append(contentsOf: units[lower..<upper])
    }
  }
}
