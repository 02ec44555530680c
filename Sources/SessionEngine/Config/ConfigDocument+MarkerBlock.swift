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
      try copy.replaceLines(
        (range.lowerBound + 1)..<range.upperBound, with: content.map { ($0, newline) })
    } else {
      try copy.appendBlock([begin] + content + [end])
    }
    copy.restoreFinalNewline(like: before)
    try copy.checkBlockHasNoTwins(begin: begin, end: end)
    self = try Self.reparse(copy)
  }

  private func markerIndices(begin: String, end: String) -> ClosedRange<Int>? {
    let beginBytes = Array(begin.utf8)
    let endBytes = Array(end.utf8)
    let marker = { (index: Int, text: String, bytes: [UInt8]) -> Bool in
      let record = records[index]
      guard record.tag == .comment else { return false }
      let same = storage.withUnsafeBufferPointer { $0[record.name].elementsEqual(bytes) }
      if same { return true }
      if record.isASCII && bytes.allSatisfy({ $0 < 0x80 }) { return false }
      return string(record.name) == text
    }
    guard let start = records.indices.first(where: { marker($0, begin, beginBytes) }),
      let stop = records.indices.first(where: { $0 > start && marker($0, end, endBytes) })
    else { return nil }
    return start...stop
  }

  private func checkBlockHasNoTwins(begin: String, end: String) throws(ConfigError) {
    guard let range = markerIndices(begin: begin, end: end) else { return }
    let headers = records.indices.filter { records[$0].tag == .sectionHeader }
    let inside = headers.filter { range.contains($0) }.compactMap {
      sectionName(at: $0, flavor: flavor)
    }
    let wanted = Set(inside)
    var firstOutside: [ConfigSectionName: Int] = [:]
    for index in headers where !range.contains(index) {
      guard let name = sectionName(at: index, flavor: flavor), wanted.contains(name),
        firstOutside[name] == nil
      else { continue }
      firstOutside[name] = index + 1
    }
    for name in inside {
      if let twin = firstOutside[name] {
        throw .editWouldBreakFile(
          file: path,
          problem: "\(name) is already defined outside the managed block, at line \(twin)")
      }
    }
  }
}
