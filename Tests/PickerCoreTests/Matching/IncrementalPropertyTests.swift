import PropertyBased
import Testing

@testable import PickerCore

/// One step of a simulated session in the picker.
private enum Edit: Sendable, CustomStringConvertible {
  case type(Character)
  case insert(Character, at: Int)
  case backspace
  case clear
  case append([SearchableRow])

  var description: String {
    switch self {
    case .type(let character): "type(\(character))"
    case .insert(let character, let offset): "insert(\(character), at: \(offset))"
    case .backspace: "backspace"
    case .clear: "clear"
    case .append(let rows): "append(\(rows.map(\.accountName)))"
    }
  }
}

/// Rows to start with and the edits that follow.
private struct Session: Sendable, CustomStringConvertible {
  var rows: [SearchableRow]
  var edits: [Edit]

  var description: String {
    "rows: \(rows.map { [$0.accountName, $0.roleName, $0.accountId, $0.email] }), edits: \(edits)"
  }
}

private let textAlphabet: [Character] = [
  "a", "b", "c", "d", "A", "B", "s", "e", "é", "ü", "U", "ß", "0", "1", "-", " ", "東", "😀",
  "e\u{301}",
]
private let queryAlphabet: [Character] = [
  "a", "b", "c", "A", "B", "s", "e", "u", "é", "ß", "0", "1", "-", " ", " ", "東",
]

private func randomText(_ rng: inout any SeededRandomNumberGenerator) -> String {
  let length = Int.random(in: 0...7, using: &rng)
  return String((0..<length).compactMap { _ in textAlphabet.randomElement(using: &rng) })
}

private func randomRow(_ rng: inout any SeededRandomNumberGenerator) -> SearchableRow {
  SearchableRow(
    accountName: randomText(&rng),
    accountId: String(
      (0..<Int.random(in: 0...4, using: &rng)).map { _ in
        Character(String(Int.random(in: 0...2, using: &rng)))
      }),
    roleName: randomText(&rng),
    email: randomText(&rng),
    rank: Bool.random(using: &rng) ? SearchableRow.unranked : Int.random(in: 0...3, using: &rng))
}

private let sessions = Generator<Session, Shrink.None<Session>> { rng in
  let rows = (0..<Int.random(in: 0...12, using: &rng)).map { _ in randomRow(&rng) }
  var edits: [Edit] = []
  for _ in 0..<Int.random(in: 1...30, using: &rng) {
    let character = queryAlphabet.randomElement(using: &rng) ?? "a"
    switch Int.random(in: 0..<12, using: &rng) {
    case 0..<6: edits.append(.type(character))
    case 6: edits.append(.insert(character, at: Int.random(in: 0...8, using: &rng)))
    case 7..<10: edits.append(.backspace)
    case 10: edits.append(.clear)
    default:
      edits.append(.append((0..<Int.random(in: 1...4, using: &rng)).map { _ in randomRow(&rng) }))
    }
  }
  return Session(rows: rows, edits: edits)
}

@Suite("Incremental filtering equals filtering from scratch")
struct IncrementalPropertyTests {
  @Test("any sequence of typing, backspace, clear and appended rows")
  func incrementalMatchesFromScratch() async {
    var results = 0
    var nonEmptyRefined = 0
    await propertyCheck(count: 200, input: sessions) { session in
      var engine = FilterEngine(rows: session.rows, cacheCapacity: 4)
      var rows = session.rows
      var query = ""
      for edit in session.edits {
        let result: FilterResult
        switch edit {
        case .type(let character):
          query.append(character)
          result = engine.filter(query: query)
        case .insert(let character, let offset):
          let index = query.index(query.startIndex, offsetBy: min(offset, query.count))
          query.insert(character, at: index)
          result = engine.filter(query: query)
        case .backspace:
          if !query.isEmpty { query.removeLast() }
          result = engine.filter(query: query)
        case .clear:
          query = ""
          result = engine.filter(query: query)
        case .append(let added):
          rows += added
          result = engine.append(contentsOf: added)
        }
        var scratch = FilterEngine(rows: rows)
        let expected = scratch.filter(query: query)
        #expect(result == expected, "query \"\(query)\" after \(edit)")
        // Same order is not enough: the scores must be the same too.
        let scores = engine.cachedScores(for: result.query)
        #expect(scores == scratch.cachedScores(for: expected.query), "scores of \"\(query)\"")
        if result != expected { return }
        results += 1
        if !result.isEmpty && !result.query.isEmpty && result.count < rows.count {
          nonEmptyRefined += 1
        }
      }
    }
    // The sessions must exercise real filtering, not mostly empty or unfiltered results.
    #expect(nonEmptyRefined * 5 > results, "\(nonEmptyRefined) of \(results)")
  }

  @Test("highlights name exactly the term's letters, in order, for every match")
  func highlightsSpellTheTerms() async {
    await propertyCheck(count: 200, input: sessions) { session in
      var engine = FilterEngine(rows: session.rows)
      var query = ""
      for case .type(let character) in session.edits {
        query.append(character)
      }
      let result = engine.filter(query: query)
      for index in result.rowIndices {
        let marks = engine.highlights(forRow: index, query: result.query)
        #expect(!marks.isEmpty || result.query.isEmpty, "row \(index) of \"\(query)\"")
        for field in SearchField.allCases {
          let characters = engine.row(at: index)[field].count
          #expect(marks[field].allSatisfy { (0..<characters).contains($0) })
          #expect(marks[field] == marks[field].sorted())
        }
      }
    }
  }
}
