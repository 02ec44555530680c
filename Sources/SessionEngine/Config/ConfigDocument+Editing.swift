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
    try copy.reclassify()
    try Self.verify(copy, after: edits, in: section, comparedTo: before)
    self = copy
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
      while end + 1 < span.end, copy.lines[end + 1].kind == .blank { end += 1 }
      if end + 1 == copy.lines.count {
        while start > 0, copy.lines[start - 1].kind == .blank { start -= 1 }
      }
      copy.lines.removeSubrange(start...end)
      try copy.reclassify()
      removed = true
    }
    guard removed else { return false }
    copy.restoreFinalNewline(like: before)
    try copy.reclassify()
    try Self.verifyOthersUnchanged(copy, comparedTo: before, except: section)
    self = copy
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
        in: lines[entry.line].text, delimiters: ["=", ":"], with: value)
      let terminator = lines[entry.last].terminator
      lines.replaceSubrange(
        entry.line...entry.last, with: [ConfigLine(text: text, terminator: terminator)])
      try reclassify()
      change.changedKeys.append(key)
    case .remove(let key):
      guard !matches.isEmpty else { return }
      for entry in matches.reversed() {
        lines.removeSubrange(entry.line...entry.last)
      }
      try reclassify()
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
        in: lines[entry.line].text, delimiters: ["=", ":"], with: "")
      let nested = values.compactMap { edit in edit.value.map { "    \(edit.name) = \($0)" } }
      guard !nested.isEmpty else { return }
      let terminator = lines[entry.last].terminator
      var replacement = ([keyLine] + nested).map {
        ConfigLine(text: $0.trimmingTrailingSpace, terminator: newline)
      }
      replacement[replacement.count - 1].terminator = terminator
      lines.replaceSubrange(entry.line...entry.last, with: replacement)
      try reclassify()
      change.changedKeys.append(key)
      return
    }
    var changed = false
    var last = entry.last
    let indent = String(
      lines[entry.line + 1...entry.last].first { line in
        if case .continuation = line.kind { return true }
        return false
      }.map { $0.text.unicodeScalars.prefix(while: PythonText.isSpace) }
        ?? "    ".unicodeScalars[...])
    for edit in values {
      let indices = (entry.line + 1..<last + 1).filter { index in
        guard case .continuation(let text) = lines[index].kind,
          let equals = text.unicodeScalars.firstIndex(of: "=")
        else { return false }
        return PythonText.strip(String(text.unicodeScalars[..<equals])) == edit.name
      }
      if let value = edit.value {
        if indices.isEmpty {
          try insert(["\(indent)\(edit.name) = \(value)".trimmingTrailingSpace], after: last)
          last += 1
          changed = true
        }
        for index in indices {
          let text = Self.replacingValue(in: lines[index].text, delimiters: ["="], with: value)
          if text != lines[index].text {
            lines[index].text = text
            changed = true
          }
        }
      } else if !indices.isEmpty {
        for index in indices.reversed() { lines.remove(at: index) }
        last -= indices.count
        changed = true
      }
      try reclassify()
    }
    let stillNested =
      last > entry.line
      && (entry.line + 1...last).contains { index in
        if case .continuation = lines[index].kind { return true }
        return false
      }
    if !stillNested {
      // Every nested name was removed: drop the now empty "key =" line too.
      lines.remove(at: entry.line)
      try reclassify()
      change.removedKeys.append(key)
      return
    }
    if changed { change.changedKeys.append(key) }
  }

  // MARK: - Line primitives

  /// Inserts `texts` as new lines after line `index`.
  private mutating func insert(_ texts: [String], after index: Int) throws(ConfigError) {
    let newline = self.newline
    if lines[index].terminator == .none { lines[index].terminator = newline }
    let new = texts.map { ConfigLine(text: $0, terminator: newline) }
    lines.insert(contentsOf: new, at: index + 1)
    try reclassify()
  }

  /// Appends `texts` at the end, after one blank line when the file does not already end
  /// with one.
  mutating func appendBlock(_ texts: [String]) throws(ConfigError) {
    let newline = self.newline
    if let last = lines.indices.last {
      if lines[last].terminator == .none { lines[last].terminator = newline }
      if lines[last].kind != .blank {
        lines.append(ConfigLine(text: "", terminator: newline))
      }
    }
    lines.append(contentsOf: texts.map { ConfigLine(text: $0, terminator: newline) })
    try reclassify()
  }

  /// A file that ended without a line break keeps ending without one.
  mutating func restoreFinalNewline(like original: ConfigDocument) {
    guard !original.endsWithNewline, let last = lines.indices.last else { return }
    lines[last].terminator = .none
  }

  /// Recomputes every line's kind; a failure here means an edit produced something botocore
  /// cannot read, so it is reported instead of written.
  mutating func reclassify() throws(ConfigError) {
    do throws(ConfigError) {
      try Self.classify(&lines, path: path)
    } catch {
      throw .editWouldBreakFile(file: path, problem: error.description)
    }
  }

  /// The span of the last section whose header means `name`.
  func lastSpan(named name: ConfigSectionName) -> SectionSpan? {
    spans().last { span in
      guard case .sectionHeader(let header) = lines[span.header].kind else { return false }
      return ConfigSectionName(header: header, flavor: flavor) == name
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

  /// Re-reads the edited document from its bytes and checks that it parses, has no
  /// duplicates, holds exactly the edited values, and that no other section changed.
  static func verify(
    _ edited: ConfigDocument, after edits: [ConfigEdit], in section: ConfigSectionName,
    comparedTo original: ConfigDocument
  ) throws(ConfigError) {
    let reread = try reparse(edited)
    guard let result = reread.section(section) else {
      if edits.allSatisfy({ if case .remove = $0 { return true } else { return false } }) { return }
      throw .editWouldBreakFile(file: edited.path, problem: "the section was not found afterwards")
    }
    for edit in edits {
      let value = result.value(edit.key)
      switch edit {
      case .set(_, let expected):
        guard value == .string(expected) else {
          throw .editWouldBreakFile(file: edited.path, problem: "\(edit.key) would not read back")
        }
      case .remove:
        guard value == nil else {
          throw .editWouldBreakFile(file: edited.path, problem: "\(edit.key) would still be there")
        }
      case .setNested(_, let values):
        let map = value?.nested ?? [:]
        for nested in values where map[nested.name] != nested.value {
          if nested.value == nil && value == nil { continue }
          throw .editWouldBreakFile(
            file: edited.path, problem: "\(edit.key).\(nested.name) would not read back")
        }
      }
    }
    try verifyOthersUnchanged(reread, comparedTo: original, except: section)
  }

  static func verifyOthersUnchanged(
    _ edited: ConfigDocument, comparedTo original: ConfigDocument, except section: ConfigSectionName
  ) throws(ConfigError) {
    let reread = try reparse(edited)
    let touched = Set(
      (original.sections + reread.sections).filter { $0.name == section }.map(\.header))
    let before = original.rawSections().filter { !touched.contains($0.header) }
    let after = reread.rawSections().filter { !touched.contains($0.header) }
    guard before.map(\.header) == after.map(\.header),
      zip(before, after).allSatisfy({ $0.values == $1.values })
    else {
      throw .editWouldBreakFile(file: edited.path, problem: "another section would change")
    }
  }

  private static func reparse(_ document: ConfigDocument) throws(ConfigError) -> ConfigDocument {
    let reread: ConfigDocument
    do throws(ConfigError) {
      reread = try ConfigDocument(
        parsing: document.bytes, path: document.path, flavor: document.flavor)
      try reread.validate()
    } catch {
      throw .editWouldBreakFile(file: document.path, problem: error.description)
    }
    return reread
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
