extension ConfigDocument {
  /// Calls `body` for each section in file order (`[DEFAULT]` included) with its keys
  /// (lower-cased) mapped to their values and to `origin(line index)`. A key that repeats in
  /// one section keeps its last value, as in botocore.
  ///
  /// This is the one pass `SharedConfig` and `rawSections()` read a file with: one string per
  /// key and value, and two dictionaries per section.
  func forEachSection<Origin>(
    origin: (Int) -> Origin,
    _ body: (_ header: Int, _ values: [String: ConfigValue], _ origins: [String: Origin]) throws ->
      Void
  ) rethrows {
    var entryLines: [Int] = []
    var entryLasts: [Int] = []
    var index = 0
    let count = records.count
    while index < count && records[index].tag != .sectionHeader { index += 1 }
    while index < count {
      let header = index
      entryLines.removeAll(keepingCapacity: true)
      entryLasts.removeAll(keepingCapacity: true)
      index += 1
      while index < count {
        let tag = records[index].tag
        if tag == .sectionHeader { break }
        if tag == .entry {
          entryLines.append(index)
          entryLasts.append(index)
        } else if tag == .continuation {
          entryLasts[entryLasts.count - 1] = index
        }
        index += 1
      }
      var values = [String: ConfigValue](minimumCapacity: entryLines.count)
      var origins = [String: Origin](minimumCapacity: entryLines.count)
      for position in entryLines.indices {
        let line = entryLines[position]
        let key = normalizedKey(at: line)
        values[key] = value(line: line, last: entryLasts[position])
        origins[key] = origin(line)
      }
      try body(header, values, origins)
    }
  }

  /// The keys of every `[DEFAULT]` section (a later one wins), with `origin(line index)`.
  func defaultValues<Origin>(origin: (Int) -> Origin) -> [String: (ConfigValue, Origin)] {
    var defaults: [String: (ConfigValue, Origin)] = [:]
    for index in records.indices
    where records[index].tag == .sectionHeader && isDefaultHeader(index) {
      let span = span(at: index)
      for entry in span.entries {
        defaults[entry.normalizedKey] = (
          value(line: entry.line, last: entry.last), origin(entry.line)
        )
      }
    }
    return defaults
  }

  /// The index of the last continuation line of the entry on line `line` (`line` when it has
  /// none), looking no further than `end`.
  func lastLine(ofEntry line: Int, before end: Int) -> Int {
    var last = line
    var index = line + 1
    while index < end {
      switch records[index].tag {
      case .continuation: last = index
      case .blank, .comment: break
      case .entry, .sectionHeader: return last
      }
      index += 1
    }
    return last
  }

  /// The last entry in `lines` whose key, lower-cased, is `key` (compared as strings).
  func lastEntry(forNormalizedKey key: String, in lines: Range<Int>) -> Int? {
    var wanted = key
    return wanted.withUTF8 { wantedBytes in
      let wantedIsASCII = wantedBytes.allSatisfy { $0 < 0x80 }
      return storage.withUnsafeBufferPointer { bytes in
        var index = lines.upperBound
        while index > lines.lowerBound {
          index -= 1
          let record = records[index]
          guard record.tag == .entry else { continue }
          if record.isASCII && wantedIsASCII {
            let name = record.name
            guard name.count == wantedBytes.count else { continue }
            var offset = 0
            while offset < name.count
              && Self.asciiLower(bytes[name.lowerBound + offset]) == wantedBytes[offset]
            {
              offset += 1
            }
            if offset == name.count { return index }
          } else if normalizedKey(at: index) == key {
            return index
          }
        }
        return nil
      }
    }
  }

  /// The number of section headers.
  var sectionCount: Int {
    var count = 0
    for record in records where record.tag == .sectionHeader { count += 1 }
    return count
  }

  /// Whether line `index` is the header `[DEFAULT]`.
  func isDefaultHeader(_ index: Int) -> Bool {
    let name = records[index].name
    return storage.withUnsafeBufferPointer {
      ConfigSectionName.matches($0, name, "DEFAULT", wholly: true)
    }
  }

  /// The key of the entry on line `index`, lower-cased as botocore stores it.
  func normalizedKey(at index: Int) -> String {
    let record = records[index]
    guard record.isASCII else { return string(record.name).lowercased() }
    let name = record.name
    return storage.withUnsafeBufferPointer { bytes in
      String(unsafeUninitializedCapacity: name.count) { buffer in
        var offset = 0
        for byte in bytes[name] {
          buffer[offset] = Self.asciiLower(byte)
          offset += 1
        }
        return offset
      }
    }
  }
}
