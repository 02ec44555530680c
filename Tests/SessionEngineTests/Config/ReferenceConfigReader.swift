@testable import SessionEngine

/// The string-based reader that the byte-level parser replaced (ssopick before the config-perf
/// work), kept as a slow, obvious reference model: every line becomes a `String` and is read
/// with the `String` rules of `PythonText`. Differential tests check that the fast reader
/// agrees with it on every line, error, section and value.
enum ReferenceConfigReader {
  /// The lines of `bytes` with their meaning, or the first `malformedLine` error.
  static func lines(_ bytes: [UInt8], path: String) throws(ConfigError) -> [ConfigLine] {
    var body = bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var lines = try splitLines(body, path: path)
    try classify(&lines, path: path)
    return lines
  }

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

  /// `RawConfigParser._read`, one `String` at a time.
  private static func classify(_ lines: inout [ConfigLine], path: String) throws(ConfigError) {
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

  /// The sections of `lines` in file order, entries with their values read.
  static func sections(_ lines: [ConfigLine], flavor: ConfigDocument.Flavor)
    -> [ConfigDocument.Section]
  {
    var result: [ConfigDocument.Section] = []
    var entryLines: [(line: Int, last: Int, key: String, value: String)] = []
    func finishSection() {
      guard var section = result.popLast() else { return }
      section.entries = entryLines.map { entry in
        var following: [String?] = []
        if entry.last > entry.line {
          for line in lines[(entry.line + 1)...entry.last] {
            switch line.kind {
            case .continuation(let text): following.append(text)
            case .blank: following.append("")
            default: following.append(nil)
            }
          }
        }
        return ConfigDocument.Entry(
          key: entry.key, normalizedKey: entry.key.lowercased(),
          value: ConfigValue.read(own: entry.value, following: following), line: entry.line + 1,
          lastLine: entry.last + 1)
      }
      result.append(section)
      entryLines = []
    }
    for (index, line) in lines.enumerated() {
      switch line.kind {
      case .sectionHeader(let header):
        finishSection()
        result.append(
          ConfigDocument.Section(
            header: header, name: ConfigSectionName(header: header, flavor: flavor),
            line: index + 1, entries: []))
      case .entry(let key, let value):
        entryLines.append((index, index, key, value))
      case .continuation:
        entryLines[entryLines.count - 1].last = index
      case .blank, .comment:
        break
      }
    }
    finishSection()
    return result
  }

  /// The old `validate()`: the first duplicate section or key.
  static func validate(_ sections: [ConfigDocument.Section], path: String) throws(ConfigError) {
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

  /// The old `rawSections()`.
  static func rawSections(_ sections: [ConfigDocument.Section]) -> [ConfigDocument.RawSection] {
    var defaults: [String: (ConfigValue, Int)] = [:]
    var order: [String] = []
    var byHeader: [String: ConfigDocument.RawSection] = [:]
    for section in sections {
      if section.header == "DEFAULT" {
        for entry in section.entries { defaults[entry.normalizedKey] = (entry.value, entry.line) }
        continue
      }
      if byHeader[section.header] == nil {
        order.append(section.header)
        byHeader[section.header] = ConfigDocument.RawSection(
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

  /// The sections the old `SharedConfig` built from both files' raw sections, by kind.
  struct Shared: Equatable {
    var profiles: [String: ConfigSection] = [:]
    var ssoSessions: [String: ConfigSection] = [:]
    var services: [String: ConfigSection] = [:]
    var otherSections: [String: ConfigSection] = [:]
  }

  /// The old `SharedConfig.init`, after validation.
  static func shared(
    config: [ConfigDocument.RawSection], configPath: String,
    credentials: [ConfigDocument.RawSection]?, credentialsPath: String
  ) -> Shared {
    func section(_ name: ConfigSectionName, _ raw: ConfigDocument.RawSection, file: String)
      -> ConfigSection
    {
      ConfigSection(
        name: name, origin: ConfigOrigin(file: file, line: raw.line), values: raw.values,
        keyOrigins: raw.keyLines.mapValues { ConfigOrigin(file: file, line: $0) })
    }
    var result = Shared()
    for raw in config {
      guard let name = ConfigSectionName(header: raw.header, flavor: .config) else { continue }
      let built = section(name, raw, file: configPath)
      switch name {
      case .profile(let profile): result.profiles[profile] = built
      case .ssoSession(let session): result.ssoSessions[session] = built
      case .services(let group): result.services[group] = built
      case .other(let header): result.otherSections[header] = built
      }
    }
    for raw in credentials ?? [] {
      let added = section(.profile(raw.header), raw, file: credentialsPath)
      guard var profile = result.profiles[raw.header] else {
        result.profiles[raw.header] = added
        continue
      }
      profile.values.merge(added.values) { _, new in new }
      profile.keyOrigins.merge(added.keyOrigins) { _, new in new }
      result.profiles[raw.header] = profile
    }
    return result
  }
}
