import Testing

@testable import SessionEngine

@Suite("Editing config documents")
struct ConfigDocumentEditingTests {
  func parse(_ text: String, flavor: ConfigDocument.Flavor = .config) throws -> ConfigDocument {
    try ConfigDocument(parsing: text, path: "config", flavor: flavor)
  }

  @Test("the change record says what happened; an equal value changes nothing")
  func changeRecord() throws {
    var document = try parse("[profile a]\nregion = eu-west-1\nold = 1\n")
    let original = document.bytes
    let same = try document.update(.profile("a"), [.set(key: "region", value: "eu-west-1")])
    #expect(same.isEmpty)
    #expect(document.bytes == original)

    let change = try document.update(
      .profile("a"),
      [
        .set(key: "region", value: "us-east-1"), .set(key: "output", value: "json"),
        .remove(key: "old"), .remove(key: "absent"),
      ])
    #expect(change.changedKeys == ["region"])
    #expect(change.addedKeys == ["output"])
    #expect(change.removedKeys == ["old"])
    #expect(!change.createdSection)
    #expect(document.text == "[profile a]\nregion = us-east-1\noutput = json\n")
  }

  @Test("removing keys from a missing section creates nothing")
  func removeFromMissingSection() throws {
    var document = try parse("[default]\nregion = x\n")
    let change = try document.update(.profile("nope"), [.remove(key: "region")])
    #expect(change.isEmpty)
    #expect(document.text == "[default]\nregion = x\n")
  }

  @Test("new sections: [default], quoted names, and bare names in the credentials file")
  func newSectionHeaders() throws {
    var config = ConfigDocument(path: "config", flavor: .config)
    try config.update(.profile("default"), [.set(key: "region", value: "a")])
    try config.update(.profile("my dev"), [.set(key: "region", value: "b")])
    try config.update(.profile("it's"), [.set(key: "region", value: "c")])
    try config.update(
      .services("local"),
      [.setNested(key: "sso", values: [ConfigNestedEdit(name: "endpoint_url", value: "http://x")])])
    #expect(
      config.text == """
        [default]
        region = a

        [profile 'my dev']
        region = b

        [profile "it's"]
        region = c

        [services local]
        sso =
            endpoint_url = http://x

        """)
    var credentials = ConfigDocument(path: "credentials", flavor: .credentials)
    try credentials.update(
      .profile("default"), [.set(key: "aws_access_key_id", value: "AKIAEXAMPLE")])
    try credentials.update(
      .profile("my dev"), [.set(key: "aws_access_key_id", value: "AKIAEXAMPLE2")])
    #expect(
      credentials.text
        == "[default]\naws_access_key_id = AKIAEXAMPLE\n\n[my dev]\naws_access_key_id = AKIAEXAMPLE2\n"
    )
  }

  @Test("what cannot be written is refused and the document is unchanged")
  func refusals() throws {
    var document = try parse("[default]\nregion = x\n")
    let original = document.bytes
    #expect(
      throws: ConfigError.invalidValue(
        key: "region", reason: "it contains a line break or control character")
    ) {
      try document.update(.profile("default"), [.set(key: "region", value: "a\nb")])
    }
    #expect(throws: ConfigError.self) {
      try document.update(.profile("default"), [.set(key: "region", value: " padded")])
    }
    #expect(throws: ConfigError.self) {
      try document.update(.profile("default"), [.set(key: "a=b", value: "x")])
    }
    #expect(throws: ConfigError.self) {
      try document.update(.profile("default"), [.set(key: "#key", value: "x")])
    }
    #expect(throws: ConfigError.self) {
      try document.update(.profile("bad\nname"), [.set(key: "k", value: "x")])
    }
    #expect(throws: ConfigError.self) {
      try document.update(.profile(""), [.set(key: "k", value: "x")])
    }
    #expect(throws: ConfigError.self) {
      try document.update(.other("  spaced"), [.set(key: "k", value: "x")])
    }
    var credentials = ConfigDocument(path: "credentials", flavor: .credentials)
    #expect(throws: ConfigError.self) {
      try credentials.update(.ssoSession("s"), [.set(key: "k", value: "x")])
    }
    #expect(document.bytes == original)
  }

  @Test("removing a section: header, entries and its separating blank lines")
  func removeSection() throws {
    let text = "# head\n[a]\nx = 1\n\n[b]\ny = 2\n# about c\n\n[c]\nz = 3\n"
    var middle = try parse(text)
    #expect(try middle.removeSection(.other("b")))
    #expect(middle.text == "# head\n[a]\nx = 1\n\n# about c\n\n[c]\nz = 3\n")

    var last = try parse(text)
    #expect(try last.removeSection(.other("c")))
    #expect(last.text == "# head\n[a]\nx = 1\n\n[b]\ny = 2\n# about c\n")

    var missing = try parse(text)
    #expect(try missing.removeSection(.other("nope")) == false)
    #expect(missing.text == text)
  }

  @Test("adding a section and removing it again restores the file")
  func addThenRemove() throws {
    for text in ["[a]\nx = 1\n", "[a]\r\nx = 1\r\n", "[a]\nx = 1", "", "# only a comment\n"] {
      var document = try parse(text)
      try document.update(.profile("added"), [.set(key: "k", value: "v")])
      #expect(document.text != text)
      try document.removeSection(.profile("added"))
      #expect(document.text == text, "\(text.debugDescription)")
    }
  }

  @Test("both spellings of one profile: removal removes both")
  func removeAllSpellings() throws {
    var document = try parse("[default]\na = 1\n\n[profile default]\nb = 2\n\n[profile x]\nc = 3\n")
    try document.removeSection(.profile("default"))
    #expect(document.text == "[profile x]\nc = 3\n")
  }

  @Test("nested blocks: a plain value becomes nested; removing every name removes the key")
  func nestedTransitions() throws {
    var document = try parse("[services s]\nsso = plain\nsts =\n  endpoint_url = http://a\n")
    try document.update(
      .services("s"),
      [
        .setNested(key: "sso", values: [ConfigNestedEdit(name: "endpoint_url", value: "http://b")]),
        .setNested(key: "sts", values: [ConfigNestedEdit(name: "endpoint_url", value: nil)]),
      ])
    #expect(document.text == "[services s]\nsso =\n    endpoint_url = http://b\n")
  }

  @Test("a managed block between marker comments is replaced as a whole")
  func markerBlock() throws {
    let begin = "# >>> ssopick populate >>>"
    let end = "# <<< ssopick populate <<<"
    var document = try parse("[default]\nregion = x\n")
    try document.replaceMarkerBlock(
      begin: begin, end: end,
      with: [
        (.profile("a"), [.set(key: "sso_session", value: "s")]),
        (.profile("b"), [.set(key: "sso_session", value: "s")]),
      ])
    #expect(
      document.text == """
        [default]
        region = x

        # >>> ssopick populate >>>
        [profile a]
        sso_session = s

        [profile b]
        sso_session = s
        # <<< ssopick populate <<<

        """)
    #expect(document.markerBlock(begin: begin, end: end) == 4...10)

    // Content after the block stays; the block's content is replaced.
    try document.update(.profile("after"), [.set(key: "k", value: "v")])
    try document.replaceMarkerBlock(
      begin: begin, end: end, with: [(.profile("c"), [.set(key: "region", value: "r")])])
    #expect(
      document.text == """
        [default]
        region = x

        # >>> ssopick populate >>>
        [profile c]
        region = r
        # <<< ssopick populate <<<

        [profile after]
        k = v

        """)

    // A section that also exists outside the block is refused.
    let before = document.bytes
    #expect(throws: ConfigError.self) {
      try document.replaceMarkerBlock(
        begin: begin, end: end, with: [(.profile("after"), [.set(key: "k", value: "w")])])
    }
    #expect(document.bytes == before)
    #expect(throws: ConfigError.self) {
      try document.replaceMarkerBlock(begin: "not a comment", end: end, with: [])
    }
  }
}
