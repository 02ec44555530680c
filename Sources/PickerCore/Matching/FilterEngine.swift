/// Filters and ranks picker rows as the user types: fuzzy, folded, incremental.
///
/// ```swift
/// var engine = FilterEngine(rows: rows)
/// let result = engine.filter(query: "prod adm")      // every keystroke
/// for row in result.rowIndices.prefix(30) {           // what is on screen
///   let marks = engine.highlights(forRow: row, query: result.query)
/// }
/// engine.append(contentsOf: morePage)                  // while the catalog streams in
/// ```
///
/// Matching and scoring are described in ``MatchScoring``; folding in ``TextFolding``.
///
/// ## Incremental filtering
///
/// Each result is cached under its folded terms (the last ``cacheCapacity`` queries, least
/// recently used evicted). A query found in the cache is answered from it (backspace,
/// retyping). Otherwise the engine looks for a cached query that the new one *refines*: each
/// old term is a subsequence of some new term, with a compatible case rule. Typing a
/// character, adding a term, and many edits in the middle refine an earlier query. The rows
/// matching the new query are then among that query's rows, so only those are scored (the
/// smallest such set is used). The result is exactly what filtering all rows would give:
/// scores depend only on the row and the query.
///
/// ## Appending rows
///
/// ``append(contentsOf:)`` scores only the new rows against the current query and merges them
/// into its ranking. Other cached queries catch up the same way when they are used again.
///
/// ## Cost
///
/// Each row is folded, packed (``PackedUnit``) and indexed by character (``RowText``) once,
/// when it is added. A keystroke then does, per candidate row, a 64-bit presence test and a
/// walk over the index entries of the term's characters only: no scan of the row, no
/// allocation. All matches are ranked (a counting sort when many match, ``Ranking``);
/// highlight positions are computed only when asked for. `Benchmarks/` measures it
/// (BENCHMARKS.md).
public struct FilterEngine: Sendable {
  /// How many queries are cached unless the caller says otherwise.
  public static let defaultCacheCapacity = 32

  /// How many query results are kept.
  public let cacheCapacity: Int

  private(set) var store = RowStore()
  private var cache: [FilterCacheEntry] = []
  private var unfilteredKeys: [SortKey] = []
  private var unfilteredOrder: [Int] = []
  private var currentQuery = SearchQuery("")
  private var clock: UInt64 = 0
  /// Counters for tests of the incremental strategy.
  private(set) var statistics = FilterStatistics()

  /// Creates an engine over `rows` (more may be appended later).
  public init(rows: [SearchableRow] = [], cacheCapacity: Int = FilterEngine.defaultCacheCapacity) {
    self.cacheCapacity = max(1, cacheCapacity)
    append(contentsOf: rows)
  }

  /// How many rows the engine holds.
  public var rowCount: Int { store.count }

  /// The row at `index` (in the order rows were added).
  public func row(at index: Int) -> SearchableRow {
    store.rows[index]
  }

  /// The query last passed to ``filter(query:)``.
  public var query: SearchQuery { currentQuery }

  /// The rows matching `query`, best first.
  public mutating func filter(query: String) -> FilterResult {
    filter(SearchQuery(query))
  }

  /// The rows matching `query`, best first.
  public mutating func filter(_ query: SearchQuery) -> FilterResult {
    currentQuery = query
    return currentResult()
  }

  /// Adds rows (the catalog streams in while the user types) and returns the current query's
  /// result with the new rows merged in. Only the new rows are scored.
  @discardableResult
  public mutating func append(contentsOf rows: some Sequence<SearchableRow>) -> FilterResult {
    let first = store.count
    store.append(contentsOf: rows)
    if store.count > first {
      let added = (first..<store.count).map { store.unfilteredKey(row: $0) }
      unfilteredKeys = SortKey.merge(unfilteredKeys, added.sorted())
      unfilteredOrder = unfilteredKeys.map(\.row)
    }
    return currentResult()
  }

  /// The result for ``query``, from the cache, a refined cached query, or all rows.
  private mutating func currentResult() -> FilterResult {
    let query = currentQuery
    guard !query.isEmpty else {
      return FilterResult(query: query, rowIndices: unfilteredOrder, searchedRowCount: store.count)
    }
    clock += 1
    if let index = cache.firstIndex(where: { $0.terms == query.terms }) {
      cache[index].lastUse = clock
      statistics.rowsScored += cache[index].catchUp(with: store)
      return FilterResult(
        query: query, rowIndices: cache[index].order, searchedRowCount: store.count)
    }
    let matches = refineCachedQuery(query)
    let entry = FilterCacheEntry(
      terms: query.terms, store: store, matches: matches, lastUse: clock)
    if cache.count >= cacheCapacity,
      let oldest = cache.indices.min(by: { cache[$0].lastUse < cache[$1].lastUse })
    {
      cache.remove(at: oldest)
    }
    cache.append(entry)
    return FilterResult(query: query, rowIndices: entry.order, searchedRowCount: store.count)
  }

  /// The scores behind the cached result for `query`, in result order (for tests).
  func cachedScores(for query: SearchQuery) -> [Int32]? {
    cache.first { $0.terms == query.terms }?.orderScores
  }

  /// Scores `query` on the rows of the cached query it refines with the fewest rows (or on
  /// all rows).
  private mutating func refineCachedQuery(_ query: SearchQuery) -> RowScorer.Matches {
    var candidates: [Int32] = []
    var tail = 0..<store.count
    var base: FilterCacheEntry?
    for entry in cache where query.refines(entry.terms) {
      if base.map({ entry.rows.count < $0.rows.count }) ?? true { base = entry }
    }
    if let base {
      candidates = base.rows
      tail = base.coveredRows..<store.count
      statistics.refinedQueries += 1
    }
    statistics.rowsScored += candidates.count + tail.count
    return RowScorer(terms: query.terms).score(candidates, then: tail, in: store)
  }
}

/// What the engine did, for tests of the incremental strategy.
struct FilterStatistics: Sendable {
  /// Rows scored against a query, summed over all calls.
  var rowsScored = 0
  /// Queries answered by scoring only the matches of a cached query they refine.
  var refinedQueries = 0
}
