/// Collects a ``LastTermState`` row by row during a filter pass, in manually managed buffers:
/// appending is a capacity check and plain stores, without the uniqueness and exclusivity
/// checks of appending to Swift arrays, which cost more than the cells themselves. The owner
/// must call ``finish(term:)`` (or ``discard()``) exactly once.
struct LastTermStateBuilder {
  private var otherScores = RawArray<Int32>()
  private var cellStarts = RawArray<Int32>()
  private var cells = RawArray<Int32>()
  private var chainStarts = RawArray<Int32>()
  private var chains = RawArray<Int32>()

  init(expectedRows: Int) {
    otherScores.reserve(expectedRows)
    cellStarts.reserve(expectedRows + 1)
    cells.reserve(expectedRows * 24)
    chainStarts.reserve(expectedRows + 1)
    cellStarts.append(0)
    chainStarts.append(0)
  }

  /// Appends one row: its other terms' score, its cells and its chains.
  @inline(__always)
  mutating func appendRow(
    otherScore: Int32,
    cellPositions: UnsafePointer<Int32>,
    cellScores: UnsafePointer<Int32>,
    cellRuns: UnsafePointer<Int32>,
    cellCount: Int,
    chainPositions: UnsafePointer<Int32>,
    chainScores: UnsafePointer<Int32>,
    chainRuns: UnsafePointer<Int32>,
    chainCount: Int
  ) {
    otherScores.append(otherScore)
    cells.reserve(cells.count + 3 * cellCount)
    for cell in 0..<cellCount {
      cells.appendUnchecked(cellPositions[cell])
      cells.appendUnchecked(cellScores[cell])
      cells.appendUnchecked(cellRuns[cell])
    }
    cellStarts.append(Int32(truncatingIfNeeded: cells.count / 3))
    if chainCount > 0 {
      chains.reserve(chains.count + 3 * chainCount)
      for chain in 0..<chainCount {
        chains.appendUnchecked(chainPositions[chain])
        chains.appendUnchecked(chainScores[chain])
        chains.appendUnchecked(chainRuns[chain])
      }
    }
    chainStarts.append(Int32(truncatingIfNeeded: chains.count / 3))
  }

  /// Appends a row without cells (its term is aligned from scratch when continued).
  @inline(__always)
  mutating func appendEmptyRow(otherScore: Int32) {
    otherScores.append(otherScore)
    cellStarts.append(Int32(truncatingIfNeeded: cells.count / 3))
    chainStarts.append(Int32(truncatingIfNeeded: chains.count / 3))
  }

  /// The collected state; frees the buffers.
  mutating func finish(term: QueryTerm) -> LastTermState {
    var state = LastTermState(term: term)
    state.otherScores = otherScores.array
    state.cellStarts = cellStarts.array
    state.cells = cells.array
    state.chainStarts = chainStarts.array
    state.chains = chains.array
    discard()
    return state
  }

  /// Frees the buffers.
  mutating func discard() {
    otherScores.deallocate()
    cellStarts.deallocate()
    cells.deallocate()
    chainStarts.deallocate()
    chains.deallocate()
  }
}

/// A growable buffer of plain values in manually managed memory (see
/// ``LastTermStateBuilder``); ``deallocate()`` frees it.
struct RawArray<Element: BitwiseCopyable> {
  private var base: UnsafeMutablePointer<Element>?
  private(set) var count = 0
  private var capacity = 0

  /// Makes room for at least `minimum` elements.
  mutating func reserve(_ minimum: Int) {
    guard minimum > capacity else { return }
    let newCapacity = max(minimum, capacity * 2, 16)
    let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    if let base {
      grown.update(from: base, count: count)
      base.deallocate()
    }
    base = grown
    capacity = newCapacity
  }

  /// Appends `element`, growing when needed.
  @inline(__always)
  mutating func append(_ element: Element) {
    if count == capacity { reserve(count + 1) }
    appendUnchecked(element)
  }

  /// Appends `element`; the caller has reserved room.
  @inline(__always)
  mutating func appendUnchecked(_ element: Element) {
    base?.advanced(by: count).initialize(to: element)
    count += 1
  }

  /// The elements, copied into an array.
  var array: [Element] {
    guard let base else { return [] }
    return Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// Frees the memory; the buffer is empty afterwards.
  mutating func deallocate() {
    base?.deallocate()
    base = nil
    count = 0
    capacity = 0
  }
}
