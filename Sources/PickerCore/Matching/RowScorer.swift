/// Scores candidate rows against a query's terms: the loop that runs on every keystroke.
struct RowScorer {
  /// The rows that matched, ascending, their scores, and (when asked for) the state that lets
  /// the next keystroke continue the last term (``LastTermState``).
  struct Matches {
    var rows: [Int32] = []
    var scores: [Int32] = []
    var state: LastTermState?

    /// Appends matches of later rows.
    mutating func append(_ other: Matches) {
      rows.append(contentsOf: other.rows)
      scores.append(contentsOf: other.scores)
      if let otherState = other.state {
        state?.append(otherState)
      }
    }
  }

  private let terms: PreparedTerms
  private let presence: UInt64
  /// The query's last term as typed, and its place in `terms`, when recording its state.
  private let lastTerm: QueryTerm?
  private let lastTermPosition: Int

  /// - Parameter recordsLastTerm: also record the last term's ``LastTermState``.
  init(terms: [QueryTerm], recordsLastTerm: Bool = false) {
    // Longer terms first: they reject more rows before the others are looked at.
    let order = terms.indices.sorted {
      (terms[$0].units.count, $1) > (terms[$1].units.count, $0)
    }
    self.terms = PreparedTerms(order.map { terms[$0] })
    presence = terms.reduce(0) { $0 | $1.presence }
    lastTerm = recordsLastTerm ? terms.last : nil
    lastTermPosition = order.firstIndex(of: terms.count - 1) ?? -1
  }

  /// Scores the rows in `subset` (ascending) and then the rows in `tail`.
  func score(_ subset: [Int32], then tail: Range<Int>, in store: RowStore) -> Matches {
    var matches = Matches()
    matches.rows.reserveCapacity(subset.count + tail.count)
    matches.scores.reserveCapacity(subset.count + tail.count)
    let records = lastTerm != nil
    var state = LastTermStateBuilder(expectedRows: records ? subset.count + tail.count : 0)
    let aligner = TermAligner()
    let recorder = TermAligner()
    let needed = presence
    let lastTermPosition = lastTermPosition
    // The views point into `terms`' memory, which must outlive the loop.
    withExtendedLifetime(terms) {
      terms.views.withUnsafeBufferPointer { views in
        store.withRowTexts { texts in
          // Returns the scores instead of appending, so that `matches` is not captured (a
          // captured `var` costs a dynamic exclusivity check per access).
          func score(_ row: Int) -> (total: Int32, last: Int32)? {
            guard texts.presence[row] & needed == needed else { return nil }
            let text = texts[row]
            var total: Int32 = 0
            var last: Int32 = 0
            for (position, term) in views.enumerated() {
              let isLast = records && position == lastTermPosition
              // The recorder keeps the last term's cells for ``appendState``.
              let score =
                isLast && term.count > 1
                ? recorder.recordedScore(text, term: term) : aligner.score(text, term: term)
              guard let score else { return nil }
              if isLast { last = score }
              total &+= score
            }
            return (total, last)
          }
          // One-character terms keep no cells: continuing them starts from the index.
          let recordsCells = records && views[lastTermPosition].count > 1
          for row in subset {
            if let scores = score(Int(row)) {
              matches.rows.append(row)
              matches.scores.append(scores.total)
              if recordsCells {
                recorder.appendState(to: &state, otherScore: scores.total &- scores.last)
              } else if records {
                state.appendEmptyRow(otherScore: scores.total &- scores.last)
              }
            }
          }
          for row in tail {
            if let scores = score(row) {
              matches.rows.append(Int32(truncatingIfNeeded: row))
              matches.scores.append(scores.total)
              if recordsCells {
                recorder.appendState(to: &state, otherScore: scores.total &- scores.last)
              } else if records {
                state.appendEmptyRow(otherScore: scores.total &- scores.last)
              }
            }
          }
        }
      }
    }
    if let lastTerm {
      matches.state = state.finish(term: lastTerm)
    } else {
      state.discard()
    }
    return matches
  }
}
