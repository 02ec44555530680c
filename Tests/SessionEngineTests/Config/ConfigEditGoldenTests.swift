import Foundation
import Testing

@testable import SessionEngine

/// One edit of one corpus file and the name of the file holding the exact expected bytes.
struct EditGolden: CustomTestStringConvertible, Sendable {
  var input: String
  var expected: String
  var summary: String
  var apply: @Sendable (inout ConfigDocument) throws -> Void

  var testDescription: String { "\(input): \(summary)" }
}

/// Expected outputs live in `Fixtures/config-corpus/edits/`. To re-record after an
/// intentional change, run with `RECORD_GOLDENS=1`: the files are rewritten and the test
/// fails, so a new baseline is never accepted without a look at its diff.
@Suite("Editing corpus files changes only the edited lines")
struct ConfigEditGoldenTests {
  static let cases: [EditGolden] = [
    EditGolden(
      input: "01-aws-configure-sso.config", expected: "01-set-sso-region.config",
      summary: "update one key in place"
    ) { try $0.update(.ssoSession("acme-sso"), [.set(key: "sso_region", value: "us-east-1")]) },
    EditGolden(
      input: "04-comments-everywhere.config", expected: "04-add-key.config",
      summary: "a new key goes after the last entry, before trailing comments"
    ) { try $0.update(.profile("acme"), [.set(key: "sso_session", value: "acme-sso")]) },
    EditGolden(
      input: "05-odd-spacing.config", expected: "05-keep-spacing.config",
      summary: "an updated line keeps its key spelling and spacing"
    ) {
      try $0.update(
        .profile("spaced"),
        [.set(key: "output", value: "text"), .set(key: "region", value: "us-east-1")])
    },
    EditGolden(
      input: "07-subsections.config", expected: "07-nested.config",
      summary: "nested sub-keys are updated in place and added with the block's indentation"
    ) {
      try $0.update(
        .services("local-fakes"),
        [
          .setNested(
            key: "sso",
            values: [ConfigNestedEdit(name: "endpoint_url", value: "http://127.0.0.1:9999")]),
          .setNested(
            key: "sso_oidc",
            values: [
              ConfigNestedEdit(name: "endpoint_url", value: nil),
              ConfigNestedEdit(name: "new_setting", value: "on"),
            ]),
          .setNested(
            key: "sts",
            values: [ConfigNestedEdit(name: "endpoint_url", value: "http://127.0.0.1:7")]),
        ])
    },
    EditGolden(
      input: "09-unusual-names.config", expected: "09-quoted-header.config",
      summary: "a quoted header is found by meaning, not by spelling"
    ) {
      try $0.update(.profile("ops team"), [.set(key: "output", value: "yaml")])
      try $0.update(.profile("two-spaces"), [.set(key: "region", value: "eu-west-2")])
      try $0.update(.profile("new one"), [.set(key: "region", value: "eu-west-3")])
    },
    EditGolden(
      input: "10-crlf.config", expected: "10-crlf-add-section.config",
      summary: "a CRLF file gets CRLF edits and a new section after one blank line"
    ) {
      try $0.update(.profile("acme-admin"), [.set(key: "region", value: "eu-west-1")])
      try $0.update(
        .ssoSession("second"),
        [
          .set(key: "sso_start_url", value: "https://d-5555555555.awsapps.com/start"),
          .set(key: "sso_region", value: "us-west-2"),
        ])
    },
    EditGolden(
      input: "11-bom.config", expected: "11-bom-kept.config",
      summary: "a byte order mark is kept"
    ) { try $0.update(.profile("default"), [.set(key: "output", value: "json")]) },
    EditGolden(
      input: "12-no-final-newline.config", expected: "12-still-no-final-newline.config",
      summary: "a file without a final newline stays without one"
    ) {
      try $0.update(.profile("last"), [.set(key: "region", value: "us-east-1")])
      try $0.update(.profile("extra"), [.set(key: "region", value: "us-east-2")])
    },
    EditGolden(
      input: "13-tabs.config", expected: "13-tab-indented-nested.config",
      summary: "a new nested key copies the block's tab indentation"
    ) {
      try $0.update(
        .profile("tabby"),
        [.setNested(key: "s3", values: [ConfigNestedEdit(name: "addressing_style", value: "path")])]
      )
    },
    EditGolden(
      input: "14-continuation-lines.config", expected: "14-replace-multiline.config",
      summary: "setting a multi-line value replaces its continuation lines; removal removes them"
    ) {
      try $0.update(
        .profile("multi"),
        [
          .set(key: "credential_process", value: "/usr/bin/tool --single-line"),
          .remove(key: "description"),
        ])
    },
    EditGolden(
      input: "18-default-and-profile-default.config", expected: "18-edit-effective-default.config",
      summary:
        "with [default] and [profile default], the later one (the one botocore uses) is edited"
    ) { try $0.update(.profile("default"), [.set(key: "output", value: "json")]) },
    EditGolden(
      input: "20-credentials.credentials", expected: "20-credentials-edit.credentials",
      summary: "credentials files use bare profile names"
    ) {
      try $0.update(
        .profile("acme-admin"),
        [.set(key: "aws_session_token", value: "NEWEXAMPLEtoken==")])
      try $0.removeSection(.profile("default"))
    },
    EditGolden(
      input: "32-many-profiles.config", expected: "32-remove-section.config",
      summary: "removing a section removes it and the blank line after it"
    ) {
      try $0.removeSection(.profile("generated-10"))
      try $0.removeSection(.ssoSession("bulk"))
    },
    EditGolden(
      input: "33-case-keys.config", expected: "33-case-insensitive-keys.config",
      summary: "keys match case-insensitively, so no duplicate is created"
    ) {
      try $0.update(.profile("shouty"), [.set(key: "region", value: "us-west-2")])
      try $0.update(.ssoSession("acme"), [.set(key: "sso_region", value: "us-east-1")])
    },
    EditGolden(
      input: "23-empty.config", expected: "23-first-section.config",
      summary: "an empty file gets no leading blank line"
    ) {
      try $0.update(
        .ssoSession("acme"),
        [
          .set(key: "sso_start_url", value: "https://d-9a6f3c21b7.awsapps.com/start"),
          .set(key: "sso_region", value: "eu-central-1"),
          .set(key: "sso_registration_scopes", value: "sso:account:access"),
        ])
    },
  ]

  @Test("expected bytes after the edit", arguments: cases)
  func golden(_ golden: EditGolden) throws {
    var document = try ConfigCorpus.document(golden.input)
    try golden.apply(&document)
    let actual = document.bytes
    let expectedURL = try ConfigCorpus.folder.appendingPathComponent("edits")
      .appendingPathComponent(golden.expected)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
      let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/config-corpus/edits")
      try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
      try Data(actual).write(to: source.appendingPathComponent(golden.expected))
      Issue.record(
        "recorded \(golden.expected); review the diff and run again without RECORD_GOLDENS")
      return
    }
    let expected = [UInt8](try Data(contentsOf: expectedURL))
    #expect(actual == expected, "\(golden.expected):\n\(visible(actual))")
    // The edited file must still be one botocore reads without duplicates.
    let reread = try ConfigDocument(
      parsing: actual, path: golden.expected, flavor: ConfigCorpus.flavor(golden.input))
    #expect(throws: Never.self) { try reread.validate() }
  }
}
