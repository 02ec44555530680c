extension ConfigDocument {
  /// A section as botocore's `raw_config_parse` returns it: keys lower-cased, nested values
  /// read, and the keys of `[DEFAULT]` (if any) inherited where the section lacks them.
  public struct RawSection: Sendable, Equatable {
    /// The header text between the brackets.
    public var header: String
    /// The header's line number (1-based).
    public var line: Int
    /// Key (lower-cased) to value.
    public var values: [String: ConfigValue]
    /// Key (lower-cased) to the 1-based line it was read from.
    public var keyLines: [String: Int]
  }

  /// Throws the first duplicate section header or duplicate key (keys compared after
  /// lower-casing), exactly where botocore's strict parser would fail. `[DEFAULT]` may repeat,
  /// but its keys may not.
  ///
  /// Headers and keys are compared as `String`s (`==`). ASCII text is compared byte for byte,
  /// which is the same thing; a file with non-ASCII headers or keys takes the string path.
  public func validate() throws(ConfigError) {
    if let error = firstDuplicate(visiting: nil) { throw error }
  }

  /// A section as `validate(visiting:)` reports it.
  struct SectionOutline {
    /// The header's line index.
    var header: Int
    /// The index of the line after the section.
    var end: Int
    /// `false` when no key of the section is `sso_start_url` or `sso_region` (certain);
    /// `true` means "maybe" (see `ConfigSectionLines`).
    var mayHaveLegacySSOSettings: Bool
  }

  /// `validate()`, calling `visit` for each section (`[DEFAULT]` included) once its keys are
  /// checked, so a reader can build on the same pass. On failure the error is thrown after
  /// the sections before it were visited.
  func validate(visiting visit: (SectionOutline) -> Void) throws(ConfigError) {
    let error = withoutActuallyEscaping(visit) { firstDuplicate(visiting: $0) }
    if let error { throw error }
  }

  private func firstDuplicate(visiting visit: ((SectionOutline) -> Void)?) -> ConfigError? {
    storage.withUnsafeBufferPointer { bytes in
      records.withUnsafeBufferPointer { lines in
        var headerCount = 0
        var asciiHeaders = true
        for record in lines where record.tag == .sectionHeader {
          headerCount += 1
          asciiHeaders = asciiHeaders && record.isASCII
        }
        var table = ByteRangeTable(expectedCount: asciiHeaders ? headerCount : 0)
        var headerLines: [String: Int] = [:]
        var defaultKeys: [String: Int] = [:]
        var entries: [Int] = []
        var index = 0
        while index < lines.count && lines[index].tag != .sectionHeader { index += 1 }
        while index < lines.count {
          let header = index
          let name = lines[header].name
          let isDefault = ConfigSectionName.matches(bytes, name, "DEFAULT", wholly: true)
          if !isDefault {
            let first: Int?
            if asciiHeaders {
              first = table.insert(header, for: name, in: bytes)
            } else {
              let text = string(name)
              first = headerLines[text]
              if first == nil { headerLines[text] = header }
            }
            if let first {
              return .duplicateSection(
                file: path, line: header + 1, section: string(name), firstLine: first + 1)
            }
          }
          // The section's keys: compared byte for byte while they are few and ASCII.
          entries.removeAll(keepingCapacity: true)
          var asciiKeys = true
          var mayHaveLegacy = false
          index += 1
          while index < lines.count {
            let record = lines[index]
            if record.tag == .sectionHeader { break }
            if record.tag == .entry {
              asciiKeys = asciiKeys && record.isASCII
              let key = record.name
              if asciiKeys && !isDefault && entries.count < 16 {
                for earlier in entries
                where Self.asciiCaseInsensitiveEqual(bytes, key, lines[earlier].name) {
                  return duplicateKeyError(line: index, first: earlier, header: header)
                }
              }
              if visit != nil && !mayHaveLegacy {
                mayHaveLegacy =
                  !record.isASCII || Self.isLegacySSOKey(bytes, key)
              }
              entries.append(index)
            }
            index += 1
          }
          if !asciiKeys || isDefault || entries.count > 16 {
            var local: [String: Int] = [:]
            for line in entries {
              let key = string(lines[line].name).lowercased()
              if let first = isDefault ? defaultKeys[key] : local[key] {
                return duplicateKeyError(line: line, first: first, header: header)
              }
              if isDefault { defaultKeys[key] = line } else { local[key] = line }
            }
          }
          visit?(
            SectionOutline(header: header, end: index, mayHaveLegacySSOSettings: mayHaveLegacy))
        }
        return nil
      }
    }
  }

  private func duplicateKeyError(line: Int, first: Int, header: Int) -> ConfigError {
    .duplicateKey(
      file: path, line: line + 1, key: string(records[line].name).lowercased(),
      section: string(records[header].name), firstLine: first + 1)
  }

  /// Whether the ASCII key `bytes[key]`, lower-cased, is `sso_start_url` or `sso_region`.
  @inline(__always)
  static func isLegacySSOKey(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Range<Int>) -> Bool {
    let literal: StaticString
    switch key.count {
    case 13: literal = "sso_start_url"
    case 10: literal = "sso_region"
    default: return false
    }
    var offset = 0
    while offset < key.count {
      if asciiLower(bytes[key.lowerBound + offset]) != literal.utf8Start[offset] { return false }
      offset += 1
    }
    return true
  }

  /// Whether two ASCII byte ranges are equal after lower-casing `A`–`Z`.
  @inline(__always)
  static func asciiCaseInsensitiveEqual(
    _ bytes: UnsafeBufferPointer<UInt8>, _ left: Range<Int>, _ right: Range<Int>
  ) -> Bool {
    guard left.count == right.count else { return false }
    var offset = 0
    while offset < left.count {
      if asciiLower(bytes[left.lowerBound + offset]) != asciiLower(bytes[right.lowerBound + offset])
      {
        return false
      }
      offset += 1
    }
    return true
  }

  @inline(__always)
  static func asciiLower(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
  }

  /// The sections in order of first appearance, as `raw_config_parse` returns them (without
  /// `[DEFAULT]`, whose keys every other section inherits). Call `validate()` first: for a file
  /// with duplicates, later values silently win here.
  public func rawSections() -> [RawSection] {
    var result: [RawSection] = []
    var positions: [String: Int] = [:]
    let lineNumber: (Int) -> Int = { $0 + 1 }
    forEachSection(origin: lineNumber) { header, values, keyLines in
      guard !isDefaultHeader(header) else { return }
      let text = string(records[header].name)
      guard let position = positions[text] else {
        positions[text] = result.count
        result.append(
          RawSection(header: text, line: header + 1, values: values, keyLines: keyLines))
        return
      }
      result[position].values.merge(values) { _, new in new }
      result[position].keyLines.merge(keyLines) { _, new in new }
    }
    let defaults = defaultValues(origin: lineNumber)
    guard !defaults.isEmpty else { return result }
    for position in result.indices {
      for (key, (value, line)) in defaults where result[position].values[key] == nil {
        result[position].values[key] = value
        result[position].keyLines[key] = line
      }
    }
    return result
  }
}
