extension RowScorer {
  /// How a query continues a cached one whose ``LastTermState`` is kept.
  enum Continuation: Equatable {
    /// Same terms, the last one longer (its first `oldLength` units unchanged).
    case longerLastTerm(oldLength: Int)
    /// The cached terms, then one new term.
    case newTerm
  }

  /// How `query` continues a cached query with terms `base`, if it does.
  static func continuation(of base: [QueryTerm], to query: SearchQuery) -> Continuation? {
    let terms = query.terms
    guard let last = terms.last, !base.isEmpty else { return nil }
    if terms.count == base.count + 1 && Array(terms.dropLast()) == base {
      return .newTerm
    }
    guard terms.count == base.count, let old = base.last,
      Array(terms.dropLast()) == Array(base.dropLast()),
      old.isCaseSensitive == last.isCaseSensitive, last.units.count > old.units.count,
      last.units.starts(with: old.units)
    else { return nil }
    return .longerLastTerm(oldLength: old.units.count)
  }

  /// Scores the rows of `base` (a cached query with its last term's state) for `query`,
  /// computing only what `continuation` adds: the new characters of the last term, or the
  /// new term. Rows added to the store after `base` was made are not included.
  static func extend(
    _ base: FilterCacheEntry,
    state: LastTermState,
    to query: SearchQuery,
    by continuation: Continuation,
    in store: RowStore
  ) -> Matches {
    guard let last = query.terms.last, state.count == base.rows.count else { return Matches() }
    var matches = Matches()
    matches.rows.reserveCapacity(base.rows.count)
    matches.scores.reserveCapacity(base.rows.count)
    var newState = LastTermStateBuilder(expectedRows: base.rows.count)
    let prepared = PreparedTerms([last])
    let recorder = TermAligner()
    let needed = last.presence
    withExtendedLifetime(prepared) {
      guard let term = prepared.views.first else { return }
      store.withRowTexts { texts in
        state.withView { view in
          for (index, row) in base.rows.enumerated() {
            let row = Int(row)
            guard texts.presence[row] & needed == needed else { continue }
            let text = texts[row]
            let score: Int32?
            let other: Int32
            switch continuation {
            case .longerLastTerm(let oldLength):
              score = recorder.extendedScore(
                text, term: term, from: oldLength, state: view, row: index)
              other = state.otherScores[index]
            case .newTerm where term.count == 1:
              score = recorder.score(text, term: term)
              other = base.scores[index]
            case .newTerm:
              score = recorder.recordedScore(text, term: term)
              other = base.scores[index]
            }
            guard let score else { continue }
            matches.rows.append(Int32(truncatingIfNeeded: row))
            matches.scores.append(other &+ score)
            if term.count == 1 {
              newState.appendEmptyRow(otherScore: other)
            } else {
              recorder.appendState(to: &newState, otherScore: other)
            }
          }
        }
      }
    }
    matches.state = newState.finish(term: last)
    return matches
  }
}
