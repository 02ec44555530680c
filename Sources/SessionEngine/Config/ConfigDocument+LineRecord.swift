#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ConfigDocument {
  /// One line as the document keeps it: where its text is in `storage`, how it ended, and
  /// what botocore makes of it, as byte ranges relative to the line's start. No string is
  /// built until someone asks for one.
  struct LineRecord: Sendable, Equatable {
    /// What the line is (`ConfigLine.Kind` without its strings).
    enum Tag: UInt8, Sendable {
      case blank, comment, sectionHeader, entry, continuation
    }

    /// The offset of the line's first byte in `storage`.
    var start: Int
    /// The length of the line's text (without its terminator).
    var length: Int32
    /// `sectionHeader`: the name between the brackets; `entry`: the key (trailing blanks
    /// removed); `comment`, `continuation`: the text without surrounding blanks.
    var nameStart: Int32 = 0
    /// The end of the range starting at `nameStart`.
    var nameEnd: Int32 = 0
    /// `entry`: the value without surrounding blanks.
    var valueStart: Int32 = 0
    /// The end of the range starting at `valueStart`.
    var valueEnd: Int32 = 0
    /// The line break that ended the line.
    var terminator: ConfigLine.Terminator
    /// What the line is.
    var tag: Tag = .blank
    /// Whether every byte of the text is ASCII.
    var isASCII: Bool

    /// The offset just after the line's text in `storage`.
    var end: Int { start + Int(length) }
    /// The `nameStart..<nameEnd` range in `storage`.
    var name: Range<Int> { (start + Int(nameStart))..<(start + Int(nameEnd)) }
    /// The `valueStart..<valueEnd` range in `storage`.
    var value: Range<Int> { (start + Int(valueStart))..<(start + Int(valueEnd)) }

    /// Whether two records of lines with the same text were read the same way.
    func hasSameMeaning(as other: LineRecord) -> Bool {
      tag == other.tag && nameStart == other.nameStart && nameEnd == other.nameEnd
        && valueStart == other.valueStart && valueEnd == other.valueEnd
    }
  }

  /// What `RawConfigParser._read` remembers from one line to the next.
  struct ClassifierState {
    /// Whether a section header has been read.
    var inSection = false
    /// The index of the entry whose value further indented lines continue, if any.
    var openEntry: Int?
    /// Whether that entry's own value is empty (so indented lines form a nested block).
    var openEntryValueIsEmpty = false
    /// Where that entry's key is in `storage` (for messages).
    var openEntryKey: Range<Int> = 0..<0
    /// The indentation of the last header or entry line.
    var indentLevel = 0
  }

  // MARK: - Reading lines

  /// Splits the file at `\n`, `\r\n` and `\r` and checks that each line is UTF-8.
  static func splitLines(_ bytes: [UInt8], from start: Int, path: String) throws(ConfigError)
    -> [LineRecord]
  {
    var failure: ConfigError?
    let records = bytes.withUnsafeBufferPointer { buffer -> [LineRecord] in
      guard let base = buffer.baseAddress, start < buffer.count else { return [] }
      let end = buffer.count
      // Most files have no CR at all and are pure ASCII: then lines end at each LF and no
      // line needs a UTF-8 check.
      let hasCR = memchr(base + start, 0x0D, end - start) != nil
      let survey = survey(base, start, end, countingCR: hasCR)
      let allASCII = survey.isASCII
      let capacity = survey.lfCount + survey.crCount + 1
      return [LineRecord](unsafeUninitializedCapacity: capacity) { lines, count in
        count = 0
        func add(_ lineStart: Int, _ lineEnd: Int, _ terminator: ConfigLine.Terminator) -> Bool {
          let length = lineEnd - lineStart
          guard length <= Int(Int32.max), count < lines.count else {
            failure = .malformedLine(
              file: path, line: count + 1, problem: "the line is longer than 2 GiB")
            return false
          }
          let lineIsASCII = allASCII || isASCII(base, lineStart, lineEnd)
          if !lineIsASCII {
            let slice = UnsafeBufferPointer(start: base + lineStart, count: length)
            guard String(decoding: slice, as: UTF8.self).utf8.elementsEqual(slice) else {
              failure = .malformedLine(
                file: path, line: count + 1, problem: "the line is not valid UTF-8 text")
              return false
            }
          }
          (lines.baseAddress.map { $0 + count })?.initialize(
            to: LineRecord(
              start: lineStart, length: Int32(length), terminator: terminator,
              isASCII: lineIsASCII))
          count += 1
          return true
        }
        var lineStart = start
        var index = start
        if hasCR {
          while index < end {
            let byte = base[index]
            if byte == 0x0A {
              guard add(lineStart, index, .lf) else { return }
              index += 1
              lineStart = index
            } else if byte == 0x0D {
              let crlf = index + 1 < end && base[index + 1] == 0x0A
              guard add(lineStart, index, crlf ? .crlf : .cr) else { return }
              index += crlf ? 2 : 1
              lineStart = index
            } else {
              index += 1
            }
          }
        } else {
          // Eight bytes at a time: `hits` has the top bit set in each byte that is LF.
          let raw = UnsafeRawPointer(base)
          while index + 8 <= end {
            let word = UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            var hits = zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
            while hits != 0 {
              let lineEnd = index + hits.trailingZeroBitCount >> 3
              guard add(lineStart, lineEnd, .lf) else { return }
              lineStart = lineEnd + 1
              hits &= hits &- 1
            }
            index += 8
          }
          while index < end {
            if base[index] == 0x0A {
              guard add(lineStart, index, .lf) else { return }
              lineStart = index + 1
            }
            index += 1
          }
        }
        if lineStart < end { _ = add(lineStart, end, .none) }
      }
    }
    if let failure { throw failure }
    return records
  }

  /// Whether every byte of `base[start..<end]` is below 0x80 (eight bytes at a time).
  private static func isASCII(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    let raw = UnsafeRawPointer(base)
    var index = start
    var bits: UInt64 = 0
    while index + 8 <= end {
      bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      index += 8
    }
    while index < end {
      bits |= UInt64(base[index])
      index += 1
    }
    return bits & 0x8080_8080_8080_8080 == 0
  }

  /// The number of LF (and, if asked, CR) bytes in `base[start..<end]` and whether all bytes
  /// are ASCII, eight bytes at a time.
  private static func survey(
    _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, countingCR: Bool
  ) -> (lfCount: Int, crCount: Int, isASCII: Bool) {
    let raw = UnsafeRawPointer(base)
    var lfCount = 0
    var bits: UInt64 = 0
    var index = start
    while index + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      bits |= word
      // One bit per LF byte, moved to the bottom of its byte; the multiplication sums them
      // into the top byte.
      let ones = zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A) >> 7
      lfCount &+= Int((ones &* 0x0101_0101_0101_0101) >> 56)
      index += 8
    }
    while index < end {
      let byte = base[index]
      bits |= UInt64(byte)
      if byte == 0x0A { lfCount += 1 }
      index += 1
    }
    var crCount = 0
    if countingCR {
      for byte in UnsafeBufferPointer(start: base + start, count: end - start) where byte == 0x0D {
        crCount += 1
      }
    }
    return (lfCount, crCount, bits & 0x8080_8080_8080_8080 == 0)
  }

  /// A word with the top bit set in exactly the bytes of `word` that are zero.
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((word & low7) &+ low7) | word | low7)
  }

  /// Sets every line's meaning, mirroring `RawConfigParser._read`, or throws for the first
  /// line botocore would reject.
  static func classify(_ records: inout [LineRecord], storage: [UInt8], path: String)
    throws(ConfigError)
  {
    var state = ClassifierState()
    try classify(&records, storage: storage, from: 0, state: &state, settledFrom: nil, path: path)
  }

  /// Classifies lines from `first` on, starting in `state`. With `settledFrom`, stops at the
  /// first line at or after that index which is a header or entry read exactly as before:
  /// from there on the parser is in the same state as before, so every later line reads the
  /// same.
  static func classify(
    _ records: inout [LineRecord], storage: [UInt8], from first: Int,
    state: inout ClassifierState, settledFrom: Int?, path: String
  ) throws(ConfigError) {
    var failure: ConfigError?
    storage.withUnsafeBufferPointer { bytes in
      records.withUnsafeMutableBufferPointer { lines in
        var index = first
        let settled = settledFrom ?? Int.max
        while index < lines.count {
          let old = index >= settled ? lines[index] : nil
          do throws(ConfigError) {
            try classifyLine(&lines[index], index: index, bytes: bytes, state: &state, path: path)
          } catch {
            failure = error
            return
          }
          if let old {
            let new = lines[index]
            if new.tag == .sectionHeader || new.tag == .entry, new.hasSameMeaning(as: old) {
              return
            }
          }
          index += 1
        }
      }
    }
    if let failure { throw failure }
  }

  /// Reads one line in `state` (see `classify`).
  @inline(__always)
  private static func classifyLine(
    _ record: inout LineRecord, index: Int, bytes: UnsafeBufferPointer<UInt8>,
    state: inout ClassifierState, path: String
  ) throws(ConfigError) {
    let start = record.start
    let end = record.end
    let (first, indent) = PythonText.skipSpaces(bytes, from: start, to: end)
    guard first < end else {
      record.tag = .blank
      (record.nameStart, record.nameEnd, record.valueStart, record.valueEnd) = (0, 0, 0, 0)
      return
    }
    let last = PythonText.trimTrailingSpaces(bytes, start: first, end: end)
    let strippedStart = Int32(first - start)
    let strippedEnd = Int32(last - start)
    (record.valueStart, record.valueEnd) = (0, 0)
    let head = bytes[first]
    if head == UInt8(ascii: "#") || head == UInt8(ascii: ";") {
      record.tag = .comment
      (record.nameStart, record.nameEnd) = (strippedStart, strippedEnd)
      return
    }
    if state.inSection, state.openEntry != nil, indent > state.indentLevel {
      if state.openEntryValueIsEmpty && !contains(UInt8(ascii: "="), bytes, first, last) {
        let key = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[state.openEntryKey]), as: UTF8.self)
        throw .malformedLine(
          file: path, line: index + 1,
          problem:
            "lines indented under \"\(key) =\" must be \"name = value\" "
            + "(or indent this line less if it is not part of \"\(key)\")")
      }
      record.tag = .continuation
      (record.nameStart, record.nameEnd) = (strippedStart, strippedEnd)
      return
    }
    state.indentLevel = indent
    if head == UInt8(ascii: "["), let close = lastIndex(of: UInt8(ascii: "]"), bytes, first, last),
      close - first >= 2
    {
      record.tag = .sectionHeader
      (record.nameStart, record.nameEnd) = (strippedStart + 1, Int32(close - start))
      state.inSection = true
      state.openEntry = nil
      return
    }
    guard state.inSection else {
      throw .malformedLine(
        file: path, line: index + 1,
        problem: "this line comes before any section header; add one such as [default] above it")
    }
    guard let delimiter = firstDelimiter(bytes, first, last) else {
      throw .malformedLine(
        file: path, line: index + 1,
        problem: "expected \"key = value\" but the line has no '=' or ':'")
    }
    let keyEnd = PythonText.trimTrailingSpaces(bytes, start: first, end: delimiter)
    guard keyEnd > first else {
      throw .malformedLine(
        file: path, line: index + 1, problem: "the line has a value but no key before its '='")
    }
    let valueStart = PythonText.skipSpaces(bytes, from: delimiter + 1, to: last).index
    record.tag = .entry
    (record.nameStart, record.nameEnd) = (strippedStart, Int32(keyEnd - start))
    (record.valueStart, record.valueEnd) = (Int32(valueStart - start), strippedEnd)
    state.openEntry = index
    state.openEntryValueIsEmpty = valueStart == last
    state.openEntryKey = first..<keyEnd
  }

  @inline(__always)
  private static func contains(
    _ byte: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
  ) -> Bool {
    var index = start
    while index < end {
      if bytes[index] == byte { return true }
      index += 1
    }
    return false
  }

  @inline(__always)
  private static func lastIndex(
    of byte: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
  ) -> Int? {
    var index = end
    while index > start {
      index -= 1
      if bytes[index] == byte { return index }
    }
    return nil
  }

  @inline(__always)
  private static func firstDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Int?
  {
    var index = start
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        let hits =
          zeroBytes(word ^ 0x3D3D_3D3D_3D3D_3D3D) | zeroBytes(word ^ 0x3A3A_3A3A_3A3A_3A3A)
        if hits != 0 { return index + hits.trailingZeroBitCount >> 3 }
        index += 8
      }
    }
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") { return index }
      index += 1
    }
    return nil
  }

  /// The parser's state just before line `index`, read from the lines above it: it depends
  /// only on the last header or entry line.
  func classifierState(before index: Int) -> ClassifierState {
    var state = ClassifierState()
    var line = index - 1
    while line >= 0 {
      let record = records[line]
      if record.tag == .sectionHeader || record.tag == .entry {
        state.inSection = true
        state.indentLevel = storage.withUnsafeBufferPointer {
          PythonText.indentation($0, start: record.start, end: record.end)
        }
        if record.tag == .entry {
          state.openEntry = line
          state.openEntryValueIsEmpty = record.valueStart == record.valueEnd
          state.openEntryKey = record.name
        }
        return state
      }
      line -= 1
    }
    return state
  }

  // MARK: - Strings on demand

  /// The text of `storage[range]`.
  func string(_ range: Range<Int>) -> String {
    storage.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
    }
  }

  /// The text of line `index` (0-based), without its terminator.
  func text(at index: Int) -> String {
    let record = records[index]
    return string(record.start..<record.end)
  }

  /// What botocore makes of line `index`.
  func kind(at index: Int) -> ConfigLine.Kind {
    let record = records[index]
    switch record.tag {
    case .blank: return .blank
    case .comment: return .comment
    case .sectionHeader: return .sectionHeader(string(record.name))
    case .entry: return .entry(key: string(record.name), value: string(record.value))
    case .continuation: return .continuation(string(record.name))
    }
  }

  /// Line `index` as a `ConfigLine`.
  func line(at index: Int) -> ConfigLine {
    ConfigLine(text: text(at: index), terminator: records[index].terminator, kind: kind(at: index))
  }

  /// Whether line `index` here has the same text as line `otherIndex` of `other`.
  func lineBytesEqual(_ index: Int, _ other: ConfigDocument, _ otherIndex: Int) -> Bool {
    storage.withUnsafeBufferPointer { mine in
      other.storage.withUnsafeBufferPointer { theirs in
        Self.sameText(records[index], mine, other.records[otherIndex], theirs)
      }
    }
  }

  /// Whether two lines (each with the buffer it points into) have the same text.
  @inline(__always)
  static func sameText(
    _ left: LineRecord, _ leftBytes: UnsafeBufferPointer<UInt8>, _ right: LineRecord,
    _ rightBytes: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    guard left.length == right.length else { return false }
    guard left.length > 0 else { return true }
    guard let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress else {
      return false
    }
    return memcmp(leftBase + left.start, rightBase + right.start, Int(left.length)) == 0
  }

  /// Whether the text of line `index` is exactly `text`.
  func lineText(_ index: Int, equals text: String) -> Bool {
    let record = records[index]
    return storage.withUnsafeBufferPointer {
      $0[record.start..<record.end].elementsEqual(text.utf8)
    }
  }
}

extension ConfigLine.Terminator {
  /// How many bytes the terminator has.
  var byteCount: Int {
    switch self {
    case .lf, .cr: return 1
    case .crlf: return 2
    case .none: return 0
    }
  }
}
