extension ConfigDocument {
  /// Re-reads the edited document from its bytes and checks that it parses, has no
  /// duplicates, holds exactly the edited values, and that no other section changed.
  /// Returns the document as re-read.
  static func verify(
    _ edited: ConfigDocument, after edits: [ConfigEdit], in section: ConfigSectionName,
    comparedTo original: ConfigDocument
  ) throws(ConfigError) -> ConfigDocument {
    let reread = try reparse(edited)
    guard let result = reread.section(section) else {
      if edits.allSatisfy({ if case .remove = $0 { return true } else { return false } }) {
        return reread
      }
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
    return reread
  }

  /// Checks that every section of `reread` (a document read back by `reparse`) whose header
  /// does not mean `section` reads exactly as in `original`: same sections in the same order,
  /// same values.
  ///
  /// Usually this is proved from the lines alone (`onlySections(named:changedFrom:to:)`,
  /// linear and without building strings); otherwise every section's values are compared.
  static func verifyOthersUnchanged(
    _ reread: ConfigDocument, comparedTo original: ConfigDocument, except section: ConfigSectionName
  ) throws(ConfigError) {
    if onlySections(named: section, changedFrom: original, to: reread) { return }
    let touched = Set(
      (original.sections + reread.sections).filter { $0.name == section }.map(\.header))
    let before = original.rawSections().filter { !touched.contains($0.header) }
    let after = reread.rawSections().filter { !touched.contains($0.header) }
    guard before.map(\.header) == after.map(\.header),
      zip(before, after).allSatisfy({ $0.values == $1.values })
    else {
      throw .editWouldBreakFile(file: reread.path, problem: "another section would change")
    }
  }

  /// Parses the document's bytes again and validates the result, as any AWS tool would read
  /// the file that is about to be written.
  static func reparse(_ document: ConfigDocument) throws(ConfigError) -> ConfigDocument {
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

  /// Whether the lines show that only sections meaning `section` differ between `old` and
  /// `new`. `true` means every other section has the very same lines, read the same way, in
  /// the same order, so it has the same values; `false` means "not proved".
  ///
  /// The two documents share a first run of lines (same text, so read the same way) and a
  /// last run (same text and same reading), cut to start at a header so that it holds whole
  /// sections. Every header between the runs must mean `section`, and so must the section
  /// the first run ends in, if any of its entries lie between the runs. `[DEFAULT]` is never
  /// proved this way: its keys reach every section.
  static func onlySections(
    named section: ConfigSectionName, changedFrom old: ConfigDocument, to new: ConfigDocument
  ) -> Bool {
    let oldCount = old.records.count
    let newCount = new.records.count
    let shorter = min(oldCount, newCount)
    var prefix = 0
    var suffix = 0
    old.storage.withUnsafeBufferPointer { oldBytes in
      new.storage.withUnsafeBufferPointer { newBytes in
        old.records.withUnsafeBufferPointer { oldLines in
          new.records.withUnsafeBufferPointer { newLines in
            while prefix < shorter
              && sameText(oldLines[prefix], oldBytes, newLines[prefix], newBytes)
            {
              prefix += 1
            }
            while suffix < shorter - prefix {
              let oldLine = oldLines[oldCount - 1 - suffix]
              let newLine = newLines[newCount - 1 - suffix]
              guard oldLine.hasSameMeaning(as: newLine),
                sameText(oldLine, oldBytes, newLine, newBytes)
              else { break }
              suffix += 1
            }
          }
        }
      }
    }
    if prefix == oldCount && prefix == newCount { return true }
    while suffix > 0 && old.records[oldCount - suffix].tag != .sectionHeader { suffix -= 1 }
    let wanted = HeaderMatcher(section)
    func means(_ document: ConfigDocument, _ index: Int) -> Bool {
      !document.isDefaultHeader(index) && document.header(at: index, means: wanted)
    }
    var ownerChanged = false
    for (document, end) in [(old, oldCount - suffix), (new, newCount - suffix)] {
      var sawHeader = false
      for index in prefix..<end {
        switch document.records[index].tag {
        case .sectionHeader:
          guard means(document, index) else { return false }
          sawHeader = true
        case .entry, .continuation:
          if !sawHeader { ownerChanged = true }
        case .blank, .comment:
          break
        }
      }
    }
    guard ownerChanged else { return true }
    var owner = prefix - 1
    while owner >= 0 && old.records[owner].tag != .sectionHeader { owner -= 1 }
    return owner >= 0 && means(old, owner)
  }
}
