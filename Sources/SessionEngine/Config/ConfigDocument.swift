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
///
/// The document keeps the file's bytes in one buffer and each line as a small record of byte
/// offsets (see `LineRecord`); strings are built only for what a caller asks for, so reading a
/// file of 100,000 lines costs a few milliseconds.
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
  /// The bytes the lines point into: the file as read, then the text of lines added by edits.
  var storage: [UInt8]
  /// Every line, in order, as offsets into `storage` and what botocore makes of it.
  var records: [LineRecord] {
    didSet { storageIsFile = false }
  }
  /// Whether `storage` is exactly the file's bytes (a parsed document not edited since), so
  /// `bytes` need not be assembled line by line.
  private var storageIsFile = false

  /// An empty document (a file that does not exist yet).
  public init(path: String, flavor: Flavor) {
    self.flavor = flavor
    self.path = path
    self.hasByteOrderMark = false
    self.storage = []
    self.records = []
  }

  /// Parses the bytes of a file.
  public init(parsing bytes: [UInt8], path: String, flavor: Flavor) throws(ConfigError) {
    self.flavor = flavor
    self.path = path
    hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    storage = bytes
    records = try Self.splitLines(bytes, from: hasByteOrderMark ? 3 : 0, path: path)
    try Self.classify(&records, storage: storage, path: path)
    storageIsFile = true
  }

  /// Parses the text of a file.
  public init(parsing text: String, path: String, flavor: Flavor) throws(ConfigError) {
    try self.init(parsing: Array(text.utf8), path: path, flavor: flavor)
  }

  /// Every line, in order (built on each call: prefer the document's other accessors).
  public var lines: [ConfigLine] { records.indices.map(line(at:)) }

  /// The file's bytes: identical to the parsed bytes until the document is edited.
  public var bytes: [UInt8] {
    if storageIsFile { return storage }
    var total = hasByteOrderMark ? 3 : 0
    for record in records { total += Int(record.length) + record.terminator.byteCount }
    return storage.withUnsafeBufferPointer { source in
      [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
        var offset = 0
        func append(_ byte: UInt8) {
          buffer[offset] = byte
          offset += 1
        }
        if hasByteOrderMark {
          append(0xEF)
          append(0xBB)
          append(0xBF)
        }
        for record in records {
          let length = Int(record.length)
          if length > 0, let from = source.baseAddress, let to = buffer.baseAddress {
            (to + offset).update(from: from + record.start, count: length)
            offset += length
          }
          switch record.terminator {
          case .lf: append(0x0A)
          case .crlf:
            append(0x0D)
            append(0x0A)
          case .cr: append(0x0D)
          case .none: break
          }
        }
        count = offset
      }
    }
  }

  /// The file's text (with the byte order mark, if any).
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The line break used for new lines: the most common one in the file (`\n` when none;
  /// a tie goes to `\n`, then `\r\n`).
  public var newline: ConfigLine.Terminator {
    var lf = 0
    var crlf = 0
    var cr = 0
    for record in records {
      switch record.terminator {
      case .lf: lf += 1
      case .crlf: crlf += 1
      case .cr: cr += 1
      case .none: break
      }
    }
    if lf >= crlf && lf >= cr { return .lf }
    return crlf >= cr ? .crlf : .cr
  }

  /// Whether the last line ends with a line break (true for an empty document).
  public var endsWithNewline: Bool { records.last.map { $0.terminator != .none } ?? true }

  /// Every section in file order.
  public var sections: [Section] { spans().map(section(for:)) }

  /// The section botocore uses for `name`: when several headers mean the same thing (e.g.
  /// `[default]` and `[profile default]`), the last one wins, as in botocore.
  public func section(_ name: ConfigSectionName) -> Section? {
    lastSpan(named: name).map(section(for:))
  }

  /// Two documents are equal when they are the same kind of file at the same path with the
  /// same lines (text, line break and meaning).
  public static func == (lhs: ConfigDocument, rhs: ConfigDocument) -> Bool {
    guard lhs.flavor == rhs.flavor, lhs.path == rhs.path,
      lhs.hasByteOrderMark == rhs.hasByteOrderMark, lhs.records.count == rhs.records.count
    else { return false }
    for index in lhs.records.indices {
      let left = lhs.records[index]
      let right = rhs.records[index]
      guard left.terminator == right.terminator, left.hasSameMeaning(as: right),
        lhs.lineBytesEqual(index, rhs, index)
      else { return false }
    }
    return true
  }
}
