import Testing

@testable import PickerCore

@Suite("Highlight positions")
struct HighlightTests {
  private func highlights(_ row: SearchableRow, _ query: String) -> RowHighlights {
    var engine = FilterEngine(rows: [row])
    let result = engine.filter(query: query)
    #expect(result.rowIndices == [0], "\(query) should match")
    return engine.highlights(forRow: 0, query: result.query)
  }

  @Test("a term across account name and role highlights each field separately")
  func acrossFields() {
    let marks = highlights(makeRow("Production", role: "AdministratorAccess"), "prdadm")
    #expect(marks.accountName == [0, 1, 3])
    #expect(marks.roleName == [0, 1, 2])
    #expect(marks.accountId.isEmpty && marks.email.isEmpty)
  }

  @Test("several terms highlight the union of their positions")
  func multipleTerms() {
    let row = makeRow(
      "Production", role: "AdministratorAccess", id: "012345678901", email: "ops@corp.example")
    let marks = highlights(row, "admin prod 0123")
    #expect(marks.accountName == [0, 1, 2, 3])
    #expect(marks.roleName == [0, 1, 2, 3, 4])
    #expect(marks.accountId == [0, 1, 2, 3])
    #expect(marks.email.isEmpty)
  }

  @Test("overlapping terms highlight each character once")
  func overlappingTerms() {
    let marks = highlights(makeRow("Production"), "pro prod")
    #expect(marks.accountName == [0, 1, 2, 3])
  }

  @Test("a word-start alignment is preferred to scattered letters")
  func prefersWordStart() {
    let marks = highlights(makeRow("a-dm-admin"), "admin")
    #expect(marks.accountName == [5, 6, 7, 8, 9])
  }

  @Test("the email field is highlighted in its own indices")
  func emailField() {
    let marks = highlights(makeRow("Sandbox", email: "alice@corp.example"), "alice")
    #expect(marks.email == [0, 1, 2, 3, 4])
    #expect(marks.accountName.isEmpty)
  }

  @Test("positions count Characters: diacritics, combining marks, ß and emoji")
  func unicodePositions() {
    #expect(highlights(makeRow("Zürich Analytics"), "zurich").accountName == [0, 1, 2, 3, 4, 5])
    #expect(highlights(makeRow("Zürich Analytics"), "ana").accountName == [7, 8, 9])
    // "é" written as e + U+0301 is one Character.
    #expect(highlights(makeRow("Ze\u{301}bra"), "eb").accountName == [1, 2])
    // "ß" folds to "ss": both units map back to the one Character.
    #expect(highlights(makeRow("Straße"), "strasse").accountName == [0, 1, 2, 3, 4, 5])
    #expect(highlights(makeRow("🚀 Launch"), "launch").accountName == [2, 3, 4, 5, 6, 7])
    #expect(highlights(makeRow("👨‍👩‍👧 Family"), "fam").accountName == [2, 3, 4])
    #expect(highlights(makeRow("東京チーム"), "京チ").accountName == [1, 2])
  }

  @Test("grapheme positions map to display columns with the renderer's widths")
  func columnRanges() {
    let wide: (Character) -> Int = { character in
      guard let scalar = character.unicodeScalars.first else { return 0 }
      return scalar.value >= 0x1100 ? 2 : 1
    }
    #expect(RowHighlights.columnRanges(of: [1, 2], in: "東京チーム", columnWidth: wide) == [2..<6])
    #expect(
      RowHighlights.columnRanges(of: [0, 2, 3], in: "a東bc", columnWidth: wide) == [0..<1, 3..<5])
    #expect(RowHighlights.columnRanges(of: [], in: "abc", columnWidth: wide).isEmpty)
  }

  @Test("rows out of range, non-matching rows and the empty query highlight nothing")
  func nothingToHighlight() {
    var engine = FilterEngine(rows: [makeRow("Production")])
    #expect(engine.highlights(forRow: 5, query: SearchQuery("prod")).isEmpty)
    #expect(engine.highlights(forRow: 0, query: SearchQuery("xyz")).isEmpty)
    #expect(engine.highlights(forRow: 0, query: engine.filter(query: "").query).isEmpty)
  }

  @Test("the highlighted alignment is the one that was scored, for every kind of match")
  func highlightAgreesWithScore() {
    // The positions must satisfy the term: same folded letters, ascending.
    let rows = [
      makeRow("dev"), makeRow("devbox"), makeRow("old dev"), makeRow("dxexvx"),
      makeRow("x", role: "d-e-v", email: "dev@x.example"),
    ]
    var engine = FilterEngine(rows: rows)
    let result = engine.filter(query: "dev")
    for index in result.rowIndices {
      let marks = engine.highlights(forRow: index, query: result.query)
      var letters = ""
      for field in SearchField.allCases {
        let characters = Array(engine.row(at: index)[field])
        letters += marks[field].map { String(characters[$0]) }.joined()
      }
      #expect(letters == "dev", "row \(index)")
    }
  }
}

@Suite("Unit origins")
struct UnitOriginTests {
  @Test(
    "origins counted from stored units equal the encoder's",
    arguments: [
      makeRow("Production", role: "AdministratorAccess", id: "012345678901", email: "a@b.c"),
      makeRow("", role: "", id: "", email: ""),
      makeRow("Zürich", role: "Straße", email: "e\u{301}@x"),
      makeRow("🚀 Launch", role: "東京"),
    ])
  func countedOriginsMatchEncoder(row: SearchableRow) {
    var store = RowStore()
    store.append(contentsOf: [row])
    var units: [UInt32] = []
    var origins: [RowEncoder.Origin]? = []
    _ = RowEncoder.encode(row, into: &units, origins: &origins)
    #expect(store.origins(ofRow: 0) == origins)
  }
}
