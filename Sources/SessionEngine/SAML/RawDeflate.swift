/// Raw DEFLATE (RFC 1951, no zlib header or checksum), the compression of SAML's HTTP-Redirect
/// binding (SAML bindings §3.4.4.1).
///
/// One final block with the fixed Huffman codes (RFC 1951 §3.2.6) and greedy LZ77 matching
/// over a 32 KiB window: every inflater reads it, it needs no code tables in the output, and
/// it makes an AuthnRequest about half as long as it is — the URL ssopick prints stays short.
/// A dynamic-Huffman encoder would save a few more bytes for a lot more code (DECISIONS.md).
public enum RawDeflate {
  /// `bytes` compressed.
  public static func compress(_ bytes: some Collection<UInt8>) -> [UInt8] {
    let input = Array(bytes)
    var writer = BitWriter()
    writer.write(1, count: 1)  // BFINAL: the only block
    writer.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
    var matcher = Matcher(input: input)
    var index = 0
    while index < input.count {
      if let match = matcher.longestMatch(at: index) {
        writer.writeLength(match.length)
        writer.writeDistance(match.distance)
        for position in index..<index + match.length { matcher.insert(position) }
        index += match.length
      } else {
        writer.writeLiteral(Int(input[index]))
        matcher.insert(index)
        index += 1
      }
    }
    writer.writeLiteral(256)  // end of block
    return writer.finish()
  }

  // MARK: Matching

  /// Hash chains over three-byte prefixes (the classic zlib structure, greedy only).
  private struct Matcher {
    static let window = 32_768
    static let minimumLength = 3
    static let maximumLength = 258
    /// How many earlier positions with the same hash are tried.
    static let chainLimit = 128
    static let hashSize = 1 << 12

    let input: [UInt8]
    var head: [Int]
    var previous: [Int]

    init(input: [UInt8]) {
      self.input = input
      head = [Int](repeating: -1, count: Self.hashSize)
      previous = [Int](repeating: -1, count: input.count)
    }

    func hash(_ position: Int) -> Int {
      let value =
        Int(input[position]) << 8 ^ Int(input[position + 1]) << 4 ^ Int(input[position + 2])
      return value & (Self.hashSize - 1)
    }

    mutating func insert(_ position: Int) {
      guard position + Self.minimumLength <= input.count else { return }
      let key = hash(position)
      previous[position] = head[key]
      head[key] = position
    }

    func longestMatch(at position: Int) -> (length: Int, distance: Int)? {
      guard position + Self.minimumLength <= input.count else { return nil }
      let limit = min(Self.maximumLength, input.count - position)
      var candidate = head[hash(position)]
      var best: (length: Int, distance: Int)?
      var tries = 0
      while candidate >= 0, position - candidate <= Self.window, tries < Self.chainLimit {
        var length = 0
        while length < limit, input[candidate + length] == input[position + length] {
          length += 1
        }
        if length >= Self.minimumLength, length > (best?.length ?? 0) {
          best = (length, position - candidate)
          if length == limit { break }
        }
        candidate = previous[candidate]
        tries += 1
      }
      return best
    }
  }

  // MARK: Bits

  /// Packs bits least-significant first, as DEFLATE does; Huffman codes go in most-significant
  /// bit first (RFC 1951 §3.1.1).
  private struct BitWriter {
    var output: [UInt8] = []
    var buffer: UInt64 = 0
    var used = 0

    mutating func write(_ value: Int, count: Int) {
      buffer |= UInt64(value) << UInt64(used)
      used += count
      while used >= 8 {
        output.append(UInt8(truncatingIfNeeded: buffer))
        buffer >>= 8
        used -= 8
      }
    }

    mutating func writeCode(_ code: Int, length: Int) {
      var reversed = 0
      for bit in 0..<length where code & (1 << bit) != 0 {
        reversed |= 1 << (length - 1 - bit)
      }
      write(reversed, count: length)
    }

    /// A literal byte (0–255), the end of the block (256) or a length code (257–285) in the
    /// fixed code.
    mutating func writeLiteral(_ symbol: Int) {
      switch symbol {
      case 0...143: writeCode(0x30 + symbol, length: 8)
      case 144...255: writeCode(0x190 + symbol - 144, length: 9)
      case 256...279: writeCode(symbol - 256, length: 7)
      default: writeCode(0xC0 + symbol - 280, length: 8)
      }
    }

    static let lengthBases = [
      3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
      131, 163, 195, 227, 258,
    ]
    static let lengthExtraBits = [
      0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBases = [
      1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
      2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtraBits = [
      0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
      13, 13,
    ]

    mutating func writeLength(_ length: Int) {
      var code = Self.lengthBases.count - 1
      while Self.lengthBases[code] > length { code -= 1 }
      writeLiteral(257 + code)
      write(length - Self.lengthBases[code], count: Self.lengthExtraBits[code])
    }

    mutating func writeDistance(_ distance: Int) {
      var code = Self.distanceBases.count - 1
      while Self.distanceBases[code] > distance { code -= 1 }
      writeCode(code, length: 5)
      write(distance - Self.distanceBases[code], count: Self.distanceExtraBits[code])
    }

    mutating func finish() -> [UInt8] {
      if used > 0 { output.append(UInt8(truncatingIfNeeded: buffer)) }
      buffer = 0
      used = 0
      return output
    }
  }
}
