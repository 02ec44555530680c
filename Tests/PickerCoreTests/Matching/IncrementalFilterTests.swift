import Testing

@testable import PickerCore

@Suite("Incremental filtering")
struct IncrementalFilterTests {
  private let rows = [
    makeRow("Production", role: "AdministratorAccess", id: "012345678901"),
    makeRow("Production", role: "ReadOnly", id: "012345678901"),
    makeRow("Staging", role: "AdministratorAccess", id: "210987654321"),
    makeRow("Development", role: "PowerUser", id: "111122223333"),
    makeRow("Sandbox", role: "ReadOnly", id: "444455556666", email: "prod@corp.example"),
  ]

  @Test("typing more only scores the rows that matched before")
  func typingNarrows() {
    var engine = FilterEngine(rows: rows)
    let first = engine.filter(query: "p")
    #expect(engine.statistics.rowsScored == rows.count)
    let before = engine.statistics.rowsScored
    let second = engine.filter(query: "pro")
    #expect(engine.statistics.rowsScored - before == first.count)
    #expect(engine.statistics.refinedQueries == 1)
    let third = engine.filter(query: "pro adm")
    #expect(engine.statistics.rowsScored - before == first.count + second.count)
    #expect(engine.statistics.refinedQueries == 2)
    #expect(second == filterFromScratch(rows, "pro"))
    #expect(third == filterFromScratch(rows, "pro adm"))
  }

  @Test("backspace is answered from the cache without scoring")
  func backspaceUsesCache() {
    var engine = FilterEngine(rows: rows)
    let one = engine.filter(query: "p")
    let two = engine.filter(query: "pr")
    _ = engine.filter(query: "prd")
    let scored = engine.statistics.rowsScored
    #expect(engine.filter(query: "pr") == two)
    #expect(engine.filter(query: "p") == one)
    #expect(engine.statistics.rowsScored == scored)
  }

  @Test("an edit that is not an extension still reuses a query it refines")
  func refinesEarlierQuery() {
    var engine = FilterEngine(rows: rows)
    let base = engine.filter(query: "ad")
    let scored = engine.statistics.rowsScored
    // "acd" is not "ad" typed further, but every row matching it matches "ad".
    let result = engine.filter(query: "acd")
    #expect(engine.statistics.refinedQueries == 1)
    #expect(engine.statistics.rowsScored - scored == base.count)
    #expect(result == filterFromScratch(rows, "acd"))
  }

  @Test("a term that becomes case-sensitive is looked for among the insensitive term's rows")
  func caseChangeRefines() {
    var engine = FilterEngine(rows: [makeRow("Prod"), makeRow("prod"), makeRow("PROD")])
    _ = engine.filter(query: "pro")
    let result = engine.filter(query: "proD")
    #expect(engine.statistics.refinedQueries == 1)
    #expect(result.isEmpty)
    #expect(
      engine.filter(query: "PRO")
        == filterFromScratch([makeRow("Prod"), makeRow("prod"), makeRow("PROD")], "PRO"))
  }

  @Test("a case-sensitive term is not looked for among an insensitive term's rows wrongly")
  func caseRulesAreRespected() {
    var engine = FilterEngine(rows: [makeRow("Prod"), makeRow("prod")])
    _ = engine.filter(query: "Pro")
    // "prod" ignores case, so it may not start from "Pro"'s (case-sensitive) rows.
    #expect(Set(engine.filter(query: "prod").rowIndices) == [0, 1])
  }

  @Test("appended rows are scored alone and merged into the current result")
  func appendMerges() {
    var engine = FilterEngine(rows: Array(rows.prefix(3)))
    _ = engine.filter(query: "prod")
    let scored = engine.statistics.rowsScored
    let merged = engine.append(contentsOf: rows.suffix(2))
    #expect(engine.statistics.rowsScored - scored == 2)
    #expect(merged == filterFromScratch(rows, "prod"))
    #expect(engine.filter(query: "prod") == merged)
    #expect(engine.statistics.rowsScored - scored == 2)
  }

  @Test("older cached queries catch up with appended rows when used again")
  func staleEntriesCatchUp() {
    var engine = FilterEngine(rows: Array(rows.prefix(2)))
    _ = engine.filter(query: "p")
    _ = engine.filter(query: "pr")
    engine.append(contentsOf: rows.suffix(3))
    #expect(engine.filter(query: "p") == filterFromScratch(rows, "p"))
    #expect(engine.filter(query: "pro") == filterFromScratch(rows, "pro"))
    #expect(engine.filter(query: "") == filterFromScratch(rows, ""))
  }

  @Test("a pasted page of terms refines the query before it (in any order), and only that")
  func manyTermsRefine() {
    let words = (0..<800).map { "w\($0 % 97)x\($0)" }
    let page = SearchQuery(words.joined(separator: " "))
    // The query before the last read: fewer terms, the last one not finished.
    let before = SearchQuery(words.prefix(700).joined(separator: " ") + " w3")
    #expect(page.refines(before.terms))
    #expect(page.refines(SearchQuery(words.reversed().prefix(50).joined(separator: " ")).terms))
    #expect(!page.refines(SearchQuery(words.prefix(10).joined(separator: " ") + " zz").terms))
    #expect(!before.refines(page.terms))
    // A case-sensitive term is implied only by a case-sensitive one.
    #expect(!page.refines(SearchQuery("W3").terms))
    #expect(SearchQuery("aW3x ok").refines(SearchQuery("ok W3").terms))
  }

  @Test("a term given several times counts as often as given (it is aligned once)")
  func repeatedTermsCountAsOftenAsGiven() {
    var engine = FilterEngine(rows: rows)
    func scores(_ query: String) -> [Int: Int32] {
      let result = engine.filter(query: query)
      let values = engine.cachedScores(for: result.query) ?? []
      return Dictionary(uniqueKeysWithValues: zip(result.rowIndices, values))
    }
    let pro = scores("pro")
    let adm = scores("adm")
    let repeated = scores("pro adm pro pro")
    #expect(!repeated.isEmpty)
    #expect(Set(repeated.keys) == Set(pro.keys).intersection(adm.keys))
    for (row, score) in repeated {
      #expect(score == 3 * (pro[row] ?? 0) + (adm[row] ?? 0), "row \(row)")
    }
    #expect(
      engine.highlights(forRow: 0, query: SearchQuery("pro adm pro pro"))
        == engine.highlights(forRow: 0, query: SearchQuery("pro adm")))
  }

  @Test("a small cache evicts old queries and stays correct")
  func smallCache() {
    var engine = FilterEngine(rows: rows, cacheCapacity: 1)
    for query in ["p", "pr", "pro", "pr", "p", "s", "sa", "p"] {
      #expect(engine.filter(query: query) == filterFromScratch(rows, query), "\(query)")
    }
  }
}
