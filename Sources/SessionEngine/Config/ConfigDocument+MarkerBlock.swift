extension ConfigDocument {
  /// The 1-based line numbers of a block delimited by two marker comments: the first comment
  /// line reading exactly `begin` (after trimming blanks) and the first one after it reading
  /// `end`. `nil` when either is missing.
  ///
  /// A later feature (`ssopick populate`) keeps the profiles it generates between such markers
  /// and regenerates them as a whole with `replaceMarkerBlock`.
  public func markerBlock(begin: String, end: String) -> ClosedRange<Int>? {
    guard let range = markerIndices(begin: begin, end: end) else { return nil }
    return (range.lowerBound + 1)...(range.upperBound + 1)
  }

  /// Replaces everything between the two marker comments with `sections` (each rendered as a
  /// new section, separated by blank lines); appends a new marked block at the end of the file
  /// when the markers are missing. Lines outside the markers are untouched.
  ///
  /// Throws when a section in the block also exists outside it (botocore would see two).
  public mutating func replaceMarkerBlock(
    begin: String, end: String, with sections: [(ConfigSectionName, [ConfigEdit])]
  ) throws(ConfigError) {
    for marker in [begin, end] {
      let first = marker.unicodeScalars.first
      guard first == "#" || first == ";", PythonText.strip(marker) == marker,
        !marker.unicodeScalars.contains(where: PythonText.isForbiddenInWrittenText)
      else {
        throw .invalidValue(key: "marker", reason: "a marker must be one comment line (# or ;)")
      }
    }
    var content: [String] = []
    for (name, edits) in sections {
      try Self.checkWritable(edits)
      let header = try writableHeader(for: name)
      if !content.isEmpty { content.append("") }
      content += ["[\(header)]"] + Self.render(edits)
    }
    let before = self
    var copy = self
    if let range = markerIndices(begin: begin, end: end) {
      let newline = copy.newline
      copy.lines.replaceSubrange(
        (range.lowerBound + 1)..<range.upperBound,
        with: content.map { ConfigLine(text: $0, terminator: newline) })
      try copy.reclassify()
    } else {
      try copy.appendBlock([begin] + content + [end])
    }
    copy.restoreFinalNewline(like: before)
    try copy.reclassify()
    try copy.checkBlockHasNoTwins(begin: begin, end: end)
    do throws(ConfigError) {
      let reread = try ConfigDocument(parsing: copy.bytes, path: path, flavor: flavor)
      try reread.validate()
    } catch {
      throw .editWouldBreakFile(file: path, problem: error.description)
    }
    self = copy
  }

  private func markerIndices(begin: String, end: String) -> ClosedRange<Int>? {
    let marker = { (index: Int, text: String) -> Bool in
      lines[index].kind == .comment && PythonText.strip(lines[index].text) == text
    }
    guard let start = lines.indices.first(where: { marker($0, begin) }),
      let stop = lines.indices.first(where: { $0 > start && marker($0, end) })
    else { return nil }
    return start...stop
  }

  private func checkBlockHasNoTwins(begin: String, end: String) throws(ConfigError) {
    guard let range = markerIndices(begin: begin, end: end) else { return }
    let all = sections
    let inside = all.filter { range.contains($0.line - 1) }
    let outside = all.filter { !range.contains($0.line - 1) }
    for section in inside {
      if let name = section.name, let twin = outside.first(where: { $0.name == name }) {
        throw .editWouldBreakFile(
          file: path,
          problem: "\(name) is already defined outside the managed block, at line \(twin.line)")
      }
    }
  }
}
