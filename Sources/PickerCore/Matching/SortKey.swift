/// A row's place in a result, as two integers compared in order: score (higher first), rank
/// (lower first), row length (shorter first), row index (lower first).
struct SortKey: Comparable, Sendable {
  /// Descending score in the high half, rank in the low half.
  let high: UInt64
  /// Length in the high half, row index in the low half.
  let low: UInt64

  init(score: Int32, rank: UInt32, length: UInt32, row: Int) {
    // Flipping the sign bit orders signed scores as unsigned; inverting makes high scores small.
    let descending = ~(UInt32(bitPattern: score) ^ 0x8000_0000)
    high = UInt64(descending) << 32 | UInt64(rank)
    low = UInt64(length) << 32 | UInt64(UInt32(truncatingIfNeeded: row))
  }

  /// The row this key belongs to.
  var row: Int { Int(truncatingIfNeeded: low & 0xFFFF_FFFF) }

  /// The score this key was made with.
  var score: Int32 {
    Int32(bitPattern: ~UInt32(truncatingIfNeeded: high >> 32) ^ 0x8000_0000)
  }

  static func < (lhs: SortKey, rhs: SortKey) -> Bool {
    lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
  }

  /// Merges two ascending arrays into one.
  static func merge(_ left: [SortKey], _ right: [SortKey]) -> [SortKey] {
    if right.isEmpty { return left }
    if left.isEmpty { return right }
    var merged: [SortKey] = []
    merged.reserveCapacity(left.count + right.count)
    var leftIndex = 0
    var rightIndex = 0
    while leftIndex < left.count && rightIndex < right.count {
      if right[rightIndex] < left[leftIndex] {
        merged.append(right[rightIndex])
        rightIndex += 1
      } else {
        merged.append(left[leftIndex])
        leftIndex += 1
      }
    }
    merged.append(contentsOf: left[leftIndex...])
    merged.append(contentsOf: right[rightIndex...])
    return merged
  }
}
