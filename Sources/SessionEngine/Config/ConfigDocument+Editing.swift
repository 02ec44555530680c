extension ConfigDocument {
  /// Applies `edits` to `section`, following the AWS CLI's writer (spec §9.6) with these
  /// differences:
  /// - keys are matched case-insensitively (`Region` is updated, not duplicated);
  /// - a section is found by meaning (`[profile 'my dev']` is profile `my dev`), and when two
  ///   headers mean the same profile, the one botocore uses (the last) is edited;
  /// - an updated line keeps its indentation, key spelling and spacing around `=`; only the
  ///   value changes (continuation lines of the old value are removed);
  /// - a new key goes right after the section's last entry (after its continuation lines);
  /// - a new section is appended after one blank line (the CLI adds none);
  /// - the file's line-break style is used for new lines, and a file without a final newline
  ///   stays without one.
  ///
  /// Removing keys from a section that does not exist does nothing; any other edit of a
  /// missing section creates it. The document is unchanged when this throws.
  @discardableResult
  public mutating func update(_ section: ConfigSectionName, _ edits: [ConfigEdit])
    throws(ConfigError) -> ConfigChange
  {
    try Self.checkWritable(edits)
    let header = try writableHeader(for: section)
    let before = self
    var copy = self
    var change = ConfigChange(section: section)
    if copy.lastSpan(named: section) == nil {
      let lines = Self.render(edits)
      guard !lines.isEmpty else { return change }
      try copy.appendBlock(["[\(header)]"] + lines)
      change.createdSection = true
      change.addedKeys = Self.keysWritten(by: edits)
    } else {
      for edit in edits { try copy.apply(edit, in: section, change: &change) }
    }
    copy.restoreFinalNewline(like: before)
    // Every step above re-read the lines it changed; `verify` re-reads the whole file, and
    // that reading (the same lines, in one buffer) becomes the document.
    self = try Self.verify(copy, after: edits, in: section, comparedTo: before)
    return change
  }

  /// Removes every section that means `section` (its header, entries and the blank lines
  /// after it; comments after its last entry stay). Returns whether anything was removed.
  @discardableResult
  public mutating func removeSection(_ section: ConfigSectionName) throws(ConfigError) -> Bool {
    let before = self
    var copy = self
    var removed = false
    while let span = copy.lastSpan(named: section) {
      var start = span.header
      var end = span.contentEnd
      while end + 1 < span.end, copy.records[end + 1].tag == .blank { end += 1 }
      if end + 1 == copy.records.count {
        while start > 0, copy.records[start - 1].tag == .blank { start -= 1 }
      }
      try copy.replaceLines(start..<(end + 1), with: [])
      removed = true
    }
    guard removed else { return false }
    copy.restoreFinalNewline(like: before)
    let reread = try Self.reparse(copy)
    try Self.verifyOthersUnchanged(reread, comparedTo: before, except: section)
    self = reread
    return true
  }

  // MARK: - Applying one edit

  private mutating func apply(
    _ edit: ConfigEdit, in section: ConfigSectionName, change: inout ConfigChange
  ) throws(ConfigError) {
    guard let span = lastSpan(named: section) else { return }
    let matches = span.entries.filter { $0.normalizedKey == edit.key.lowercased() }
    switch edit {
    case .set(let key, let value):
      guard let entry = matches.last else {
        try insert(["\(key) = \(value)".trimmingTrailingSpace], after: span.contentEnd)
        change.addedKeys.append(key)
        return
      }
      let current = self.entry(for: entry)
      if current.value == .string(value) && entry.last == entry.line { return }
      let text = Self.replacingValue(
        in: text(at: entry.line), delimiters: ["=", ":"], with: value)
      let terminator = records[entry.last].terminator
      try replaceLines(entry.line..<(entry.last + 1), with: [(text, terminator)])
      change.changedKeys.append(key)
    case .remove(let key):
      guard !matches.isEmpty else { return }
      try removeLines(matches.map { $0.line..<($0.last + 1) })
      change.removedKeys.append(key)
    case .setNested(let key, let values):
      try applyNested(key: key, values: values, matches: matches, span: span, change: &change)
    }
  }

  private mutating func applyNested(
    key: String, values: [ConfigNestedEdit], matches: [EntrySpan], span: SectionSpan,
    change: inout ConfigChange
  ) throws(ConfigError) {
    guard let entry = matches.last else {
      let rendered = Self.render([.setNested(key: key, values: values)])
      guard !rendered.isEmpty else { return }
      try insert(rendered, after: span.contentEnd)
      change.addedKeys.append(key)
      return
    }
    let isNestedBlock = entry.ownValue.isEmpty && entry.last > entry.line
    guard isNestedBlock else {
      // A plain value becomes a nested block: the key line keeps its spelling.
      let keyLine = Self.replacingValue(
        in: text(at: entry.line), delimiters: ["=", ":"], with: "")
      let nested = values.compactMap { edit in edit.value.map { "    \(edit.name) = \($0)" } }
      guard !nested.isEmpty else { return }
      let newline = self.newline
      var replacement = ([keyLine] + nested).map {
        (text: $0.trimmingTrailingSpace, terminator: newline)
      }
      replacement[replacement.count - 1].terminator = records[entry.last].terminator
      try replaceLines(entry.line..<(entry.last + 1), with: replacement)
      change.changedKeys.append(key)
      return
    }
    var changed = false
    var last = entry.last
    let indent = String(
      ((entry.line + 1)...entry.last).first { records[$0].tag == .continuation }
        .map { text(at: $0).unicodeScalars.prefix(while: PythonText.isSpace) }
        ?? "    ".unicodeScalars[...])
    for edit in values {
      let indices = ((entry.line + 1)..<(last + 1)).filter { index in
        guard records[index].tag == .continuation else { return false }
        let scalars = string(records[index].name).unicodeScalars
        guard let equals = scalars.firstIndex(of: "=") else { return false }
        return PythonText.strip(String(scalars[..<equals])) == edit.name
      }
      if let value = edit.value {
        if indices.isEmpty {
          try insert(["\(indent)\(edit.name) = \(value)".trimmingTrailingSpace], after: last)
          last += 1
          changed = true
        }
        var rewritten: [Int: String] = [:]
        for index in indices {
          let old = text(at: index)
          let text = Self.replacingValue(in: old, delimiters: ["="], with: value)
          if text != old { rewritten[index] = text }
        }
        if !rewritten.isEmpty {
          try rewriteLines(rewritten)
          changed = true
        }
      } else if !indices.isEmpty {
        try removeLines(indices.map { $0..<($0 + 1) })
        last -= indices.count
        changed = true
      }
    }
    let stillNested =
      last > entry.line && ((entry.line + 1)...last).contains { records[$0].tag == .continuation }
    if !stillNested {
      // Every nested name was removed: drop the now empty "key =" line too.
      try replaceLines(entry.line..<(entry.line + 1), with: [])
      change.removedKeys.append(key)
      return
    }
    if changed { change.changedKeys.append(key) }
  }

  // MARK: - Line primitives

  /// Inserts `texts` as new lines after line `index`.
  private mutating func insert(_ texts: [String], after index: Int) throws(ConfigError) {
    let newline = self.newline
    if records[index].terminator == .none { records[index].terminator = newline }
    try replaceLines((index + 1)..<(index + 1), with: texts.map { ($0, newline) })
  }

  /// Appends `texts` at the end, after one blank line when the file does not already end
  /// with one.
  mutating func appendBlock(_ texts: [String]) throws(ConfigError) {
    let newline = self.newline
    var block: [(text: String, terminator: ConfigLine.Terminator)] = []
    if let last = records.indices.last {
      if records[last].terminator == .none { records[last].terminator = newline }
      if records[last].tag != .blank { block.append(("", newline)) }
    }
    block += texts.map { ($0, newline) }
    try replaceLines(records.count..<records.count, with: block)
  }

  /// A file that ended without a line break keeps ending without one.
  mutating func restoreFinalNewline(like original: ConfigDocument) {
    guard !original.endsWithNewline, let last = records.indices.last else { return }
    records[last].terminator = .none
  }

  /// Replaces lines `range` with `lines`, then re-reads the lines from there on.
  mutating func replaceLines(
    _ range: Range<Int>, with lines: [(text: String, terminator: ConfigLine.Terminator)]
  ) throws(ConfigError) {
    var added: [LineRecord] = []
    added.reserveCapacity(lines.count)
    for line in lines { added.append(try store(line.text, terminator: line.terminator)) }
    records.replaceSubrange(range, with: added)
    try reclassify(from: range.lowerBound, settledFrom: range.lowerBound + added.count)
  }

  /// Removes the lines of every range in `ranges` (which do not overlap), then re-reads the
  /// lines from the first removal on.
  private mutating func removeLines(_ ranges: [Range<Int>]) throws(ConfigError) {
    let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
    guard let first = sorted.first, let last = sorted.last else { return }
    for range in sorted.reversed() { records.removeSubrange(range) }
    let removedBeforeLast = sorted.dropLast().reduce(0) { $0 + $1.count }
    try reclassify(from: first.lowerBound, settledFrom: last.lowerBound - removedBeforeLast)
  }

  /// Gives the lines in `texts` (by index) new text, keeping their terminators, then re-reads
  /// the lines from the first of them on.
  private mutating func rewriteLines(_ texts: [Int: String]) throws(ConfigError) {
    guard let first = texts.keys.min(), let last = texts.keys.max() else { return }
    for (index, text) in texts {
      records[index] = try store(text, terminator: records[index].terminator)
    }
    try reclassify(from: first, settledFrom: last + 1)
  }

  /// Appends `text` to `storage` and returns an unread record for it.
  private mutating func store(_ text: String, terminator: ConfigLine.Terminator)
    throws(ConfigError) -> LineRecord
  {
    let utf8 = text.utf8
    guard utf8.count <= Int(Int32.max) else {
      throw .editWouldBreakFile(file: path, problem: "a line would be longer than 2 GiB")
    }
    let start = storage.count
    storage.append(contentsOf: utf8)
    return LineRecord(
      start: start, length: Int32(utf8.count), terminator: terminator,
      isASCII: utf8.allSatisfy { $0 < 0x80 })
  }

  /// Re-reads lines from `first` on, until the parser is back in step with the lines it read
  /// before the edit (at or after `settledFrom`); a failure here means an edit produced
  /// something botocore cannot read, so it is reported instead of written.
  mutating func reclassify(from first: Int, settledFrom: Int) throws(ConfigError) {
    var state = classifierState(before: first)
    do throws(ConfigError) {
      try Self.classify(
        &records, storage: storage, from: first, state: &state, settledFrom: settledFrom,
        path: path)
    } catch {
      throw .editWouldBreakFile(file: path, problem: error.description)
    }
  }

  // MARK: - Rendering and checks

  /// The lines ssopick writes for `edits` in a new section (removals write nothing).
  static func render(_ edits: [ConfigEdit]) -> [String] {
    var result: [String] = []
    for edit in edits {
      switch edit {
      case .set(let key, let value):
        result.append("\(key) = \(value)".trimmingTrailingSpace)
      case .setNested(let key, let values):
        let nested = values.compactMap { edit in
          edit.value.map { "    \(edit.name) = \($0)".trimmingTrailingSpace }
        }
        if !nested.isEmpty { result += ["\(key) ="] + nested }
      case .remove:
        break
      }
    }
    return result
  }

  static func keysWritten(by edits: [ConfigEdit]) -> [String] {
    edits.compactMap { edit in
      switch edit {
      case .set(let key, _): return key
      case .setNested(let key, let values): return values.contains { $0.value != nil } ? key : nil
      case .remove: return nil
      }
    }
  }

  /// `text` (an entry line or nested line) with its value replaced by `value`: everything up
  /// to the delimiter and the blanks after it is kept.
  static func replacingValue(in text: String, delimiters: Set<Unicode.Scalar>, with value: String)
    -> String
  {
    let scalars = text.unicodeScalars
    guard let delimiter = scalars.firstIndex(where: delimiters.contains) else { return text }
    var valueStart = scalars.index(after: delimiter)
    while valueStart < scalars.endIndex, PythonText.isSpace(scalars[valueStart]) {
      valueStart = scalars.index(after: valueStart)
    }
    var prefix = String(scalars[..<valueStart])
    if value.isEmpty { return PythonText.rstrip(prefix) }
    if valueStart == scalars.endIndex || PythonText.strip(String(scalars[valueStart...])).isEmpty {
      // The old value was empty: "key =" becomes "key = value", "key=" becomes "key=value".
      prefix = PythonText.rstrip(prefix)
      let beforeDelimiter = scalars[..<delimiter]
      if let last = beforeDelimiter.last, PythonText.isSpace(last) { prefix += " " }
    }
    return prefix + value
  }

  func writableHeader(for section: ConfigSectionName) throws(ConfigError) -> String {
    try section.writableHeader(for: flavor)
  }

  static func checkWritable(_ edits: [ConfigEdit]) throws(ConfigError) {
    for edit in edits {
      try checkKey(edit.key)
      switch edit {
      case .set(let key, let value):
        try checkValue(value, key: key)
      case .setNested(let key, let values):
        for nested in values {
          if nested.name.isEmpty || nested.name.unicodeScalars.contains("=")
            || PythonText.strip(nested.name) != nested.name
            || nested.name.unicodeScalars.contains(where: PythonText.isForbiddenInWrittenText)
          {
            throw .invalidKey("\(key).\(nested.name)", reason: "nested names must be plain words")
          }
          if let value = nested.value { try checkValue(value, key: "\(key).\(nested.name)") }
        }
      case .remove:
        break
      }
    }
  }

  private static func checkKey(_ key: String) throws(ConfigError) {
    let scalars = key.unicodeScalars
    if key.isEmpty { throw .invalidKey(key, reason: "it is empty") }
    if scalars.contains(where: { $0 == "=" || $0 == ":" }) {
      throw .invalidKey(key, reason: "keys cannot contain '=' or ':'")
    }
    if let first = scalars.first, first == "#" || first == ";" || first == "[" {
      throw .invalidKey(key, reason: "keys cannot start with '#', ';' or '['")
    }
    if PythonText.strip(key) != key || scalars.contains(where: PythonText.isForbiddenInWrittenText)
    {
      throw .invalidKey(
        key, reason: "keys cannot start or end with blanks or contain control characters")
    }
  }

  private static func checkValue(_ value: String, key: String) throws(ConfigError) {
    if value.unicodeScalars.contains(where: PythonText.isForbiddenInWrittenText) {
      throw .invalidValue(key: key, reason: "it contains a line break or control character")
    }
    if PythonText.strip(value) != value {
      throw .invalidValue(key: key, reason: "it starts or ends with blanks, which AWS tools drop")
    }
  }
}

extension String {
  /// The string without trailing spaces (so `key = ` is written as `key =`).
  fileprivate var trimmingTrailingSpace: String {
    var result = self
    while result.hasSuffix(" ") { result.removeLast() }
    return result
  }
}
