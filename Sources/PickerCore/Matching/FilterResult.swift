/// The rows matching a query, best first.
///
/// Computing it ranks every matching row; the highlighted positions of a row are computed
/// separately, only for the rows on screen (``FilterEngine/highlights(forRow:query:)``).
public struct FilterResult: Hashable, Sendable {
  /// The query this result answers; pass it back for highlighting.
  public let query: SearchQuery
  /// Indices of the matching rows (in the order rows were added to the engine), best first.
  public let rowIndices: [Int]
  /// How many rows were searched (all rows the engine had).
  public let searchedRowCount: Int

  /// Creates a result.
  public init(query: SearchQuery, rowIndices: [Int], searchedRowCount: Int) {
    self.query = query
    self.rowIndices = rowIndices
    self.searchedRowCount = searchedRowCount
  }

  /// How many rows matched.
  public var count: Int { rowIndices.count }

  /// Whether no row matched.
  public var isEmpty: Bool { rowIndices.isEmpty }
}
