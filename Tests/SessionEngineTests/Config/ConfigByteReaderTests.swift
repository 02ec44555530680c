import PropertyBased
import Synchronization
import Testing

@testable import SessionEngine

/// A generated file made to stress the byte-level reader: Unicode whitespace (NBSP, U+2003,
/// U+3000, NEL, U+2028), non-ASCII and canonically equivalent names (`é` and `e` + U+0301,
/// `K` and KELVIN SIGN), shell-quoted headers, keys differing only in case, lone `\r`,
/// sometimes a byte order mark or a byte that is not UTF-8.
struct HostileConfig: CustomStringConvertible {
  var bytes: [UInt8]

  var description: String { visible(bytes) }

  static let indents = [
    "", "", " ", "  ", "\t", "\u{A0}", "\u{3000}", "\u{0B}", "\u{1C}", "\u{85}",
  ]
  static let spaces = ["", " ", "\t", "\u{A0}", "\u{2003}", "\u{2028}", " \u{205F}"]
  static let headers = [
    "default", "DEFAULT", "profile a", "profile  a", "profile 'a b'", "profile \"a\"",
    "profile a b", "profiles x", "sso-session s", "sso-session 'é'", "sso-session e\u{301}",
    "sso-session \u{E9}", "services v", "plugins", "profile K", "profile \u{212A}", "日本",
    "profile\u{A0}x", "profile\tb", "profile \\x", "a]b", "profile 'x", "[nested]",
  ]
  static let keys = [
    "region", "Region", "REGION", "sso_start_url", "SSO_Start_URL", "sso_region", "sso_session",
    "output", "é", "e\u{301}", "K", "\u{212A}", "s3", "k\u{A0}", "x y",
  ]
  static let values = [
    "", "x", "a = b", "v;1 # c", "  spaced  ", "\u{A0}nbsp\u{A0}", "日本", "e\u{301}",
    "https://d-1.awsapps.com/start", "\u{2003}", "eu-west-1",
  ]

  /// With `style & 32` and `style & 1024`, one byte is not UTF-8. With `style & 64`, the file
  /// starts with a `[DEFAULT]` section whose keys every other section inherits.
  init(tokens: [Int], style: Int) {
    var counter = 0
    func unique(_ prefix: String) -> String {
      counter += 1
      return "\(prefix)\(counter)"
    }
    func pick(_ pool: [String], _ token: Int) -> String { pool[token % pool.count] }
    var lines: [String] = style & 1 == 0 ? ["[profile start]"] : []
    if style & 64 != 0 {
      lines = ["[DEFAULT]", "Region = d", "sso_region = eu-west-1", "output:"] + lines
    }
    for token in tokens {
      let detail = token / 11
      switch token % 11 {
      case 0:
        let name = detail % 3 == 0 ? pick(Self.headers, detail / 3) : "profile \(unique("p"))"
        let trailing = detail % 5 == 4 ? " ; after]x" : ""
        lines.append(pick(Self.indents, detail / 7) + "[" + name + "]" + trailing)
      case 1, 2, 3:
        let key = detail % 4 == 0 ? pick(Self.keys, detail / 4) : unique("k")
        let delimiter = detail % 3 == 0 ? ":" : "="
        lines.append(
          pick(Self.indents, detail / 13) + key + pick(Self.spaces, detail / 5) + delimiter
            + pick(Self.spaces, detail / 17) + pick(Self.values, detail / 11))
      case 4:
        lines.append(pick(Self.indents, detail) + unique("k") + " =")
      case 5:
        let text = detail % 2 == 0 ? "\(unique("n")) = \(pick(Self.values, detail))" : "more"
        lines.append("    " + pick(Self.indents, detail / 3) + text)
      case 6:
        lines.append(pick(Self.indents, detail) + (detail % 2 == 0 ? "#" : ";") + " note")
      case 7:
        lines.append(pick(Self.spaces, detail) + pick(Self.indents, detail / 7))
      case 8 where detail % 4 == 0:
        // Often not "key = value" at all.
        lines.append(pick(Self.keys, detail) + pick(Self.values, detail / 5))
      case 9 where detail % 4 == 0:
        lines.append("[" + pick(Self.indents, detail) + "]")
      default:
        lines.append(pick(Self.indents, detail) + unique("key") + " = " + pick(Self.values, detail))
      }
    }
    let terminators: [[UInt8]]
    switch (style >> 1) % 4 {
    case 0: terminators = [[0x0A]]
    case 1: terminators = [[0x0D, 0x0A]]
    case 2: terminators = [[0x0D]]
    default: terminators = [[0x0A], [0x0D, 0x0A], [0x0D]]
    }
    var bytes: [UInt8] = style & 8 != 0 ? [0xEF, 0xBB, 0xBF] : []
    for (index, line) in lines.enumerated() {
      bytes += Array(line.utf8)
      if index < lines.count - 1 || style & 16 == 0 {
        bytes += terminators[index % terminators.count]
      }
    }
    if style & 32 != 0, style & 1024 != 0, !bytes.isEmpty {
      bytes.insert(0xFF, at: (style >> 7) % bytes.count)
    }
    self.bytes = bytes
  }
}

@Suite("Byte-level reader agrees with the string-based reference reader")
struct ConfigByteReaderTests {
  static let tokens = Gen.int(in: 0...400).array(of: 0...40)
  static let style = Gen.int(in: 0...4095)

  /// Runs `body`, giving its value or the `ConfigError` it threw.
  static func result<T>(_ body: () throws(ConfigError) -> T) -> Result<T, ConfigError> {
    do throws(ConfigError) { return .success(try body()) } catch { return .failure(error) }
  }

  /// Checks every reading of `bytes` against the reference, for one file flavor. Returns
  /// whether the file was valid (so that the checks went as far as the raw sections).
  @discardableResult
  static func check(_ bytes: [UInt8], flavor: ConfigDocument.Flavor) -> Bool {
    let path = "hostile"
    let parsed = result { () throws(ConfigError) in
      try ConfigDocument(parsing: bytes, path: path, flavor: flavor)
    }
    let reference = result { () throws(ConfigError) in
      try ReferenceConfigReader.lines(bytes, path: path)
    }
    switch (parsed, reference) {
    case (.failure(let error), .failure(let expected)):
      #expect(error == expected)
    case (.success(let document), .success(let lines)):
      #expect(document.lines == lines)
      #expect(document.bytes == bytes)
      let sections = ReferenceConfigReader.sections(lines, flavor: flavor)
      #expect(document.sections == sections)
      for name in Set(sections.compactMap(\.name)) {
        #expect(document.section(name) == sections.last { $0.name == name })
      }
      let validated = result { () throws(ConfigError) in try document.validate() }
      let expected = result { () throws(ConfigError) in
        try ReferenceConfigReader.validate(sections, path: path)
      }
      #expect(validated.map { true } == expected.map { true })
      guard case .success = validated else { return false }
      #expect(document.rawSections() == ReferenceConfigReader.rawSections(sections))
      return true
    default:
      Issue.record("parsed: \(parsed.map(\.lines)), reference: \(reference)")
    }
    return false
  }

  @Test("lines, errors, sections, duplicates and raw sections match, in both file flavors")
  func readingMatches() async {
    let valid = Mutex(0)
    await propertyCheck(count: 400, input: Self.tokens, Self.style) { tokens, style in
      let bytes = HostileConfig(tokens: tokens, style: style).bytes
      if Self.check(bytes, flavor: .config) { valid.withLock { $0 += 1 } }
      Self.check(bytes, flavor: .credentials)
    }
    // The generator must reach valid files often enough for the deeper checks to matter.
    #expect(valid.withLock { $0 } >= 30)
  }

  @Test("SharedConfig sees the same profiles, sessions and services as the reference")
  func sharedConfigMatches() async {
    let compared = Mutex(0)
    await propertyCheck(count: 300, input: Self.tokens, Self.tokens, Self.style) {
      configTokens, credentialTokens, style in
      // Files that parse more often: no stray lines, every file starts with a section, every
      // byte is UTF-8.
      func tame(_ tokens: [Int]) -> [Int] { tokens.filter { ![5, 8, 9].contains($0 % 11) } }
      let configBytes = HostileConfig(tokens: tame(configTokens), style: style & ~33).bytes
      let credentialBytes = HostileConfig(tokens: tame(credentialTokens), style: style & ~33).bytes
      guard
        let config = try? ConfigDocument(parsing: configBytes, path: "c", flavor: .config),
        let credentials = try? ConfigDocument(
          parsing: credentialBytes, path: "k", flavor: .credentials)
      else { return }
      let shared = Self.result { () throws(ConfigError) in
        try SharedConfig(config: config, credentials: credentials)
      }
      let configSections = ReferenceConfigReader.sections(config.lines, flavor: .config)
      let credentialSections = ReferenceConfigReader.sections(
        credentials.lines, flavor: .credentials)
      let expected = Self.result { () throws(ConfigError) in
        try ReferenceConfigReader.validate(configSections, path: "c")
        try ReferenceConfigReader.validate(credentialSections, path: "k")
        return ReferenceConfigReader.shared(
          config: ReferenceConfigReader.rawSections(configSections), configPath: "c",
          credentials: ReferenceConfigReader.rawSections(credentialSections), credentialsPath: "k")
      }
      switch (shared, expected) {
      case (.failure(let error), .failure(let reference)):
        #expect(error == reference)
      case (.success(let shared), .success(let reference)):
        compared.withLock { $0 += 1 }
        #expect(shared.profiles == reference.profiles)
        #expect(shared.ssoSessions == reference.ssoSessions)
        #expect(shared.services == reference.services)
        #expect(shared.otherSections == reference.otherSections)
        for (name, section) in reference.profiles {
          for (key, value) in section.values {
            #expect(shared.profiles[name]?.string(key.uppercased()) == value.string)
            #expect(shared.profiles[name]?.keyOrigin(key) == section.keyOrigins[key])
          }
        }
      default:
        Issue.record("SharedConfig: \(shared), reference: \(expected)")
      }
    }
    #expect(compared.withLock { $0 } >= 60)
  }

  @Test("duplicates are found among thousands of headers and past 16 keys in one section")
  func duplicatesInLargeFiles() throws {
    var lines = (0..<5_000).map { "[profile p\($0)]\nregion = r\($0)" }
    lines.append("[profile P4999]\nregion = x")
    lines.append("[profile p1234]\nregion = y")
    let headers = try ConfigDocument(
      parsing: lines.joined(separator: "\n") + "\n", path: "big", flavor: .config)
    #expect(
      throws: ConfigError.duplicateSection(
        file: "big", line: 10_003, section: "profile p1234", firstLine: 2_469)
    ) {
      try headers.validate()
    }

    var keys = ["[profile many]"] + (0..<40).map { "key\($0) = \($0)" }
    keys.append("KEY37 = again")
    let entries = try ConfigDocument(
      parsing: keys.joined(separator: "\n"), path: "keys", flavor: .config)
    #expect(
      throws: ConfigError.duplicateKey(
        file: "keys", line: 42, key: "key37", section: "profile many", firstLine: 39)
    ) {
      try entries.validate()
    }
    var sixteen = ["[profile sixteen]"] + (0..<15).map { "key\($0) = \($0)" }
    sixteen.append("Key3 = again")
    let atTheLimit = try ConfigDocument(
      parsing: sixteen.joined(separator: "\n"), path: "s", flavor: .config)
    #expect(
      throws: ConfigError.duplicateKey(
        file: "s", line: 17, key: "key3", section: "profile sixteen", firstLine: 5)
    ) {
      try atTheLimit.validate()
    }
  }

  @Test("headers and keys that are equal as strings but not as bytes are duplicates")
  func canonicalEquivalence() throws {
    let headers = try ConfigDocument(
      parsing: "[sso-session \u{E9}]\na = 1\n[sso-session e\u{301}]\na = 2\n", path: "h",
      flavor: .config)
    #expect(
      throws: ConfigError.duplicateSection(
        file: "h", line: 3, section: "sso-session e\u{301}", firstLine: 1)
    ) {
      try headers.validate()
    }
    let keys = try ConfigDocument(
      parsing: "[profile k]\n\u{E9} = 1\ne\u{301} = 2\n", path: "k", flavor: .config)
    #expect(
      throws: ConfigError.duplicateKey(
        file: "k", line: 3, key: "e\u{301}", section: "profile k", firstLine: 2)
    ) {
      try keys.validate()
    }
    // KELVIN SIGN is canonically equivalent to K, so Swift's String comparison (the reference
    // reader's, and the fast reader's fallback for non-ASCII text) treats both spellings as
    // one name: both find the last header.
    let kelvin: [UInt8] = Array("[profile K]\nregion = a\n[profile \u{212A}]\nregion = b\n".utf8)
    ConfigByteReaderTests.check(kelvin, flavor: .config)
    let document = try ConfigDocument(parsing: kelvin, path: "kelvin", flavor: .config)
    #expect(document.section(.profile("\u{212A}")) == document.section(.profile("K")))
  }
}
