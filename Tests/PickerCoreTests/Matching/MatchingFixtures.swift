@testable import PickerCore

/// Builds a row with only the fields a test cares about.
func makeRow(
  _ name: String,
  role: String = "",
  id: String = "",
  email: String = "",
  rank: Int = SearchableRow.unranked
) -> SearchableRow {
  SearchableRow(accountName: name, accountId: id, roleName: role, email: email, rank: rank)
}

/// The account names of a result, best first.
func names(_ result: FilterResult, in engine: FilterEngine) -> [String] {
  result.rowIndices.map { engine.row(at: $0).accountName }
}

/// Filters `rows` from scratch with a new engine.
func filterFromScratch(_ rows: [SearchableRow], _ query: String) -> FilterResult {
  var engine = FilterEngine(rows: rows)
  return engine.filter(query: query)
}

/// The folded form of `text`, as a string, for readable assertions.
func folded(_ text: String) -> String {
  var units: [UInt32] = []
  for scalar in text.unicodeScalars {
    TextFolding.appendFolded(scalar, to: &units)
  }
  return String(String.UnicodeScalarView(units.compactMap(Unicode.Scalar.init)))
}
