import Foundation
import Testing

@testable import SessionEngine

@Suite("Config documents round-trip byte for byte")
struct ConfigRoundTripTests {
  @Test("the corpus has at least 30 readable files")
  func corpusSize() throws {
    #expect(try ConfigCorpus.goodNames().count >= 30)
  }

  @Test("parse then write gives the identical bytes", arguments: try ConfigCorpus.goodNames())
  func roundTrip(name: String) throws {
    let original = try ConfigCorpus.bytes(name)
    let document = try ConfigCorpus.document(name)
    #expect(document.bytes == original, "\(name) changed:\n\(visible(document.bytes))")
  }

  @Test(
    "a file botocore cannot read is an error naming file and line",
    arguments: [
      ("bad-01-key-before-section.config", 3, "before any section header"),
      ("bad-02-no-delimiter.config", 3, "has no '=' or ':'"),
      ("bad-03-nested-without-equals.config", 4, "must be \"name = value\""),
      ("bad-04-invalid-utf8.config", 3, "not valid UTF-8"),
      ("bad-05-empty-key.config", 4, "no key"),
      ("bad-06-bom-key-first.config", 1, "before any section header"),
    ])
  func malformed(name: String, line: Int, problem: String) throws {
    let error = #expect(throws: ConfigError.self) { try ConfigCorpus.document(name) }
    guard case .malformedLine(let file, let reported, let text) = error else {
      Issue.record("unexpected error \(String(describing: error))")
      return
    }
    #expect(file == name)
    #expect(reported == line)
    #expect(text.contains(problem), "\(text)")
    let message = try #require(error).description
    #expect(message.hasPrefix("\(name), line \(line): "))
  }

  @Test("every bad file in the corpus is covered by the table above")
  func badFilesCovered() throws {
    #expect(try ConfigCorpus.names().filter { $0.hasPrefix("bad-") }.count == 6)
  }

  @Test("duplicates parse losslessly but validate() names both lines")
  func duplicates() throws {
    let key = try ConfigCorpus.document("16-duplicate-key.config")
    #expect(key.bytes == (try ConfigCorpus.bytes("16-duplicate-key.config")))
    #expect(
      throws: ConfigError.duplicateKey(
        file: "16-duplicate-key.config", line: 4, key: "region", section: "profile dup",
        firstLine: 2)
    ) { try key.validate() }

    let section = try ConfigCorpus.document("17-duplicate-section.config")
    #expect(
      throws: ConfigError.duplicateSection(
        file: "17-duplicate-section.config", line: 7, section: "profile twice", firstLine: 1)
    ) {
      try section.validate()
    }
    #expect(throws: ConfigError.self) { try SharedConfig(config: section) }
  }

  @Test("a byte order mark is read, kept on write, and warned about")
  func byteOrderMark() throws {
    let document = try ConfigCorpus.document("11-bom.config")
    #expect(document.hasByteOrderMark)
    #expect(document.sections.first?.header == "default")
    let config = try SharedConfig(config: document)
    #expect(config.warnings.count == 1)
    #expect(config.warnings.first?.contains("byte order mark") == true)
  }

  @Test("line terminators are kept per line; the dominant one is used for new lines")
  func lineEndings() throws {
    #expect(try ConfigCorpus.document("10-crlf.config").newline == .crlf)
    #expect(try ConfigCorpus.document("01-aws-configure-sso.config").newline == .lf)
    #expect(try ConfigCorpus.document("28-cr-only.config").newline == .cr)
    let mixed = try ConfigCorpus.document("27-mixed-line-endings.config")
    #expect(mixed.lines.map(\.terminator) == [.crlf, .lf, .crlf, .crlf, .lf, .crlf])
    #expect(try ConfigCorpus.document("12-no-final-newline.config").endsWithNewline == false)
  }

  @Test("lines are classified the way botocore reads them")
  func classification() throws {
    let document = try ConfigCorpus.document("14-continuation-lines.config")
    let multi = try #require(document.section(.profile("multi")))
    #expect(
      multi.value("credential_process")
        == .string("/usr/bin/tool\n--with an argument on the next line\n--and another"))
    #expect(multi.value("description") == .string("first line\n\nafter a blank line"))
    #expect(multi.value("region") == .string("eu-west-1\n[not-a-header]"))
    #expect(multi.value("output") == .string("json"))

    let swallowed = try ConfigCorpus.document("29-indented-headers.config")
    // Indented headers after a key line are swallowed as continuation lines, even after a
    // blank line; botocore 1.43 reads the file the same way (checked by the interop suite).
    #expect(swallowed.sections.map(\.header) == ["default"])
    let defaults = try #require(swallowed.section(.profile("default")))
    #expect(defaults.value("region") == .string("eu-west-1\n[profile swallowed]"))
    #expect(defaults.value("output") == .string("json\n\n[profile indented-after-blank]"))
    #expect(defaults.value("x") == .string("1"))

    let comments = try ConfigCorpus.document("04-comments-everywhere.config")
    #expect(
      comments.section(.profile("acme"))?.value("region")
        == .string("eu-west-1 ; this is NOT a comment, botocore keeps it"))
    #expect(
      comments.section(.profile("acme"))?.value("output") == .string("json # neither is this"))
  }
}
