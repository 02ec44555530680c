import PropertyBased
import Testing

@testable import SessionEngine

/// A generated config file and what it contains, built from a list of small integers so the
/// property-based library can shrink a failure to a short file.
struct GeneratedConfig: CustomStringConvertible {
  var bytes: [UInt8]
  /// Section names, each with the keys written in it.
  var sections: [(name: ConfigSectionName, keys: [String])]

  var description: String { visible(bytes) }

  init(tokens: [Int], style: Int) {
    let terminators: [String]
    switch style % 3 {
    case 0: terminators = ["\n"]
    case 1: terminators = ["\r\n"]
    default: terminators = ["\n", "\r\n"]
    }
    var lines: [String] = []
    var sections: [(ConfigSectionName, [String])] = []
    var counter = 0
    func next() -> Int {
      counter += 1
      return counter
    }
    // A comment or blank preamble, sometimes.
    if style & 4 != 0 { lines += ["# generated", ""] }
    for token in tokens {
      if sections.isEmpty || token % 9 == 0 {
        let number = next()
        let (header, name): (String, ConfigSectionName)
        switch (token / 9) % 6 {
        case 0: (header, name) = ("profile p\(number)", .profile("p\(number)"))
        case 1: (header, name) = ("profile \"p \(number)\"", .profile("p \(number)"))
        case 2: (header, name) = ("sso-session s\(number)", .ssoSession("s\(number)"))
        case 3: (header, name) = ("services v\(number)", .services("v\(number)"))
        case 4: (header, name) = ("profile  'q/\(number)@x'", .profile("q/\(number)@x"))
        default: (header, name) = ("plugins\(number)", .other("plugins\(number)"))
        }
        if !lines.isEmpty && token % 2 == 0 { lines.append("") }
        lines.append("[\(header)]")
        sections.append((name, []))
        continue
      }
      let key = "k\(next())"
      var written: String? = key
      switch token % 9 {
      case 1: lines.append("\(key) = value \(token)")
      case 2: lines.append("\(key)=v;\(token) # not a comment")
      case 3: lines.append("\(key.uppercased()) :\tv\(token)")
      case 4: lines += ["\(key) = first", "    second line", "", "    third line"]
      case 5: lines += ["\(key) =", "    endpoint_url = http://127.0.0.1:\(token)", "\tother = x"]
      case 6:
        lines.append(token % 2 == 0 ? "# comment \(token)" : "  ; indented comment")
        written = nil
      case 7:
        lines.append(token % 2 == 0 ? "" : " \t ")
        written = nil
      default: lines.append("\(key)   =   spaced   ")
      }
      if let written { sections[sections.count - 1].1.append(written) }
    }
    var text = ""
    for (index, line) in lines.enumerated() {
      text += line
      if index < lines.count - 1 || style & 8 == 0 {
        text += terminators[index % terminators.count]
      }
    }
    bytes = (style & 16 != 0 ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    self.sections = sections.map { (name: $0.0, keys: $0.1) }
  }
}

/// Whether two runs of lines have the same text and line breaks, allowing only a file's
/// last line to gain or lose its line break (an edit after it, or a missing final newline
/// kept missing).
func same(_ new: ArraySlice<ConfigLine>, _ old: ArraySlice<ConfigLine>) -> Bool {
  guard new.count == old.count else { return false }
  for (index, (a, b)) in zip(new, old).enumerated() {
    guard a.text == b.text else { return false }
    let isLast = index == new.count - 1
    if a.terminator != b.terminator && !(isLast || b.terminator == .none) { return false }
  }
  return true
}

@Suite("Property: round trips and local edits")
struct ConfigPropertyTests {
  static let tokens = Gen.int(in: 0...80).array(of: 0...40)
  static let style = Gen.int(in: 0...31)
  static let choice = Gen.int(in: 0...10_000)

  @Test("generated documents round-trip byte for byte")
  func roundTrip() async {
    await propertyCheck(count: 300, input: Self.tokens, Self.style) { tokens, style in
      let generated = GeneratedConfig(tokens: tokens, style: style)
      let document = try ConfigDocument(parsing: generated.bytes, path: "gen", flavor: .config)
      #expect(document.bytes == generated.bytes)
      #expect(throws: Never.self) { try document.validate() }
    }
  }

  @Test("any single edit changes only its own lines")
  func localEdits() async {
    await propertyCheck(count: 300, input: Self.tokens, Self.style, Self.choice) {
      tokens, style, choice in
      let generated = GeneratedConfig(tokens: tokens, style: style)
      let before = try ConfigDocument(parsing: generated.bytes, path: "gen", flavor: .config)
      guard !generated.sections.isEmpty else { return }
      let target = generated.sections[choice % generated.sections.count]
      let span = try #require(before.lastSpan(named: target.name))
      var after = before
      var operation = (choice / 7) % 4
      if target.keys.isEmpty && operation != 3 { operation = 1 }
      let old = before.lines
      // Whether the file's last line went with the edit, so that whether it ends with a
      // line end is decided by the line before (see the removal case).
      var lastLineWent = false
      switch operation {
      case 0:
        let key = target.keys[(choice / 31) % target.keys.count]
        let entry = try #require(span.entries.last { $0.normalizedKey == key.lowercased() })
        try after.update(target.name, [.set(key: key, value: "changed \(choice)")])
        // Only the entry's lines [line, last] became one line.
        let new = after.lines
        #expect(new.count == old.count - (entry.last - entry.line))
        #expect(Array(new[..<entry.line]) == Array(old[..<entry.line]))
        #expect(same(new[(entry.line + 1)...], old[(entry.last + 1)...]))
        let keyPart = old[entry.line].text.prefix { $0 != "=" && $0 != ":" }
        #expect(new[entry.line].text.hasPrefix(keyPart))
        #expect(new[entry.line].text.hasSuffix("changed \(choice)"))
        #expect(after.section(target.name)?.value(key) == .string("changed \(choice)"))
      case 2:
        let key = target.keys[(choice / 31) % target.keys.count]
        let entry = try #require(span.entries.last { $0.normalizedKey == key.lowercased() })
        try after.update(target.name, [.remove(key: key)])
        let new = after.lines
        if entry.last == old.count - 1 {
          // The file's last entry. In a file without a final line end, the line left last
          // loses its line end, and a blank line with none is nothing: at most that line
          // goes too (e.g. "[p]\n\r\nk = v" → "[p]\n"); the text before stays.
          #expect(new.count == entry.line || new.count == entry.line - 1, "\(new.count)")
          #expect(new.map(\.text) == old[..<new.count].map(\.text))
          lastLineWent = new.count < entry.line
        } else {
          #expect(Array(new[..<entry.line]) == Array(old[..<entry.line]))
          #expect(same(new[entry.line...], old[(entry.last + 1)...]))
        }
        #expect(after.section(target.name)?.value(key) == nil)
      case 1:
        try after.update(target.name, [.set(key: "added_key", value: "added")])
        let insertAt = span.contentEnd + 1
        let new = after.lines
        #expect(new.count == old.count + 1)
        #expect(same(new[..<insertAt], old[..<insertAt]))
        #expect(new[insertAt].text == "added_key = added")
        #expect(same(new[(insertAt + 1)...], old[insertAt...]))
        #expect(after.section(target.name)?.value("added_key") == .string("added"))
      default:
        try after.update(.profile("brand-new"), [.set(key: "k", value: "v")])
        let new = after.lines
        let separator = old.last.map { $0.kind == .blank } ?? true ? [] : [""]
        #expect(same(new[..<old.count], old[...]))
        #expect(
          Array(new[old.count...]).map(\.text) == separator + ["[profile brand-new]", "k = v"])
      }
      #expect(
        after.endsWithNewline == before.endsWithNewline || before.lines.isEmpty || lastLineWent)
      #expect(after.hasByteOrderMark == before.hasByteOrderMark)
      // Every other section reads exactly as before.
      let reread = try ConfigDocument(parsing: after.bytes, path: "gen", flavor: .config)
      #expect(throws: Never.self) { try reread.validate() }
      let others = { (document: ConfigDocument) in
        document.rawSections().filter {
          ConfigSectionName(header: $0.header, flavor: .config) != target.name
            && $0.header != "profile brand-new"
        }
      }
      #expect(others(reread).map(\.header) == others(before).map(\.header))
      #expect(others(reread).map(\.values) == others(before).map(\.values))
    }
  }
}
