import Foundation
import Testing

@testable import SessionEngine

/// Spec §9.6's worked example, run through ssopick's writer. ssopick's output differs from
/// the AWS CLI's in exactly one place, on purpose: the new `[sso-session acme-sso]` section is
/// separated from `x = 1` by one blank line (the CLI inserts none). Everything else — the
/// in-place update of `region`, `output = json`, `sso_session` added after the nested `s3`
/// block and before the blank line — is what the CLI writes.
@Suite("Spec §9.6 worked example")
struct ConfigWorkedExampleTests {
  static let before = """
    # top comment
    [default]
    region=eu-west-1
    ; a semicolon comment
    output = text

    [profile acme-admin]
    region = us-east-1
    # note: keep this
    s3 =
        max_concurrent_requests = 20

    [plugins]
    x = 1

    """

  static let after = """
    # top comment
    [default]
    region=eu-west-1
    ; a semicolon comment
    output = json

    [profile acme-admin]
    region = eu-west-1
    # note: keep this
    s3 =
        max_concurrent_requests = 20
    sso_session = acme-sso

    [plugins]
    x = 1

    [sso-session acme-sso]
    sso_start_url = https://d-9a6f3c21b7.awsapps.com/start
    sso_region = eu-central-1
    sso_registration_scopes = sso:account:access

    """

  static func applyExampleEdits(_ document: inout ConfigDocument) throws {
    try document.update(
      .profile("acme-admin"),
      [.set(key: "region", value: "eu-west-1"), .set(key: "sso_session", value: "acme-sso")])
    try document.update(.profile("default"), [.set(key: "output", value: "json")])
    try document.update(
      .ssoSession("acme-sso"),
      [
        .set(key: "sso_start_url", value: "https://d-9a6f3c21b7.awsapps.com/start"),
        .set(key: "sso_region", value: "eu-central-1"),
        .set(key: "sso_registration_scopes", value: "sso:account:access"),
      ])
  }

  @Test("before → after, with one blank line before the new section")
  func workedExample() throws {
    var document = try ConfigDocument(parsing: Self.before, path: "config", flavor: .config)
    try Self.applyExampleEdits(&document)
    #expect(document.text == Self.after)
  }

  @Test("the corpus copy of the example gives the same result")
  func corpusCopy() throws {
    var document = try ConfigCorpus.document("03-worked-example-before.config")
    try Self.applyExampleEdits(&document)
    #expect(document.text == Self.after)
  }

  /// The second deliberate difference: with `Region = us-east-1` in the section, the CLI
  /// appends a second `region` line (making the file unreadable); ssopick updates `Region`.
  @Test("keys match case-insensitively, unlike the CLI")
  func caseInsensitiveKeys() throws {
    let before = Self.before.replacingOccurrences(
      of: "region = us-east-1", with: "Region = us-east-1")
    var document = try ConfigDocument(parsing: before, path: "config", flavor: .config)
    try Self.applyExampleEdits(&document)
    let expected = Self.after.replacingOccurrences(
      of: "[profile acme-admin]\nregion = eu-west-1",
      with: "[profile acme-admin]\nRegion = eu-west-1")
    #expect(document.text == expected)
    #expect(throws: Never.self) { try document.validate() }
  }

  /// The CLI's quirk of inserting after "the line that follows the last option line" at the
  /// end of a file is not reproduced: the new key goes right after the last entry.
  @Test("a key added to the last section goes after its last entry")
  func lastSectionInsertion() throws {
    var document = try ConfigDocument(
      parsing: "[p]\nk = 1\n\n# c\n", path: "config", flavor: .config)
    try document.update(.other("p"), [.set(key: "new", value: "v")])
    #expect(document.text == "[p]\nk = 1\nnew = v\n\n# c\n")
  }
}
