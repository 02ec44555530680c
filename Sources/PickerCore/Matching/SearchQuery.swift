/// A query as the matcher reads it: whitespace-separated terms, all of which must match.
///
/// Terms are folded (case, diacritics; see ``FilterEngine``) and use smart case one by one:
/// a term with an uppercase letter is case-sensitive. Queries that differ only in whitespace
/// have the same ``terms`` and the same results.
public struct SearchQuery: Hashable, Sendable {
  /// The text the user typed.
  public let text: String
  /// The folded terms, in the order typed.
  let terms: [QueryTerm]

  /// Parses `text`.
  public init(_ text: String) {
    self.text = text
    terms = text.split(whereSeparator: \.isWhitespace).compactMap(QueryTerm.init)
  }

  /// Whether the query has no terms (it is empty or only whitespace): every row matches.
  public var isEmpty: Bool { terms.isEmpty }

  /// How many terms the query has.
  public var termCount: Int { terms.count }

  /// Whether each term is case-sensitive (smart case), in the order typed.
  public var caseSensitivity: [Bool] { terms.map(\.isCaseSensitive) }

  /// Whether every row matching `self` also matches a query whose terms are `base`, so the
  /// rows matching `self` can be looked for among the rows matching `base` alone.
  ///
  /// That holds when each of `base`'s terms is implied by one of ours: typing more letters,
  /// adding a term, or going back to a query typed before.
  ///
  /// Asked of every cached query on each new query, so it must stay cheap for a pasted page
  /// of hundreds of terms: the term in the same place is tried first (typing changes only
  /// the last term, or adds one), and any other only if its presence bits allow.
  func refines(_ base: [QueryTerm]) -> Bool {
    for (index, old) in base.enumerated() {
      if index < terms.count, old.isImplied(by: terms[index]) { continue }
      let found = terms.contains { term in
        old.presence & term.presence == old.presence && old.isImplied(by: term)
      }
      if !found { return false }
    }
    return true
  }
}
