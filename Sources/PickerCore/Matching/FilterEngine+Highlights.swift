extension FilterEngine {
  /// The characters of row `index` that `query` matched, per field, for highlighting.
  ///
  /// These are the positions of the alignment that earned the row its score, term by term
  /// (terms may share characters). Call it for the visible rows only; it re-folds the row
  /// and aligns every term, which is cheap for one row and wasteful for thousands. An index
  /// out of range or a row that does not match gives empty highlights.
  public func highlights(forRow index: Int, query: SearchQuery) -> RowHighlights {
    guard store.rows.indices.contains(index), !query.isEmpty else { return RowHighlights() }
    var units: [UInt32] = []
    var origins: [RowEncoder.Origin]? = []
    _ = RowEncoder.encode(store.rows[index], into: &units, origins: &origins)
    guard let origins else { return RowHighlights() }
    let aligner = TermAligner()
    var marked = Set<Int>()
    let prepared = PreparedTerms(query.terms)
    // The stored units equal `units` (same encoder); the store also has the row's index.
    let matched = withExtendedLifetime(prepared) { () -> Bool in
      store.withRowTexts { texts in
        let text = texts[index]
        for term in prepared.views {
          guard let found = aligner.positions(text, term: term) else { return false }
          marked.formUnion(found.positions)
        }
        return true
      }
    }
    guard matched else { return RowHighlights() }
    var highlights = RowHighlights()
    var perField: [SearchField: Set<Int>] = [:]
    for position in marked {
      let origin = origins[position]
      perField[origin.field, default: []].insert(origin.character)
    }
    for (field, characters) in perField {
      highlights[field] = characters.sorted()
    }
    return highlights
  }
}
