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
  public func validate() throws(ConfigError) {
    var sectionLines: [String: Int] = [:]
    var keyLines: [String: [String: Int]] = [:]
    for section in sections {
      if section.header != "DEFAULT", let first = sectionLines[section.header] {
        throw .duplicateSection(
          file: path, line: section.line, section: section.header, firstLine: first)
      }
      if sectionLines[section.header] == nil { sectionLines[section.header] = section.line }
      for entry in section.entries {
        if let first = keyLines[section.header]?[entry.normalizedKey] {
          throw .duplicateKey(
            file: path, line: entry.line, key: entry.normalizedKey, section: section.header,
            firstLine: first)
        }
        keyLines[section.header, default: [:]][entry.normalizedKey] = entry.line
      }
    }
  }

  /// The sections in order of first appearance, as `raw_config_parse` returns them (without
  /// `[DEFAULT]`, whose keys every other section inherits). Call `validate()` first: for a file
  /// with duplicates, later values silently win here.
  public func rawSections() -> [RawSection] {
    var defaults: [String: (ConfigValue, Int)] = [:]
    var order: [String] = []
    var byHeader: [String: RawSection] = [:]
    for section in sections {
      if section.header == "DEFAULT" {
        for entry in section.entries { defaults[entry.normalizedKey] = (entry.value, entry.line) }
        continue
      }
      if byHeader[section.header] == nil {
        order.append(section.header)
        byHeader[section.header] = RawSection(
          header: section.header, line: section.line, values: [:], keyLines: [:])
      }
      for entry in section.entries {
        byHeader[section.header]?.values[entry.normalizedKey] = entry.value
        byHeader[section.header]?.keyLines[entry.normalizedKey] = entry.line
      }
    }
    return order.compactMap { header in
      guard var section = byHeader[header] else { return nil }
      for (key, (value, line)) in defaults where section.values[key] == nil {
        section.values[key] = value
        section.keyLines[key] = line
      }
      return section
    }
  }
}
