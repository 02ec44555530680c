import Testing

@testable import PickerCore

@Suite("Case and diacritic folding")
struct FoldingTests {
  @Test(
    "folding removes case and diacritics and spells out special letters",
    arguments: [
      ("Zürich", "zurich"), ("Ærøskøbing", "aeroskobing"), ("Straße", "strasse"),
      ("ẞ", "ss"), ("Œuvre", "oeuvre"), ("Þórshöfn", "thorshofn"), ("Łódź", "lodz"),
      ("İstanbul", "istanbul"), ("Dubrovnik Ǆ", "dubrovnik dz"), ("ﬁnance", "finance"),
      ("Ｐｒｏｄ", "prod"), ("Crème Brûlée", "creme brulee"), ("Ze\u{301}bra", "zebra"),
      ("Αθήνα", "αθηνα"), ("Ёлка", "елка"), ("東京", "東京"), ("❤️", "❤"),
    ])
  func foldsText(original: String, expected: String) {
    #expect(folded(original) == expected)
  }

  @Test("zurich finds Zürich Analytics, and Zürich finds zurich-dev")
  func diacriticsBothWays() {
    var engine = FilterEngine(rows: [makeRow("Zürich Analytics"), makeRow("zurich-dev")])
    #expect(Set(engine.filter(query: "zurich").rowIndices) == [0, 1])
    #expect(Set(engine.filter(query: "zürich").rowIndices) == [0, 1])
  }

  @Test("strasse and straße find each other")
  func sharpS() {
    var engine = FilterEngine(rows: [makeRow("Hauptstraße"), makeRow("Hauptstrasse")])
    #expect(Set(engine.filter(query: "strasse").rowIndices) == [0, 1])
    #expect(Set(engine.filter(query: "straße").rowIndices) == [0, 1])
  }

  @Test("non-Latin scripts, CJK and emoji match without crashing")
  func otherScripts() {
    var engine = FilterEngine(rows: [
      makeRow("東京チーム", role: "管理者"), makeRow("Αθήνα"), makeRow("🚀 Launch", role: "🔥"),
      makeRow("Ω≈ç√∫˜µ≤≥÷", email: "unicode@example.org"), makeRow(""),
    ])
    #expect(engine.filter(query: "東京").rowIndices == [0])
    #expect(engine.filter(query: "管理").rowIndices == [0])
    #expect(engine.filter(query: "αθηνα").rowIndices == [1])
    #expect(engine.filter(query: "🔥").rowIndices == [2])
    #expect(engine.filter(query: "🚀launch").rowIndices == [2])
    #expect(engine.filter(query: "ω").rowIndices == [3])
    #expect(engine.filter(query: "\u{301}").count == 5)  // only a combining mark: empty query
  }
}
