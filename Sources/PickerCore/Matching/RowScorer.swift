/// Scores candidate rows against a query's terms: the loop that runs on every keystroke.
struct RowScorer {
  /// The rows that matched, ascending, and their scores.
  struct Matches {
    var rows: [Int32] = []
    var scores: [Int32] = []
  }

  private let terms: PreparedTerms
  /// How many times each of `terms` occurs in the query.
  private let counts: [Int32]
  private let presence: UInt64

  init(terms: [QueryTerm]) {
    // A term that occurs more than once (a pasted text repeats its words) is aligned once
    // and its score counted as often: every term is scored on its own, so the total is the
    // same, and a page of text costs its distinct words.
    var occurrences: [QueryTerm: Int32] = [:]
    var distinct: [QueryTerm] = []
    for term in terms {
      if occurrences[term] == nil { distinct.append(term) }
      occurrences[term, default: 0] += 1
    }
    // Longer terms first: they reject more rows before the others are looked at.
    distinct.sort { $0.units.count > $1.units.count }
    self.terms = PreparedTerms(distinct)
    counts = distinct.map { occurrences[$0] ?? 1 }
    presence = terms.reduce(0) { $0 | $1.presence }
  }

  /// Scores the rows in `subset` (ascending) and then the rows in `tail`.
  func score(_ subset: [Int32], then tail: Range<Int>, in store: RowStore) -> Matches {
    var matches = Matches()
    matches.rows.reserveCapacity(subset.count + tail.count)
    matches.scores.reserveCapacity(subset.count + tail.count)
    let aligner = TermAligner()
    let needed = presence
    // The views point into `terms`' memory, which must outlive the loop.
    withExtendedLifetime(terms) {
      terms.views.withUnsafeBufferPointer { views in
        counts.withUnsafeBufferPointer { counts in
          store.withRowTexts { texts in
            // Returns the score instead of appending, so that `matches` is not captured (a
            // captured `var` costs a dynamic exclusivity check per access).
            func score(_ row: Int) -> Int32? {
              guard texts.presence[row] & needed == needed else { return nil }
              let text = texts[row]
              var total: Int32 = 0
              for index in views.indices {
                guard let score = aligner.score(text, term: views[index]) else { return nil }
                total &+= score &* counts[index]
              }
              return total
            }
            for row in subset {
              if let total = score(Int(row)) {
                matches.rows.append(row)
                matches.scores.append(total)
              }
            }
            for row in tail {
              if let total = score(row) {
                matches.rows.append(Int32(truncatingIfNeeded: row))
                matches.scores.append(total)
              }
            }
          }
        }
      }
    }
    return matches
  }
}
