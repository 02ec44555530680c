extension ConfigSectionName {
  /// The case of a `ConfigSectionName`, without its name.
  enum HeaderKind: Sendable, Equatable {
    case profile, ssoSession, services, other
  }

  /// What `init(header:flavor:)` makes of a header, read from its UTF-8 bytes.
  enum HeaderReading: Equatable {
    /// The section kind and where its name is.
    case name(HeaderKind, Range<Int>)
    /// botocore ignores the section (`init` returns `nil`).
    case ignored
    /// The header has quotes or backslashes: only `ShellWords.split` can read it.
    case needsShellWords
  }

  /// The kind `read(header:_:flavor:)` gives `bytes[range]` (when it gives a name at all),
  /// found from the header's first bytes.
  static func kind(
    ofHeader bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, flavor: ConfigDocument.Flavor
  ) -> HeaderKind {
    if matches(bytes, range, "DEFAULT", wholly: true) { return .other }
    if flavor == .credentials { return .profile }
    if matches(bytes, range, "profile", wholly: false) { return .profile }
    if matches(bytes, range, "sso-session", wholly: false) { return .ssoSession }
    if matches(bytes, range, "services", wholly: false) { return .services }
    if matches(bytes, range, "default", wholly: true) { return .profile }
    return .other
  }

  /// Reads the header `bytes[range]` exactly as `init(header:flavor:)` does, without
  /// building strings. Words are split at the blanks `ShellWords` uses (space, tab, CR, LF),
  /// which are single bytes that never occur inside a multi-byte UTF-8 scalar.
  static func read(
    header bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, flavor: ConfigDocument.Flavor
  ) -> HeaderReading {
    let kind = kind(ofHeader: bytes, range, flavor: flavor)
    switch kind {
    case .other: return .name(.other, range)
    case .profile where flavor == .credentials || matches(bytes, range, "default", wholly: true):
      return .name(.profile, range)
    default: break
    }
    // `profile …`, `sso-session …` or `services …`: the name is the second of exactly two
    // words.
    var words = 0
    var second = range.lowerBound..<range.lowerBound
    var index = range.lowerBound
    let end = range.upperBound
    while index < end {
      let byte = bytes[index]
      guard isBlankOrSpecial(byte) else {
        // A word: up to the next blank.
        let wordStart = index
        index += 1
        while index < end, !isBlankOrSpecial(bytes[index]) { index += 1 }
        words += 1
        if words == 2 { second = wordStart..<index }
        continue
      }
      if !ShellWords.isBlank(byte) { return .needsShellWords }
      index += 1
    }
    return words == 2 ? .name(kind, second) : .ignored
  }

  /// Whether `byte` is a `ShellWords` blank (space, tab, CR, LF), a quote or a backslash.
  @inline(__always)
  private static func isBlankOrSpecial(_ byte: UInt8) -> Bool {
    // Bits 9, 10, 13, 32, 34 and 39: tab, LF, CR, space, double and single quote.
    let mask: UInt64 = 0x0000_0085_0000_2600
    return byte < 64 ? (mask >> UInt64(byte)) & 1 != 0 : byte == 0x5C
  }

  /// Whether `bytes[range]` starts with (or, `wholly`, is) the ASCII text `literal`.
  @inline(__always)
  static func matches(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ literal: StaticString,
    wholly: Bool
  ) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard wholly ? range.count == count : range.count >= count else { return false }
    var offset = 0
    while offset < count {
      if bytes[range.lowerBound + offset] != literal.utf8Start[offset] { return false }
      offset += 1
    }
    return true
  }
}
