import PropertyBased
import Testing

@testable import PickerCore

/// Rows and matches with random scores, for comparing the two ranking strategies.
private struct RankingCase: Sendable, CustomStringConvertible {
  var rows: [SearchableRow]
  var matched: [Int32]
  var scores: [Int32]

  var description: String { "rows: \(rows.count), matched: \(matched), scores: \(scores)" }
}

private let rankingCases = Generator<RankingCase, Shrink.None<RankingCase>> { rng in
  let count = Int.random(in: 1...60, using: &rng)
  let rows = (0..<count).map { index in
    makeRow(
      String(repeating: "x", count: Int.random(in: 1...4, using: &rng)),
      rank: Bool.random(using: &rng) ? SearchableRow.unranked : Int.random(in: 0...3, using: &rng))
  }
  let matched = (0..<count).filter { _ in Bool.random(using: &rng) }.map {
    Int32(truncatingIfNeeded: $0)
  }
  let scores = matched.map { _ in Int32.random(in: -20...20, using: &rng) }
  return RankingCase(rows: rows, matched: matched, scores: scores)
}

@Suite("Ranking")
struct RankingTests {
  @Test("the counting sort and the comparison sort give the same order")
  func strategiesAgree() async {
    await propertyCheck(count: 300, input: rankingCases) { example in
      var store = RowStore()
      store.append(contentsOf: example.rows)
      let matches = RowScorer.Matches(rows: example.matched, scores: example.scores)
      let counted = Ranking.order(matches, in: store)
      let compared = Ranking.order(matches, in: store, forceComparison: true)
      #expect(counted.rows == compared.rows)
      #expect(counted.scores == compared.scores)
      // And the order is the documented one: score, rank, length, index.
      let expected = zip(example.matched, example.scores).sorted { left, right in
        let leftRow = example.rows[Int(left.0)]
        let rightRow = example.rows[Int(right.0)]
        if left.1 != right.1 { return left.1 > right.1 }
        if leftRow.rank != rightRow.rank { return leftRow.rank < rightRow.rank }
        let leftLength = leftRow.accountName.count
        let rightLength = rightRow.accountName.count
        if leftLength != rightLength { return leftLength < rightLength }
        return left.0 < right.0
      }.map { Int($0.0) }
      #expect(compared.rows == expected)
    }
  }

  @Test("merging appended matches keeps the order")
  func mergeKeepsOrder() async {
    await propertyCheck(count: 200, input: rankingCases) { example in
      var store = RowStore()
      store.append(contentsOf: example.rows)
      let split = example.matched.count / 2
      let first = RowScorer.Matches(
        rows: Array(example.matched[..<split]), scores: Array(example.scores[..<split]))
      let second = RowScorer.Matches(
        rows: Array(example.matched[split...]), scores: Array(example.scores[split...]))
      let merged = Ranking.merge(Ranking.order(first, in: store), second, in: store)
      let whole = Ranking.order(
        RowScorer.Matches(rows: example.matched, scores: example.scores), in: store)
      #expect(merged.rows == whole.rows)
    }
  }
}
