import Testing

@testable import PickerCore

@Suite("Fuzzy ranking")
struct FuzzyRankingTests {
  @Test("exact beats prefix beats word start beats scattered")
  func matchKindsRankInOrder() {
    // Added worst first, so the original order cannot explain the result.
    var engine = FilterEngine(rows: [
      makeRow("dxexvx"), makeRow("old dev"), makeRow("devbox"), makeRow("dev"),
    ])
    let result = engine.filter(query: "dev")
    #expect(names(result, in: engine) == ["dev", "devbox", "old dev", "dxexvx"])
  }

  @Test("a word start beats the same letters inside a word")
  func wordStartBeatsMidWord() {
    var engine = FilterEngine(rows: [makeRow("sandbox-xadmin"), makeRow("sandbox-admin")])
    #expect(
      names(engine.filter(query: "admin"), in: engine) == ["sandbox-admin", "sandbox-xadmin"])
  }

  @Test("a camelCase hump counts as a word start")
  func camelCaseHump() {
    var engine = FilterEngine(rows: [
      makeRow("x", role: "Poweraccess"), makeRow("y", role: "PowerAccess"),
    ])
    #expect(names(engine.filter(query: "access"), in: engine) == ["y", "x"])
  }

  @Test("the same match in the account name or role beats it in the email")
  func nameAndRoleBeatEmail() {
    // The same prefix match of "payments" in the email, the account name and the role.
    var engine = FilterEngine(rows: [
      makeRow("Ops-EU", email: "payments@corp.example"),
      makeRow("Payments-EU", email: "ops@corp.example"),
      makeRow("Ops", role: "PaymentsRead", email: "ops@corp.example"),
    ])
    let result = engine.filter(query: "payments")
    #expect(names(result, in: engine) == ["Payments-EU", "Ops", "Ops-EU"])
  }

  @Test("a term may run from the account name into the role")
  func termAcrossFields() {
    var engine = FilterEngine(rows: [
      makeRow("Production", role: "ReadOnlyAccess"),
      makeRow("Development", role: "AdministratorAccess"),
      makeRow("Production", role: "AdministratorAccess"),
    ])
    let result = engine.filter(query: "prdadm")
    #expect(result.rowIndices == [2])
  }

  @Test("digits find the account id, and an id prefix comes first")
  func accountIdPrefix() {
    var engine = FilterEngine(rows: [
      makeRow("Logs", id: "987650123432"),
      makeRow("Audit", id: "012345678901"),
      makeRow("Build", id: "555555555555"),
    ])
    let result = engine.filter(query: "0123")
    #expect(names(result, in: engine) == ["Audit", "Logs"])
  }

  @Test("the caller's rank breaks ties: recently chosen rows first")
  func rankBreaksTies() {
    var engine = FilterEngine(rows: [
      makeRow("alpha-1"), makeRow("alpha-2", rank: 1), makeRow("alpha-3", rank: 0),
    ])
    #expect(names(engine.filter(query: "alpha"), in: engine) == ["alpha-3", "alpha-2", "alpha-1"])
  }

  @Test("rank only breaks ties; it never beats a better match")
  func rankDoesNotBeatScore() {
    var engine = FilterEngine(rows: [makeRow("my-alpha", rank: 0), makeRow("alpha")])
    #expect(names(engine.filter(query: "alpha"), in: engine) == ["alpha", "my-alpha"])
  }

  @Test("with equal score and rank, the shorter row comes first")
  func shorterTextBreaksTies() {
    var engine = FilterEngine(rows: [makeRow("team-alphabet"), makeRow("team-alpha")])
    #expect(names(engine.filter(query: "alpha"), in: engine) == ["team-alpha", "team-alphabet"])
  }

  @Test("with everything equal, the original order stays")
  func stableOrder() {
    let rows = (0..<5).map { makeRow("same", role: "Role", email: "e\($0 % 2)@x.example") }
    var engine = FilterEngine(rows: rows)
    #expect(engine.filter(query: "same").rowIndices == [0, 1, 2, 3, 4])
  }

  @Test("space-separated terms must all match, in any field and any order")
  func termsAreAnded() {
    let rows = [
      makeRow("Production", role: "AdministratorAccess"),
      makeRow("Production", role: "ReadOnly"),
      makeRow("Staging", role: "AdministratorAccess"),
      makeRow("Sandbox", role: "Admins", email: "prod-team@corp.example"),
    ]
    var engine = FilterEngine(rows: rows)
    let forwards = engine.filter(query: "prod admin")
    #expect(Set(forwards.rowIndices) == [0, 3])
    #expect(forwards.rowIndices.first == 0)
    let backwards = engine.filter(query: "  admin   prod ")
    #expect(Set(backwards.rowIndices) == [0, 3])
    #expect(engine.filter(query: "prod admin zzz").isEmpty)
  }

  @Test("an empty query keeps every row, ranked rows first, then in original order")
  func emptyQuery() {
    var engine = FilterEngine(rows: [
      makeRow("a"), makeRow("b", rank: 1), makeRow("c"), makeRow("d", rank: 0),
    ])
    #expect(names(engine.filter(query: ""), in: engine) == ["d", "b", "a", "c"])
    #expect(names(engine.filter(query: "  \t "), in: engine) == ["d", "b", "a", "c"])
  }

  @Test("a query nothing matches gives an empty result")
  func noMatch() {
    var engine = FilterEngine(rows: [makeRow("Production", role: "Admin", id: "012345678901")])
    let result = engine.filter(query: "xyz")
    #expect(result.isEmpty)
    #expect(result.searchedRowCount == 1)
    #expect(engine.filter(query: "nimda").isEmpty)  // letters present, wrong order
  }

  @Test("an engine without rows answers every query with nothing")
  func noRows() {
    var engine = FilterEngine()
    #expect(engine.filter(query: "a").isEmpty)
    #expect(engine.filter(query: "").isEmpty)
  }
}

@Suite("Matcher robustness")
struct MatcherRobustnessTests {
  @Test("a huge row and a long query fall back to the greedy alignment and still match")
  func hugeRowAndQuery() {
    let long = String(repeating: "ab-", count: 8_000)
    let query = String(repeating: "ab", count: 40)
    var engine = FilterEngine(rows: [makeRow(long), makeRow("ab")])
    let result = engine.filter(query: query)
    #expect(result.rowIndices == [0])
    let marks = engine.highlights(forRow: 0, query: result.query)
    #expect(marks.accountName.count == 80)
    #expect(marks.accountName == marks.accountName.sorted())
  }

  @Test("control characters, lone marks and empty fields do not crash")
  func oddText() {
    var engine = FilterEngine(rows: [
      makeRow("\u{301}\u{200D}", role: "\t\n", id: "", email: "\u{FE0F}"),
      makeRow("", role: "", id: "", email: ""),
      makeRow("a\u{0}b"),
    ])
    #expect(engine.filter(query: "ab").rowIndices == [2])
    #expect(engine.filter(query: "").count == 3)
    #expect(engine.highlights(forRow: 2, query: SearchQuery("ab")).accountName == [0, 2])
  }
}
