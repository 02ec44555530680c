extension ConfigDocument {
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

  /// Every section's span, in file order.
  func spans() -> [SectionSpan] {
    records.indices.filter { records[$0].tag == .sectionHeader }.map(span(at:))
  }

  /// The span of the section whose header is line `header`.
  func span(at header: Int) -> SectionSpan {
    var span = SectionSpan(header: header, end: records.count, entries: [])
    var index = header + 1
    while index < records.count {
      let record = records[index]
      switch record.tag {
      case .sectionHeader:
        span.end = index
        return span
      case .entry:
        span.entries.append(
          EntrySpan(
            line: index, last: index, key: string(record.name), ownValue: string(record.value)))
      case .continuation:
        span.entries[span.entries.count - 1].last = index
      case .blank, .comment:
        break
      }
      index += 1
    }
    return span
  }

  /// The span of the last section whose header means `name`.
  func lastSpan(named name: ConfigSectionName) -> SectionSpan? {
    let wanted = HeaderMatcher(name)
    var index = records.count - 1
    while index >= 0 {
      if records[index].tag == .sectionHeader && header(at: index, means: wanted) {
        return span(at: index)
      }
      index -= 1
    }
    return nil
  }

  /// The index of every header line that means `name`, in file order.
  func headerIndices(named name: ConfigSectionName) -> [Int] {
    let wanted = HeaderMatcher(name)
    return records.indices.filter {
      records[$0].tag == .sectionHeader && header(at: $0, means: wanted)
    }
  }

  /// The section of `span`, with its entries' values read.
  func section(for span: SectionSpan) -> Section {
    let header = string(records[span.header].name)
    return Section(
      header: header, name: ConfigSectionName(header: header, flavor: flavor),
      line: span.header + 1, entries: span.entries.map(entry(for:)))
  }

  func entry(for span: EntrySpan) -> Entry {
    Entry(
      key: span.key, normalizedKey: span.normalizedKey,
      value: value(line: span.line, last: span.last),
      line: span.line + 1, lastLine: span.last + 1)
  }

  /// The value of the entry on line `line` whose last continuation line is `last`.
  func value(line: Int, last: Int) -> ConfigValue {
    let own = string(records[line].value)
    guard last > line else { return .string(own) }
    var following: [String?] = []
    for index in (line + 1)...last {
      let record = records[index]
      switch record.tag {
      case .continuation: following.append(string(record.name))
      case .blank: following.append("")
      default: following.append(nil)
      }
    }
    return ConfigValue.read(own: own, following: following)
  }

  // MARK: - Header meaning

  /// A section name prepared for comparing with header bytes.
  struct HeaderMatcher {
    var name: ConfigSectionName
    var kind: ConfigSectionName.HeaderKind
    var bytes: [UInt8]
    var isASCII: Bool

    init(_ name: ConfigSectionName) {
      self.name = name
      switch name {
      case .profile: kind = .profile
      case .ssoSession: kind = .ssoSession
      case .services: kind = .services
      case .other: kind = .other
      }
      bytes = Array(name.name.utf8)
      isASCII = bytes.allSatisfy { $0 < 0x80 }
    }
  }

  /// Whether the header on line `index` means `wanted` (as `ConfigSectionName(header:flavor:)`
  /// would read it, compared with `==`), reading the header's bytes in place when it can.
  func header(at index: Int, means wanted: HeaderMatcher) -> Bool {
    let record = records[index]
    let range = record.name
    let reading = storage.withUnsafeBufferPointer { bytes in
      ConfigSectionName.kind(ofHeader: bytes, range, flavor: flavor) == wanted.kind
        ? ConfigSectionName.read(header: bytes, range, flavor: flavor) : .ignored
    }
    switch reading {
    case .ignored:
      return false
    case .needsShellWords:
      return ConfigSectionName(header: string(range), flavor: flavor) == wanted.name
    case .name(let kind, let nameRange):
      guard kind == wanted.kind else { return false }
      let same = storage.withUnsafeBufferPointer { $0[nameRange].elementsEqual(wanted.bytes) }
      if same { return true }
      // Different bytes can still be equal strings (canonical equivalence) unless both
      // sides are ASCII.
      if record.isASCII && wanted.isASCII { return false }
      return string(nameRange) == wanted.name.name
    }
  }

  /// What botocore makes of the header on line `index` in a file of `flavor`.
  func sectionName(at index: Int, flavor: Flavor) -> ConfigSectionName? {
    let range = records[index].name
    let reading = storage.withUnsafeBufferPointer {
      ConfigSectionName.read(header: $0, range, flavor: flavor)
    }
    switch reading {
    case .ignored: return nil
    case .needsShellWords: return ConfigSectionName(header: string(range), flavor: flavor)
    case .name(let kind, let nameRange):
      let name = string(nameRange)
      switch kind {
      case .profile: return .profile(name)
      case .ssoSession: return .ssoSession(name)
      case .services: return .services(name)
      case .other: return .other(name)
      }
    }
  }
}
