/// A section's keys still in the parsed file they come from, read on demand (see
/// `ConfigSection`): a lookup scans the section's few lines instead of building dictionaries.
struct ConfigSectionLines: Sendable {
  /// The parsed file and the `[DEFAULT]` keys every section of it inherits.
  final class Source: Sendable {
    let document: ConfigDocument
    let defaults: [String: (value: ConfigValue, origin: ConfigOrigin)]
    /// Whether `[DEFAULT]` gives every section `sso_start_url` or `sso_region`.
    let defaultsHaveLegacySSOSettings: Bool

    init(document: ConfigDocument) {
      self.document = document
      let path = document.path
      let defaults = document.defaultValues { ConfigOrigin(file: path, line: $0 + 1) }
        .mapValues { (value: $0.0, origin: $0.1) }
      self.defaults = defaults
      defaultsHaveLegacySSOSettings = ConfigSectionLines.legacySSOKeys.contains {
        defaults[$0] != nil
      }
    }
  }

  /// The keys of a legacy SSO profile's own settings (spec §9.3).
  static var legacySSOKeys: [String] { ["sso_start_url", "sso_region"] }

  /// The file.
  let source: Source
  /// The header's line index.
  let header: Int
  /// The index of the line after the section.
  let end: Int
  /// `false` when the section certainly has neither `sso_start_url` nor `sso_region` (read
  /// once, while the lines are in the cache, so `SessionSelector` need not visit thousands of
  /// profiles again); `true` means "maybe".
  let mayHaveLegacySSOSettings: Bool

  /// The section `outline` of `source`'s document.
  init(source: Source, outline: ConfigDocument.SectionOutline) {
    self.source = source
    self.header = outline.header
    self.end = outline.end
    mayHaveLegacySSOSettings =
      source.defaultsHaveLegacySSOSettings || outline.mayHaveLegacySSOSettings
  }

  /// The value and origin of `key` (already lower-cased): the section's last entry with that
  /// key, else the inherited `[DEFAULT]` key.
  func entry(forKey key: String) -> (value: ConfigValue, origin: ConfigOrigin)? {
    let document = source.document
    guard let line = document.lastEntry(forNormalizedKey: key, in: (header + 1)..<end) else {
      return source.defaults[key]
    }
    return (
      document.value(line: line, last: document.lastLine(ofEntry: line, before: end)),
      ConfigOrigin(file: document.path, line: line + 1)
    )
  }

  /// Every key, as `raw_config_parse` reads the section.
  func read() -> (values: [String: ConfigValue], keyOrigins: [String: ConfigOrigin]) {
    let document = source.document
    var values: [String: ConfigValue] = [:]
    var origins: [String: ConfigOrigin] = [:]
    var line = header + 1
    while line < end {
      if document.records[line].tag == .entry {
        let key = document.normalizedKey(at: line)
        values[key] = document.value(
          line: line, last: document.lastLine(ofEntry: line, before: end))
        origins[key] = ConfigOrigin(file: document.path, line: line + 1)
      }
      line += 1
    }
    for (key, inherited) in source.defaults where values[key] == nil {
      values[key] = inherited.value
      origins[key] = inherited.origin
    }
    return (values, origins)
  }
}
