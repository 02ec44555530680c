/// Finds the best alignment of one query term in one row, as ``MatchScoring`` describes, and
/// its positions on request.
///
/// The table of ``MatchScoring`` is computed sparsely: only cells where the text unit equals
/// the term character exist, and the row's character index (``RowText``) lists exactly those
/// positions, so no time is spent on the rest of the row. Term character `j`'s cells are
/// computed from character `j − 1`'s in one merge-like walk over both ascending lists. A cell
/// at position `i` has two ways in:
///
/// - the diagonal: character `j − 1` has a cell at `i − 1` (a consecutive run);
/// - a gap: the best cell of character `j − 1` at least two units back. With a linear gap
///   extension `e`, a cell `(k, s)` is worth `s + gapStart + e·(i − 2 − k)` at position `i`,
///   so keeping the best `s − e·k` seen so far (ties: the later cell) is enough; cells join
///   that running best as the walk passes them.
///
/// A position with neither has no cell; a character without cells means no match.
///
/// One aligner serves a whole filter pass: its lists are allocated once and grow when a
/// longer row or term needs more. Scoring and highlighting run the same code, so the
/// highlighted positions are exactly the alignment that earned the score.
final class TermAligner {
  /// Scores at or below this are not reachable.
  private static let unreachable: Int32 = -(1 << 29)
  /// Past this many cells (a pathological row or query) the greedy alignment is used.
  private static let maximumCells = 1 << 20

  private struct Alignment {
    var score: Int32
    /// Index of the best cell in the last character's list, or -1.
    var bestCell: Int
    /// The first position of a contiguous alignment (a whole-term match at a field start, or
    /// the one cell of a one-character term), or -1.
    var runStart: Int
    /// The alignment is the greedy one in `greedyPositions` (the lists would be too large).
    var isGreedy: Bool
  }

  private var rowCapacity = 0
  private var termCapacity = 0
  /// Term character `j`'s cells live at `j * rowCapacity ..< j * rowCapacity + count`.
  private var cellPositions: UnsafeMutablePointer<Int32>
  private var cellScores: UnsafeMutablePointer<Int32>
  private var cellRuns: UnsafeMutablePointer<Int32>
  private var cellSources: UnsafeMutablePointer<Int32>
  private var greedyPositions: [Int] = []

  init() {
    rowCapacity = 256
    termCapacity = 16
    let cells = rowCapacity * termCapacity
    cellPositions = .allocate(capacity: cells)
    cellScores = .allocate(capacity: cells)
    cellRuns = .allocate(capacity: cells)
    cellSources = .allocate(capacity: cells)
  }

  deinit {
    deallocateAll()
  }

  private func deallocateAll() {
    cellPositions.deallocate()
    cellScores.deallocate()
    cellRuns.deallocate()
    cellSources.deallocate()
  }

  private func reserve(rowLength: Int, termLength: Int) {
    guard rowLength > rowCapacity || termLength > termCapacity else { return }
    deallocateAll()
    rowCapacity = max(rowLength, rowCapacity)
    termCapacity = max(termLength, termCapacity)
    let cells = rowCapacity * termCapacity
    cellPositions = .allocate(capacity: cells)
    cellScores = .allocate(capacity: cells)
    cellRuns = .allocate(capacity: cells)
    cellSources = .allocate(capacity: cells)
  }

  // MARK: - Scoring

  /// The term's score in `text`, or `nil` when the term does not match.
  @inline(__always)
  func score(_ text: RowText, term: PreparedTerms.View) -> Int32? {
    guard term.count > 0, text.units.count >= term.count, let units = text.units.baseAddress,
      let buckets = text.buckets.baseAddress, let entries = text.entries.baseAddress
    else { return nil }
    if term.count == 1 {
      let best = bestSingle(units, buckets: buckets, entries: entries, term: term)
      return best > Self.unreachable ? best : nil
    }
    return align(
      units, count: text.units.count, buckets: buckets, entries: entries, term: term)?.score
  }

  /// The term's score and the text positions of its characters, ascending; `nil` when the
  /// term does not match.
  func positions(_ text: RowText, term: PreparedTerms.View) -> (score: Int32, positions: [Int])? {
    let length = term.count
    guard length > 0, text.units.count >= length, let units = text.units.baseAddress,
      let buckets = text.buckets.baseAddress, let entries = text.entries.baseAddress
    else { return nil }
    if length == 1 {
      let best = bestSingle(units, buckets: buckets, entries: entries, term: term)
      guard best > Self.unreachable else { return nil }
      for position in 0..<text.units.count
      where singleScore(units[position], character: term.units[0], mask: term.mask) == best {
        return (best, [position])
      }
      return nil
    }
    guard
      let alignment = align(
        units, count: text.units.count, buckets: buckets, entries: entries, term: term)
    else { return nil }
    if alignment.runStart >= 0 {
      return (alignment.score, Array(alignment.runStart..<alignment.runStart + length))
    }
    if alignment.isGreedy {
      return (alignment.score, greedyPositions)
    }
    var result = [Int](repeating: 0, count: length)
    var cell = alignment.bestCell
    for character in stride(from: length - 1, through: 0, by: -1) {
      let slot = character * rowCapacity + cell
      result[character] = Int(cellPositions[slot])
      cell = Int(cellSources[slot])
    }
    return (alignment.score, result)
  }

  // MARK: - One-character terms

  /// A one-character term scores its best cell; at a field start the cell is also the whole
  /// term there, so it carries the prefix or exact bonus (which always beats any other cell).
  @inline(__always)
  private func singleScore(_ unit: UInt32, character: UInt32, mask: UInt32) -> Int32 {
    let isStart = Int32(truncatingIfNeeded: (unit >> 28) & 1)
    let isEnd = Int32(truncatingIfNeeded: (unit >> 29) & 1)
    let wholeTerm =
      isStart * (MatchScoring.prefix + isEnd * (MatchScoring.exact - MatchScoring.prefix))
    let score =
      PackedUnit.matchScore(unit) + PackedUnit.boundaryBonus(unit)
      * MatchScoring.firstCharacterMultiplier + wholeTerm
    return select(unit & mask == character, score, Self.unreachable)
  }

  @inline(__always)
  private func bestSingle(
    _ units: UnsafePointer<UInt32>,
    buckets: UnsafePointer<Int32>,
    entries: UnsafePointer<UInt32>,
    term: PreparedTerms.View
  ) -> Int32 {
    let character = term.units[0]
    let mask = term.mask
    let bucket = term.buckets[0]
    var best = Self.unreachable
    var index = Int(buckets[bucket])
    let end = Int(buckets[bucket + 1])
    if term.comparesUnits[0] {
      while index < end {
        let unit = units[Int(entries[index] & PackedUnit.scalarMask)]
        best = max(best, singleScore(unit, character: character, mask: mask))
        index &+= 1
      }
    } else {
      let scalar = character & PackedUnit.scalarMask
      while index < end {
        let unit = entries[index] & ~PackedUnit.scalarMask | scalar
        best = max(best, singleScore(unit, character: character, mask: mask))
        index &+= 1
      }
    }
    return best
  }

  // MARK: - The table

  /// The full unit of an index entry: from the row when the bucket is shared, else the
  /// entry's attributes with the bucket's scalar.
  @inline(__always)
  private func unit(
    of entry: UInt32, units: UnsafePointer<UInt32>, scalar: UInt32, comparesUnits: Bool
  ) -> UInt32 {
    comparesUnits
      ? units[Int(entry & PackedUnit.scalarMask)] : entry & ~PackedUnit.scalarMask | scalar
  }

  private func align(
    _ units: UnsafePointer<UInt32>,
    count: Int,
    buckets: UnsafePointer<Int32>,
    entries: UnsafePointer<UInt32>,
    term: PreparedTerms.View
  ) -> Alignment? {
    let length = term.count
    let query = term.units
    let mask = term.mask
    if length * count > Self.maximumCells {
      return alignGreedily(units, count: count, query: query, length: length, mask: mask)
    }
    reserve(rowLength: count, termLength: length)
    let cellPositions = cellPositions
    let cellScores = cellScores
    let cellRuns = cellRuns
    let cellSources = cellSources

    // Character 0: its boundary bonus counts twice. Whole-term matches at a field start are
    // scored here too, as a plain run plus the prefix or exact bonus.
    var prefixBest = Self.unreachable
    var prefixStart = -1
    var cellCount = 0
    let first = query[0]
    let scalar = first & PackedUnit.scalarMask
    let comparesUnits = term.comparesUnits[0]
    var index = Int(buckets[term.buckets[0]])
    let end = Int(buckets[term.buckets[0] + 1])
    while index < end {
      let entry = entries[index]
      index &+= 1
      let position = Int(entry & PackedUnit.scalarMask)
      let unit = unit(of: entry, units: units, scalar: scalar, comparesUnits: comparesUnits)
      if unit & mask != first { continue }
      let bonus = PackedUnit.boundaryBonus(unit)
      let score = PackedUnit.matchScore(unit) + bonus * MatchScoring.firstCharacterMultiplier
      cellPositions[cellCount] = Int32(truncatingIfNeeded: position)
      cellScores[cellCount] = score
      cellRuns[cellCount] = bonus
      cellSources[cellCount] = -1
      cellCount &+= 1
      if unit & PackedUnit.fieldStartBit != 0 {
        var runScore = score
        var run = bonus
        if extendRun(
          units + position, available: count - position, query: query, from: 1, to: length,
          mask: mask, score: &runScore, run: &run)
        {
          let whole = runScore + wholeTermBonus(units[position + length - 1])
          if whole > prefixBest {
            prefixBest = whole
            prefixStart = position
          }
        }
      }
    }
    if cellCount == 0 { return nil }

    // Characters 1...: walk the character's positions and the previous character's cells.
    for character in 1..<max(1, length) {
      cellCount = advance(
        character, units: units, buckets: buckets, entries: entries, term: term,
        previousCount: cellCount)
      if cellCount == 0 { return nil }
    }
    return finish(
      length: length, cellCount: cellCount, prefixBest: prefixBest, prefixStart: prefixStart)
  }

  /// Computes character `character`'s cells from character `character − 1`'s
  /// (`previousCount` of them); returns how many cells it has.
  // The hot path: plain loops over raw pointers, run for every candidate row per keystroke.
  @inline(__always)
  private func advance(
    _ character: Int,
    units: UnsafePointer<UInt32>,
    buckets: UnsafePointer<Int32>,
    entries: UnsafePointer<UInt32>,
    term: PreparedTerms.View,
    previousCount: Int
  ) -> Int {
    // Locals, not stored properties, in the loop: no exclusivity checks, no reloads.
    let cellPositions = cellPositions
    let cellScores = cellScores
    let cellRuns = cellRuns
    let cellSources = cellSources
    let mask = term.mask
    let wanted = term.units[character]
    let scalar = wanted & PackedUnit.scalarMask
    let comparesUnits = term.comparesUnits[character]
    let base = character * rowCapacity
    let previousBase = base - rowCapacity
    let gapStart = MatchScoring.gapStart
    let extensionPenalty = MatchScoring.gapExtension
    var index = Int(buckets[term.buckets[character]])
    let end = Int(buckets[term.buckets[character] + 1])
    var cursor = 0
    var gapKey = Self.unreachable
    var gapCell: Int32 = -1
    var cellCount = 0
    while index < end {
      let entry = entries[index]
      index &+= 1
      let position = Int32(truncatingIfNeeded: entry & PackedUnit.scalarMask)
      let unit = unit(of: entry, units: units, scalar: scalar, comparesUnits: comparesUnits)
      if unit & mask != wanted { continue }
      // Previous cells two or more units back join the gap best. The choices below are
      // selects: which way wins is data-dependent, and mispredicted branches would cost
      // more than the arithmetic.
      while cursor < previousCount {
        let cellPosition = cellPositions[previousBase + cursor]
        if cellPosition > position - 2 { break }
        let key = cellScores[previousBase + cursor] - extensionPenalty * cellPosition
        let takes = key >= gapKey
        gapKey = select(takes, key, gapKey)
        gapCell = select(takes, Int32(truncatingIfNeeded: cursor), gapCell)
        cursor &+= 1
      }
      let diagonal = previousBase + min(cursor, previousCount - 1)
      let isDiagonal = cursor < previousCount && cellPositions[diagonal] == position - 1
      if !isDiagonal && gapCell < 0 { continue }
      let bonus = PackedUnit.boundaryBonus(unit)
      let match = PackedUnit.matchScore(unit)
      let runBonus = max(cellRuns[diagonal], bonus)
      let diagonalScore = select(
        isDiagonal, cellScores[diagonal] + match + max(runBonus, MatchScoring.consecutive),
        Self.unreachable)
      let gapScore = select(
        gapCell >= 0, gapKey + extensionPenalty * (position - 2) + gapStart + match + bonus,
        Self.unreachable)
      let takesGap = gapScore > diagonalScore
      cellPositions[base + cellCount] = position
      cellScores[base + cellCount] = select(takesGap, gapScore, diagonalScore)
      cellRuns[base + cellCount] = select(takesGap, bonus, runBonus)
      cellSources[base + cellCount] = select(takesGap, gapCell, Int32(truncatingIfNeeded: cursor))
      cellCount &+= 1
    }
    return cellCount
  }

  /// The best cell of the last character (the leftmost on a tie), or the whole-term run if
  /// it scores at least as much.
  private func finish(length: Int, cellCount: Int, prefixBest: Int32, prefixStart: Int)
    -> Alignment
  {
    var best = Self.unreachable
    var bestCell = -1
    let lastBase = (length - 1) * rowCapacity
    for cell in 0..<cellCount where cellScores[lastBase + cell] > best {
      best = cellScores[lastBase + cell]
      bestCell = cell
    }
    if prefixStart >= 0 && prefixBest >= best {
      return Alignment(score: prefixBest, bestCell: -1, runStart: prefixStart, isGreedy: false)
    }
    return Alignment(score: best, bestCell: bestCell, runStart: -1, isGreedy: false)
  }

  /// `condition ? whenTrue : whenFalse`, computed with masks so it never becomes a branch.
  @inline(__always)
  private func select(_ condition: Bool, _ whenTrue: Int32, _ whenFalse: Int32) -> Int32 {
    let mask = 0 &- Int32(truncatingIfNeeded: unsafeBitCast(condition, to: UInt8.self))
    return (whenTrue & mask) | (whenFalse & ~mask)
  }

  // MARK: - Whole-term runs

  /// Continues a contiguous run of the term from `start` over characters `from ..< to`,
  /// adding each character's score with the run rule; `false` when the text differs.
  @inline(__always)
  private func extendRun(
    _ start: UnsafePointer<UInt32>,
    available: Int,
    query: UnsafePointer<UInt32>,
    from: Int,
    to length: Int,
    mask: UInt32,
    score: inout Int32,
    run: inout Int32
  ) -> Bool {
    guard length <= available else { return false }
    var offset = from
    while offset < length {
      if start[offset] & mask != query[offset] { return false }
      offset += 1
    }
    offset = from
    while offset < length {
      run = max(run, PackedUnit.boundaryBonus(start[offset]))
      score += PackedUnit.matchScore(start[offset]) + max(run, MatchScoring.consecutive)
      offset += 1
    }
    return true
  }

  /// The bonus of a whole-term run that ends on `last`: exact if it ends the field.
  @inline(__always)
  private func wholeTermBonus(_ last: UInt32) -> Int32 {
    last & PackedUnit.fieldEndBit != 0 ? MatchScoring.exact : MatchScoring.prefix
  }

  // MARK: - Pathological sizes

  /// For pathological sizes only: the earliest-position alignment, scored with the same
  /// per-character rules.
  private func alignGreedily(
    _ units: UnsafePointer<UInt32>, count: Int, query: UnsafePointer<UInt32>, length: Int,
    mask: UInt32
  ) -> Alignment? {
    var positions: [Int] = []
    positions.reserveCapacity(length)
    var position = 0
    while position < count && positions.count < length {
      if units[position] & mask == query[positions.count] { positions.append(position) }
      position += 1
    }
    guard positions.count == length else { return nil }
    var score: Int32 = 0
    var run: Int32 = 0
    for (character, position) in positions.enumerated() {
      let unit = units[position]
      let bonus = PackedUnit.boundaryBonus(unit)
      let match = PackedUnit.matchScore(unit)
      if character == 0 {
        score = match + bonus * MatchScoring.firstCharacterMultiplier
        run = bonus
      } else if position == positions[character - 1] + 1 {
        run = max(run, bonus)
        score += match + max(run, MatchScoring.consecutive)
      } else {
        let gap = Int32(truncatingIfNeeded: position - positions[character - 1] - 1)
        score += MatchScoring.gapStart + (gap - 1) * MatchScoring.gapExtension + match + bonus
        run = bonus
      }
    }
    greedyPositions = positions
    return Alignment(score: score, bestCell: -1, runStart: -1, isGreedy: true)
  }
}
