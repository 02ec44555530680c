/// A lossless AWS config or credentials file: every byte of every line is kept, so writing a
/// parsed document back gives the identical file, and an edit changes only the lines it must.
///
/// Lines are read the way botocore reads them (Python's `RawConfigParser`, spec §9.2):
/// whole-line `#`/`;` comments only, `=` or `:` between key and value, values continued on
/// deeper-indented lines, nested sub-sections under `key =`. A line botocore cannot read makes
/// parsing throw `ConfigError.malformedLine` with the file and line number. Duplicate sections
/// and keys are parsed (no byte is lost) and reported by `validate()`.
///
/// A UTF-8 byte order mark is accepted and kept on write, although botocore itself rejects
/// such a file; `hasByteOrderMark` lets callers warn about it.
public struct ConfigDocument: Sendable, Equatable {
  /// Which file a document is: it decides how section headers map to profiles.
  public enum Flavor: Sendable, Equatable {
    /// `~/.aws/config`: `[default]`, `[profile NAME]`, `[sso-session NAME]`, `[services NAME]`.
    case config
    /// `~/.aws/credentials`: `[NAME]` is profile NAME.
    case credentials
  }

  /// One section as parsed: its header and entries, with 1-based line numbers.
  public struct Section: Sendable, Equatable {
    /// The header text between the brackets, exactly as written.
    public var header: String
    /// What botocore makes of the header, or `nil` when it ignores the section.
    public var name: ConfigSectionName?
    /// The header's line number (1-based).
    public var line: Int
    /// The section's entries in file order (duplicates included).
    public var entries: [Entry]

    /// The value of `key` (matched case-insensitively, as botocore lower-cases keys).
    public func value(_ key: String) -> ConfigValue? {
      let wanted = key.lowercased()
      return entries.last { $0.normalizedKey == wanted }?.value
    }
  }

  /// One `key = value` entry with its continuation lines.
  public struct Entry: Sendable, Equatable {
    /// The key as written.
    public var key: String
    /// The key as botocore stores it (lower-cased).
    public var normalizedKey: String
    /// The value as botocore reads it.
    public var value: ConfigValue
    /// The key's line number (1-based).
    public var line: Int
    /// The line number of the entry's last continuation line (== `line` when it has none).
    public var lastLine: Int
  }

  /// Which file this is.
  public let flavor: Flavor
  /// The path used in messages.
  public let path: String
  /// Whether the file starts with a UTF-8 byte order mark (kept on write).
  public private(set) var hasByteOrderMark: Bool
  /// Every line, in order.
  public internal(set) var lines: [ConfigLine]

  /// An empty document (a file that does not exist yet).
  public init(path: String, flavor: Flavor) {
    self.flavor = flavor
    self.path = path
    self.hasByteOrderMark = false
    self.lines = []
  }

  /// Parses the bytes of a file.
  public init(parsing bytes: [UInt8], path: String, flavor: Flavor) throws(ConfigError) {
    self.flavor = flavor
    self.path = path
    var body = bytes[...]
    hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    if hasByteOrderMark { body = body.dropFirst(3) }
    lines = try Self.splitLines(body, path: path)
    try Self.classify(&lines, path: path)
  }

  /// Parses the text of a file.
  public init(parsing text: String, path: String, flavor: Flavor) throws(ConfigError) {
    try self.init(parsing: Array(text.utf8), path: path, flavor: flavor)
  }

  /// The file's bytes: identical to the parsed bytes until the document is edited.
  public var bytes: [UInt8] {
    var result: [UInt8] = hasByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    for line in lines {
      result.append(contentsOf: line.text.utf8)
      result.append(contentsOf: line.terminator.rawValue.utf8)
    }
    return result
  }

  /// The file's text (with the byte order mark, if any).
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The line break used for new lines: the most common one in the file (`\n` when none).
  public var newline: ConfigLine.Terminator {
    var counts: [ConfigLine.Terminator: Int] = [:]
    for line in lines where line.terminator != .none { counts[line.terminator, default: 0] += 1 }
    let order: [ConfigLine.Terminator] = [.lf, .crlf, .cr]
    return order.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? .lf
  }

  /// Whether the last line ends with a line break (true for an empty document).
  public var endsWithNewline: Bool { lines.last.map { $0.terminator != .none } ?? true }

  /// Every section in file order.
  public var sections: [Section] {
    spans().map { span in
      guard case .sectionHeader(let header) = lines[span.header].kind else {
        return Section(header: "", name: nil, line: span.header + 1, entries: [])
      }
      return Section(
        header: header, name: ConfigSectionName(header: header, flavor: flavor),
        line: span.header + 1, entries: span.entries.map(entry(for:)))
    }
  }

  /// The section botocore uses for `name`: when several headers mean the same thing (e.g.
  /// `[default]` and `[profile default]`), the last one wins, as in botocore.
  public func section(_ name: ConfigSectionName) -> Section? {
    sections.last { $0.name == name }
  }

  // MARK: - Structure (0-based line indices)

  /// A section's lines: `header` up to (not including) `end`.
  struct SectionSpan {
    var header: Int
    var end: Int
    var entries: [EntrySpan]
    /// The index of the last line belonging to an entry (or the header).
    var contentEnd: Int { entries.last?.last ?? header }
  }

  /// An entry's lines: `line` through `last` (its continuation lines, and blank or comment
  /// lines between them).
  struct EntrySpan {
    var line: Int
    var last: Int
    var key: String
    var ownValue: String
    var normalizedKey: String { key.lowercased() }
  }

  func spans() -> [SectionSpan] {
    var result: [SectionSpan] = []
    for (index, line) in lines.enumerated() {
      switch line.kind {
      case .sectionHeader:
        if var last = result.popLast() {
          last.end = index
          result.append(last)
        }
        result.append(SectionSpan(header: index, end: lines.count, entries: []))
      case .entry(let key, let value):
        result[result.count - 1].entries.append(
          EntrySpan(line: index, last: index, key: key, ownValue: value))
      case .continuation:
        let section = result.count - 1
        let entry = result[section].entries.count - 1
        result[section].entries[entry].last = index
      case .blank, .comment:
        break
      }
    }
    return result
  }

  func entry(for span: EntrySpan) -> Entry {
    var following: [String?] = []
    if span.last > span.line {
      for line in lines[(span.line + 1)...span.last] {
        switch line.kind {
        case .continuation(let text): following.append(text)
        case .blank: following.append("")
        default: following.append(nil)
        }
      }
    }
    return Entry(
      key: span.key, normalizedKey: span.normalizedKey,
      value: ConfigValue.read(own: span.ownValue, following: following),
      line: span.line + 1, lastLine: span.last + 1)
  }

  // MARK: - Parsing

  private static func splitLines(_ bytes: ArraySlice<UInt8>, path: String) throws(ConfigError)
    -> [ConfigLine]
  {
    var result: [ConfigLine] = []
    var start = bytes.startIndex
    var index = bytes.startIndex
    func finish(_ end: Int, _ terminator: ConfigLine.Terminator) throws(ConfigError) {
      let slice = bytes[start..<end]
      let text = String(decoding: slice, as: UTF8.self)
      guard text.utf8.elementsEqual(slice) else {
        throw .malformedLine(
          file: path, line: result.count + 1, problem: "the line is not valid UTF-8 text")
      }
      result.append(ConfigLine(text: text, terminator: terminator))
    }
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == 0x0A {
        try finish(index, .lf)
        index += 1
        start = index
      } else if byte == 0x0D {
        let next = index + 1
        if next < bytes.endIndex && bytes[next] == 0x0A {
          try finish(index, .crlf)
          index += 2
        } else {
          try finish(index, .cr)
          index += 1
        }
        start = index
      } else {
        index += 1
      }
    }
    if start < bytes.endIndex { try finish(bytes.endIndex, .none) }
    return result
  }

  /// Sets every line's `kind`, mirroring `RawConfigParser._read`, or throws for the first
  /// line botocore would reject.
  static func classify(_ lines: inout [ConfigLine], path: String) throws(ConfigError) {
    var inSection = false
    var entryOpen = false
    var entryValueEmpty = false
    var entryKey = ""
    var indentLevel = 0
    for index in lines.indices {
      let text = lines[index].text
      let stripped = PythonText.strip(text)
      let first = stripped.unicodeScalars.first
      if first == "#" || first == ";" {
        lines[index].kind = .comment
        continue
      }
      if stripped.isEmpty {
        lines[index].kind = .blank
        continue
      }
      let indent = PythonText.indentation(text)
      if inSection && entryOpen && indent > indentLevel {
        if entryValueEmpty && !stripped.unicodeScalars.contains("=") {
          throw .malformedLine(
            file: path, line: index + 1,
            problem:
              "lines indented under \"\(entryKey) =\" must be \"name = value\" "
              + "(or indent this line less if it is not part of \"\(entryKey)\")")
        }
        lines[index].kind = .continuation(stripped)
        continue
      }
      indentLevel = indent
      if let header = PythonText.sectionHeaderName(stripped) {
        lines[index].kind = .sectionHeader(header)
        inSection = true
        entryOpen = false
        continue
      }
      guard inSection else {
        throw .malformedLine(
          file: path, line: index + 1,
          problem: "this line comes before any section header; add one such as [default] above it")
      }
      let scalars = stripped.unicodeScalars
      guard let delimiter = scalars.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
        throw .malformedLine(
          file: path, line: index + 1,
          problem: "expected \"key = value\" but the line has no '=' or ':'")
      }
      let key = PythonText.rstrip(String(scalars[..<delimiter]))
      guard !key.isEmpty else {
        throw .malformedLine(
          file: path, line: index + 1, problem: "the line has a value but no key before its '='")
      }
      let value = PythonText.strip(String(scalars[scalars.index(after: delimiter)...]))
      lines[index].kind = .entry(key: key, value: value)
      entryOpen = true
      entryValueEmpty = value.isEmpty
      entryKey = key
    }
  }
}
