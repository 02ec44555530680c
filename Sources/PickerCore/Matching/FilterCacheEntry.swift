/// The result of one query, kept so that backspace is free and typing more only re-checks
/// the rows that matched before.
struct FilterCacheEntry: Sendable {
  /// The query's terms (the cache key).
  let terms: [QueryTerm]
  /// The rows `0 ..< coveredRows` have been checked; later rows were added since.
  var coveredRows: Int
  /// The matching rows, ascending (the candidates for a refining query).
  var rows: [Int32]
  /// The matching rows in result order, ready to hand out.
  var order: [Int]
  /// The scores of `order`, for merging rows added later.
  var orderScores: [Int32]
  /// When the entry was last used (a counter), for evicting the least recently used.
  var lastUse: UInt64

  init(terms: [QueryTerm], store: RowStore, matches: RowScorer.Matches, lastUse: UInt64) {
    self.terms = terms
    coveredRows = store.count
    rows = matches.rows
    (order, orderScores) = Ranking.order(matches, in: store)
    self.lastUse = lastUse
  }

  /// Checks the rows added since the entry was made and merges the matches into the ranking.
  /// Returns how many rows were scored.
  mutating func catchUp(with store: RowStore) -> Int {
    let added = coveredRows..<store.count
    guard !added.isEmpty else { return 0 }
    let matches = RowScorer(terms: terms).score([], then: added, in: store)
    coveredRows = store.count
    if !matches.rows.isEmpty {
      rows.append(contentsOf: matches.rows)
      (order, orderScores) = Ranking.merge((order, orderScores), matches, in: store)
    }
    return added.count
  }
}
