/// For the rows matching a cached query: what it takes to score the query's last term with
/// more characters typed, without aligning the term again.
///
/// The aligner computes a term's cells character by character, and character `j`'s cells
/// depend only on character `j − 1`'s (``TermAligner``). So keeping, per matching row, the
/// cells of the last term's last character is enough to continue when the user types the next
/// character: only the new character's cells are computed. The whole-term bonus needs, per
/// row, the runs that still match the term contiguously from a field start ("chains"), which
/// are kept the same way. The other terms' scores are kept as one sum per row.
///
/// Rows whose alignment fell back to the greedy one (pathologically long rows) have no cells
/// here and are aligned from scratch.
struct LastTermState: Sendable {
  /// The term the cells belong to (the query's last term, as typed).
  let term: QueryTerm
  /// Per row (parallel to the cache entry's rows): the sum of the other terms' scores.
  var otherScores: [Int32] = []
  /// Row `i`'s cells are cells `cellStarts[i] ..< cellStarts[i + 1]`.
  var cellStarts: [Int32] = [0]
  /// Three numbers per cell: position, score, run bonus.
  var cells: [Int32] = []
  /// Row `i`'s chains are chains `chainStarts[i] ..< chainStarts[i + 1]`: the field starts
  /// where the whole term matches contiguously.
  var chainStarts: [Int32] = [0]
  /// Three numbers per chain: start position, the run's score, its bonus.
  var chains: [Int32] = []

  init(term: QueryTerm) {
    self.term = term
  }

  /// How many rows the state has.
  var count: Int { otherScores.count }

  /// Appends another state's rows (for rows appended to the store later).
  mutating func append(_ other: LastTermState) {
    let cellOffset = Int32(truncatingIfNeeded: cells.count / 3)
    let chainOffset = Int32(truncatingIfNeeded: chains.count / 3)
    otherScores.append(contentsOf: other.otherScores)
    cellStarts.append(contentsOf: other.cellStarts.dropFirst().map { $0 + cellOffset })
    cells.append(contentsOf: other.cells)
    chainStarts.append(contentsOf: other.chainStarts.dropFirst().map { $0 + chainOffset })
    chains.append(contentsOf: other.chains)
  }

  /// Calls `body` with raw pointers to the arrays, valid only inside `body`.
  func withView<Result>(_ body: (StateView) throws -> Result) rethrows -> Result {
    try cellStarts.withUnsafeBufferPointer { cellStarts in
      try cells.withUnsafeBufferPointer { cells in
        try chainStarts.withUnsafeBufferPointer { chainStarts in
          try chains.withUnsafeBufferPointer { chains in
            try body(
              StateView(
                cellStarts: cellStarts, cells: cells, chainStarts: chainStarts, chains: chains))
          }
        }
      }
    }
  }

  /// Raw access to a ``LastTermState``.
  struct StateView {
    let cellStarts: UnsafeBufferPointer<Int32>
    let cells: UnsafeBufferPointer<Int32>
    let chainStarts: UnsafeBufferPointer<Int32>
    let chains: UnsafeBufferPointer<Int32>
  }
}
