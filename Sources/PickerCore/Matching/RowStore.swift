/// Every row's search units in one contiguous buffer, with a per-row character index,
/// offsets, presence masks, ranks and lengths beside it. Rows are only ever appended.
struct RowStore: Sendable {
  /// The rows as given, for highlighting and for the caller.
  private(set) var rows: [SearchableRow] = []
  /// All rows' units (``PackedUnit``), one row after the other.
  private(set) var units: [UInt32] = []
  /// Row `r` occupies `units[starts[r] ..< starts[r + 1]]`.
  private(set) var starts: [Int] = [0]
  /// Per row, `bucketCount + 1` offsets into `indexEntries` (see ``RowText``); row `r`'s
  /// start at `r * (bucketCount + 1)`.
  private(set) var indexBuckets: [Int32] = []
  /// Index entries (``RowText/entries``), grouped by row and then by bucket.
  private(set) var indexEntries: [UInt32] = []
  /// Per row: the presence bits of its units.
  private(set) var presence: [UInt64] = []
  /// Per row: whether each `Character` became exactly one unit (``RowEncoder/Summary``).
  private(set) var isOneUnitPerCharacter: [Bool] = []
  /// Per row: the caller's rank, clamped.
  private(set) var ranks: [UInt32] = []
  /// Every row, ordered by the tie-breaks alone: rank, then length, then index.
  private(set) var tieOrder: [Int32] = []

  /// How many rows there are.
  var count: Int { rows.count }

  /// The most units a row may have: index entries keep a unit's position in 21 bits. Longer
  /// rows (two million characters) are cut to this length.
  static let maximumRowLength = Int(PackedUnit.scalarMask)

  /// Adds rows.
  mutating func append(contentsOf newRows: some Sequence<SearchableRow>) {
    let first = rows.count
    var origins: [RowEncoder.Origin]?
    var bucketSizes = [Int32](repeating: 0, count: PackedUnit.bucketCount)
    for row in newRows {
      let start = units.count
      let summary = RowEncoder.encode(row, into: &units, origins: &origins)
      presence.append(summary.presence)
      isOneUnitPerCharacter.append(summary.isOneUnitPerCharacter)
      if units.count - start > Self.maximumRowLength {
        units.removeSubrange((start + Self.maximumRowLength)...)
      }
      starts.append(units.count)
      ranks.append(UInt32(clamping: row.rank))
      rows.append(row)
      indexRow(from: start, sizes: &bucketSizes)
    }
    guard rows.count > first else { return }
    let added = (first..<rows.count).map { tieKey(row: $0) }.sorted()
    let existing = tieOrder.map { tieKey(row: Int($0)) }
    tieOrder = SortKey.merge(existing, added).map { Int32(truncatingIfNeeded: $0.row) }
  }

  /// Builds the character index of the row whose units start at `start` (the last row).
  private mutating func indexRow(from start: Int, sizes: inout [Int32]) {
    for bucket in sizes.indices { sizes[bucket] = 0 }
    for position in start..<units.count where units[position] != PackedUnit.separator {
      sizes[PackedUnit.bucket(units[position] & PackedUnit.scalarMask)] += 1
    }
    var offset = Int32(truncatingIfNeeded: indexEntries.count)
    var next: [Int32] = []
    next.reserveCapacity(PackedUnit.bucketCount)
    for size in sizes {
      indexBuckets.append(offset)
      next.append(offset)
      offset += size
    }
    indexBuckets.append(offset)
    let base = indexEntries.count
    indexEntries.append(contentsOf: repeatElement(0, count: Int(offset) - base))
    for position in start..<units.count where units[position] != PackedUnit.separator {
      let unit = units[position]
      let bucket = PackedUnit.bucket(unit & PackedUnit.scalarMask)
      indexEntries[Int(next[bucket])] =
        unit & ~PackedUnit.scalarMask | UInt32(truncatingIfNeeded: position - start)
      next[bucket] += 1
    }
  }

  /// Where each unit of row `index` came from (field, `Character` index; -1 for separators).
  func origins(ofRow index: Int) -> [RowEncoder.Origin] {
    guard isOneUnitPerCharacter[index] else {
      var units: [UInt32] = []
      var origins: [RowEncoder.Origin]? = []
      _ = RowEncoder.encode(rows[index], into: &units, origins: &origins)
      return origins ?? []
    }
    // One unit per Character: count along the stored units, without touching the text.
    var origins: [RowEncoder.Origin] = []
    origins.reserveCapacity(starts[index + 1] - starts[index])
    var fields = SearchField.allCases.makeIterator()
    var field = fields.next() ?? .accountName
    var character = 0
    for position in starts[index]..<starts[index + 1] {
      if units[position] == PackedUnit.separator {
        field = fields.next() ?? field
        character = 0
        origins.append(RowEncoder.Origin(field: field, character: -1))
      } else {
        origins.append(RowEncoder.Origin(field: field, character: character))
        character += 1
      }
    }
    return origins
  }

  private func tieKey(row index: Int) -> SortKey {
    SortKey(score: 0, rank: ranks[index], length: length(of: index), row: index)
  }

  /// The length of row `index` in units (the "shorter text" tie-break).
  func length(of index: Int) -> UInt32 {
    UInt32(clamping: starts[index + 1] - starts[index])
  }

  /// The key that orders row `index` when it scores `score`.
  func sortKey(row index: Int, score: Int32) -> SortKey {
    SortKey(score: score, rank: ranks[index], length: length(of: index), row: index)
  }

  /// The key that orders row `index` for the empty query: rank, then original order.
  func unfilteredKey(row index: Int) -> SortKey {
    SortKey(score: 0, rank: ranks[index], length: 0, row: index)
  }

  /// Calls `body` with a view of every row's text; the views are valid only inside `body`.
  func withRowTexts<Result>(_ body: (RowTexts) throws -> Result) rethrows -> Result {
    try units.withUnsafeBufferPointer { units in
      try starts.withUnsafeBufferPointer { starts in
        try indexBuckets.withUnsafeBufferPointer { buckets in
          try indexEntries.withUnsafeBufferPointer { entries in
            try presence.withUnsafeBufferPointer { presence in
              try body(
                RowTexts(
                  units: units, starts: starts, buckets: buckets, entries: entries,
                  presence: presence))
            }
          }
        }
      }
    }
  }
}

/// Raw access to every row of a ``RowStore`` (see ``RowStore/withRowTexts(_:)``).
struct RowTexts {
  let units: UnsafeBufferPointer<UInt32>
  let starts: UnsafeBufferPointer<Int>
  let buckets: UnsafeBufferPointer<Int32>
  let entries: UnsafeBufferPointer<UInt32>
  let presence: UnsafeBufferPointer<UInt64>

  /// Row `row`'s text.
  @inline(__always)
  subscript(row: Int) -> RowText {
    let stride = PackedUnit.bucketCount + 1
    return RowText(
      units: UnsafeBufferPointer(rebasing: units[starts[row]..<starts[row + 1]]),
      buckets: UnsafeBufferPointer(rebasing: buckets[row * stride..<(row + 1) * stride]),
      entries: entries)
  }
}
