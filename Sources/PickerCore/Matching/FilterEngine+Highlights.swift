extension FilterEngine {
  /// The characters of row `index` that `query` matched, per field, for highlighting.
  ///
  /// These are the positions of the alignment that earned the row its score, term by term
  /// (terms may share characters). Call it for the visible rows only: it aligns every term
  /// again, which is cheap for one row and wasteful for thousands. An index out of range or a
  /// row that does not match gives empty highlights.
  public func highlights(forRow index: Int, query: SearchQuery) -> RowHighlights {
    guard store.rows.indices.contains(index), !query.isEmpty else { return RowHighlights() }
    let aligner = TermAligner()
    var marked: [Int] = []
    // A term typed twice marks the same characters: align it once.
    var seen = Set<QueryTerm>()
    let prepared = PreparedTerms(query.terms.filter { seen.insert($0).inserted })
    let matched = withExtendedLifetime(prepared) { () -> Bool in
      store.withRowTexts { texts in
        let text = texts[index]
        for term in prepared.views {
          guard let found = aligner.positions(text, term: term) else { return false }
          marked.append(contentsOf: found.positions)
        }
        return true
      }
    }
    guard matched else { return RowHighlights() }
    let origins = store.origins(ofRow: index)
    var highlights = RowHighlights()
    // Ascending positions give ascending characters per field; a Character that became
    // several units ("ß" → "ss") appears once.
    for position in Set(marked).sorted() where origins.indices.contains(position) {
      let origin = origins[position]
      if highlights[origin.field].last != origin.character {
        highlights[origin.field].append(origin.character)
      }
    }
    return highlights
  }
}
