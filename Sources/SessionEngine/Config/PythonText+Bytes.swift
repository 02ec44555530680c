/// The rules of `PythonText` applied to UTF-8 bytes in place, so a line is read without
/// building a `String`. Every function expects well-formed UTF-8 (the parser checks each
/// line before reading it) and works on `bytes[start..<end]`.
extension PythonText {
  /// The length in bytes of the whitespace scalar (`isSpace`) that starts at `index`, or 0.
  @inline(__always)
  static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int {
    let byte = bytes[index]
    if byte < 0x80 { return (0x09...0x0D).contains(byte) || (0x1C...0x20).contains(byte) ? 1 : 0 }
    return multiByteSpaceLength(bytes, at: index, end: end)
  }

  /// `spaceLength` for a scalar of two or three bytes: U+0085, U+00A0, U+1680, U+2000–U+200A,
  /// U+2028, U+2029, U+202F, U+205F, U+3000.
  private static func multiByteSpaceLength(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int
  ) -> Int {
    let byte = bytes[index]
    if byte == 0xC2 {
      guard index + 1 < end else { return 0 }
      let second = bytes[index + 1]
      return second == 0x85 || second == 0xA0 ? 2 : 0
    }
    guard index + 2 < end else { return 0 }
    return isThreeByteSpace(byte, bytes[index + 1], bytes[index + 2]) ? 3 : 0
  }

  @inline(__always)
  private static func isThreeByteSpace(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
    switch (first, second) {
    case (0xE1, 0x9A): return third == 0x80
    case (0xE2, 0x80):
      return (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF
    case (0xE2, 0x81): return third == 0x9F
    case (0xE3, 0x80): return third == 0x80
    default: return false
    }
  }

  /// The length in bytes of the whitespace scalar that ends just before `end`, or 0.
  @inline(__always)
  static func trailingSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int)
    -> Int
  {
    let last = bytes[end - 1]
    if last < 0x80 { return (0x09...0x0D).contains(last) || (0x1C...0x20).contains(last) ? 1 : 0 }
    if end - 3 >= start, isThreeByteSpace(bytes[end - 3], bytes[end - 2], last) { return 3 }
    if end - 2 >= start, bytes[end - 2] == 0xC2, last == 0x85 || last == 0xA0 { return 2 }
    return 0
  }

  /// The index of the first byte after the leading whitespace of `bytes[start..<end]`, and the
  /// number of whitespace scalars skipped (Python's indentation of the line).
  @inline(__always)
  static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> (index: Int, scalars: Int)
  {
    var index = start
    var scalars = 0
    while index < end {
      let length = spaceLength(bytes, at: index, end: end)
      if length == 0 { break }
      index += length
      scalars += 1
    }
    return (index, scalars)
  }

  /// The end of `bytes[start..<end]` without its trailing whitespace (`rstrip`).
  @inline(__always)
  static func trimTrailingSpaces(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int)
    -> Int
  {
    var end = end
    while end > start {
      let length = trailingSpaceLength(bytes, start: start, end: end)
      if length == 0 { break }
      end -= length
    }
    return end
  }

  /// The number of leading whitespace scalars of `bytes[start..<end]` (`indentation`).
  static func indentation(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int {
    skipSpaces(bytes, from: start, to: end).scalars
  }
}
