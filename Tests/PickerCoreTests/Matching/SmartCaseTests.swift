import Testing

@testable import PickerCore

@Suite("Smart case")
struct SmartCaseTests {
  private let rows = [makeRow("Production"), makeRow("prod-eu"), makeRow("PROD-US")]

  @Test("an all-lowercase term ignores case")
  func lowercaseIgnoresCase() {
    var engine = FilterEngine(rows: rows)
    #expect(Set(engine.filter(query: "prod").rowIndices) == [0, 1, 2])
  }

  @Test("a term with an uppercase letter matches case-sensitively")
  func uppercaseRespectsCase() {
    var engine = FilterEngine(rows: rows)
    #expect(engine.filter(query: "Prod").rowIndices == [0])
    #expect(engine.filter(query: "PROD").rowIndices == [2])
    #expect(engine.filter(query: "PrOd").isEmpty)
  }

  @Test("smart case applies to each term on its own")
  func perTerm() {
    var engine = FilterEngine(rows: rows + [makeRow("Production", role: "EU-Admin")])
    #expect(engine.filter(query: "Prod eu").rowIndices == [3])
    #expect(SearchQuery("Prod eu admin").caseSensitivity == [true, false, false])
  }

  @Test("case-sensitive terms still fold diacritics")
  func caseSensitiveFoldsDiacritics() {
    var engine = FilterEngine(rows: [makeRow("Zürich"), makeRow("zürich")])
    #expect(engine.filter(query: "Zurich").rowIndices == [0])
    #expect(engine.filter(query: "ZÜ").isEmpty)
  }
}

@Suite("Punctuation and case in highlights")
struct PunctuationHighlightTests {
  @Test("a case-sensitive term highlights the occurrence with the right case")
  func caseSensitiveHighlight() {
    var engine = FilterEngine(rows: [makeRow("prod-Prod")])
    let result = engine.filter(query: "Prod")
    #expect(engine.highlights(forRow: 0, query: result.query).accountName == [5, 6, 7, 8])
  }

  @Test("punctuation in the query is matched and highlighted")
  func punctuation() {
    var engine = FilterEngine(rows: [
      makeRow("prod-eu", email: "a.b@corp.example"), makeRow("produ"),
    ])
    let result = engine.filter(query: "d-e")
    #expect(result.rowIndices == [0])
    #expect(engine.highlights(forRow: 0, query: result.query).accountName == [3, 4, 5])
    #expect(engine.filter(query: "a.b@").rowIndices == [0])
  }
}
