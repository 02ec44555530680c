import Foundation
import SSOPickCommands
import SessionEngine
import Testing

@Suite("CatalogListFormat")
struct CatalogListFormatTests {
  static let catalog = Catalog(
    accounts: [
      AccountInfo(accountID: "111111111111", accountName: "prod", emailAddress: "p@x.example"),
      AccountInfo(accountID: "222222222222", accountName: "東京 dev", emailAddress: ""),
      AccountInfo(
        accountID: "333333333333", accountName: "evil\u{1B}[31m\tname\n", emailAddress: "e\"@x"),
      AccountInfo(accountID: "444444444444", accountName: "back\\slash", emailAddress: "b@x"),
    ],
    roles: [
      "111111111111": ["ReadOnly", "Admin"], "222222222222": ["Dev"],
      "333333333333": ["Tab\tRole"], "444444444444": ["R"],
    ],
    fetchedAt: Date())

  func text(_ format: CatalogListFormat, _ entries: [CatalogEntry] = catalog.entries) -> String {
    String(decoding: format.render(entries), as: UTF8.self)
  }

  @Test func textAlignsColumnsInTerminalCellsAndEscapesControls() {
    let lines = text(.text).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines == [
        "back\\slash            444444444444  R",
        "evil\\x1b[31m\\tname\\n  333333333333  Tab\\tRole",
        "prod                  111111111111  Admin",
        "prod                  111111111111  ReadOnly",
        "東京 dev              222222222222  Dev",
        "",
      ])
  }

  @Test func tsvHasFourFieldsPerLineWhateverTheValues() {
    let output = text(.tsv)
    let lines = output.split(separator: "\n")
    #expect(lines.count == 5)
    #expect(
      lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 4 })
    #expect(lines[0] == "back\\\\slash\t444444444444\tR\tb@x")
    #expect(lines[1] == "evil\\x1b[31m\\tname\\n\t333333333333\tTab\\tRole\te\"@x")
    #expect(lines[4] == "東京 dev\t222222222222\tDev\t")
  }

  @Test func jsonIsAnArrayOfObjectsWithExactlyFourStringMembers() throws {
    let data = Data(CatalogListFormat.json.render(Self.catalog.entries))
    let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(array.count == 5)
    for object in array {
      #expect(Set(object.keys) == ["accountId", "accountName", "emailAddress", "roleName"])
      #expect(object.values.allSatisfy { $0 is String })
    }
    let rows = array.map { "\($0["accountName"] ?? "")|\($0["roleName"] ?? "")" }
    #expect(
      rows == [
        "back\\slash|R", "evil\u{1B}[31m\tname\n|Tab\tRole", "prod|Admin", "prod|ReadOnly",
        "東京 dev|Dev",
      ])
    #expect(array[1]["emailAddress"] as? String == "e\"@x")
    #expect(array[0]["accountId"] as? String == "444444444444")
  }

  @Test(arguments: CatalogListFormat.allCases)
  func renderingTheCatalogEqualsRenderingItsEntries(format: CatalogListFormat) {
    #expect(format.render(Self.catalog) == format.render(Self.catalog.entries))
    var partial = Self.catalog
    partial.roles["222222222222"] = nil
    partial.roles["111111111111"] = []
    #expect(format.render(partial) == format.render(partial.entries))
  }

  @Test(arguments: CatalogListFormat.allCases)
  func writingInPiecesGivesTheSameBytes(format: CatalogListFormat) {
    let accounts = (0..<3_000).map {
      AccountInfo(
        accountID: String(100_000_000_000 + $0), accountName: "account \($0) ünïcode",
        emailAddress: "aws+\($0)@example.com")
    }
    let catalog = Catalog(
      accounts: accounts,
      roles: Dictionary(uniqueKeysWithValues: accounts.map { ($0.accountID, ["A", "B\tC"]) }),
      fetchedAt: Date())
    var pieces: [Int] = []
    var bytes: [UInt8] = []
    format.write(catalog) { buffer in
      pieces.append(buffer.count)
      bytes += buffer
    }
    #expect(pieces.count > 3)
    #expect(pieces.dropLast().allSatisfy { $0 >= 64 * 1024 && $0 < 70 * 1024 })
    #expect(bytes == format.render(catalog.entries))
  }

  @Test func emptyCatalogs() {
    #expect(text(.json, []) == "[]\n")
    #expect(text(.text, []) == "")
    #expect(text(.tsv, []) == "")
  }
}
