/// Raw DEFLATE decompression (RFC 1951: stored, fixed-Huffman and dynamic-Huffman blocks), for
/// the SAML HTTP-Redirect binding's `SAMLRequest`. The fake has its own, written from the RFC
/// (the approach of zlib's `puff.c`), so it judges ssopick's encoder instead of agreeing with
/// it, and it reads what any other client sends (zlib's dynamic blocks included). Foundation
/// on Linux has no inflater, and linking zlib would load it into every ssopick process.
enum RawInflate {
  /// Why the input is not valid DEFLATE data.
  struct Failure: Error, Equatable {
    var reason: String
  }

  /// The decompressed bytes; at most `limit` of them (a request is small; a "zip bomb" is
  /// refused).
  static func decompress(_ input: [UInt8], limit: Int = 1 << 20) throws(Failure) -> [UInt8] {
    var state = State(input: input, limit: limit)
    var last = false
    while !last {
      last = try state.bits(1) == 1
      switch try state.bits(2) {
      case 0: try state.stored()
      case 1: try state.codes(literals: Self.fixedLiterals, distances: Self.fixedDistances)
      case 2:
        let (literals, distances) = try state.dynamicTables()
        try state.codes(literals: literals, distances: distances)
      default: throw Failure(reason: "a block of the reserved type 3")
      }
    }
    return state.output
  }

  /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
  struct Huffman {
    var counts: [Int]
    var symbols: [Int]

    init(counts: [Int], symbols: [Int]) {
      self.counts = counts
      self.symbols = symbols
    }

    /// The code for `lengths` (0 = symbol unused); `nil` when the lengths over-subscribe.
    init?(lengths: [Int]) {
      counts = [Int](repeating: 0, count: 16)
      for length in lengths { counts[length] += 1 }
      var left = 1
      for length in 1..<16 {
        left <<= 1
        left -= counts[length]
        if left < 0 { return nil }
      }
      var offsets = [Int](repeating: 0, count: 16)
      for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
      symbols = [Int](repeating: 0, count: lengths.count)
      for (symbol, length) in lengths.enumerated() where length != 0 {
        symbols[offsets[length]] = symbol
        offsets[length] += 1
      }
    }
  }

  static let fixedLiterals: Huffman = {
    var lengths = [Int](repeating: 8, count: 288)
    for symbol in 144..<256 { lengths[symbol] = 9 }
    for symbol in 256..<280 { lengths[symbol] = 7 }
    return Huffman(lengths: lengths) ?? Huffman(counts: [Int](repeating: 0, count: 16), symbols: [])
  }()

  static let fixedDistances: Huffman =
    Huffman(lengths: [Int](repeating: 5, count: 30))
    ?? Huffman(counts: [Int](repeating: 0, count: 16), symbols: [])

  static let lengthBases = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
  ]
  static let lengthExtra = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distanceBases = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]
  /// The order code-length code lengths are sent in (RFC 1951 §3.2.7).
  static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  struct State {
    let input: [UInt8]
    let limit: Int
    var position = 0
    var bitBuffer = 0
    var bitCount = 0
    var output: [UInt8] = []

    init(input: [UInt8], limit: Int) {
      self.input = input
      self.limit = limit
    }

    mutating func bits(_ count: Int) throws(Failure) -> Int {
      while bitCount < count {
        guard position < input.count else { throw Failure(reason: "the data ends early") }
        bitBuffer |= Int(input[position]) << bitCount
        position += 1
        bitCount += 8
      }
      let value = bitBuffer & ((1 << count) - 1)
      bitBuffer >>= count
      bitCount -= count
      return value
    }

    mutating func append(_ byte: UInt8) throws(Failure) {
      guard output.count < limit else {
        throw Failure(reason: "it inflates to more than \(limit) bytes")
      }
      output.append(byte)
    }

    mutating func stored() throws(Failure) {
      bitBuffer = 0
      bitCount = 0
      guard position + 4 <= input.count else { throw Failure(reason: "the data ends early") }
      let length = Int(input[position]) | Int(input[position + 1]) << 8
      let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
      position += 4
      guard length == ~complement & 0xFFFF else {
        throw Failure(reason: "a stored block's length does not match its complement")
      }
      guard position + length <= input.count else { throw Failure(reason: "the data ends early") }
      for byte in input[position..<position + length] { try append(byte) }
      position += length
    }

    /// One symbol of `code`, read bit by bit (codes are sent most significant bit first).
    mutating func decode(_ code: Huffman) throws(Failure) -> Int {
      var value = 0
      var first = 0
      var index = 0
      for length in 1..<16 {
        value |= try bits(1)
        let count = code.counts[length]
        if value - count < first { return code.symbols[index + (value - first)] }
        index += count
        first += count
        first <<= 1
        value <<= 1
      }
      throw Failure(reason: "a code that the block's Huffman table does not have")
    }

    mutating func codes(literals: Huffman, distances: Huffman) throws(Failure) {
      while true {
        let symbol = try decode(literals)
        if symbol < 256 {
          try append(UInt8(symbol))
        } else if symbol == 256 {
          return
        } else {
          let index = symbol - 257
          guard index < RawInflate.lengthBases.count else {
            throw Failure(reason: "an invalid length code")
          }
          let length = RawInflate.lengthBases[index] + (try bits(RawInflate.lengthExtra[index]))
          let code = try decode(distances)
          guard code < RawInflate.distanceBases.count else {
            throw Failure(reason: "an invalid distance code")
          }
          let distance = RawInflate.distanceBases[code] + (try bits(RawInflate.distanceExtra[code]))
          guard distance <= output.count else {
            throw Failure(reason: "a distance before the start of the data")
          }
          for _ in 0..<length { try append(output[output.count - distance]) }
        }
      }
    }

    mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
      let literalCount = try bits(5) + 257
      let distanceCount = try bits(5) + 1
      let codeLengthCount = try bits(4) + 4
      guard literalCount <= 286, distanceCount <= 30 else {
        throw Failure(reason: "too many codes in a dynamic block")
      }
      var codeLengths = [Int](repeating: 0, count: 19)
      for index in 0..<codeLengthCount {
        codeLengths[RawInflate.codeLengthOrder[index]] = try bits(3)
      }
      guard let lengthCode = Huffman(lengths: codeLengths) else {
        throw Failure(reason: "an over-subscribed code-length code")
      }
      var lengths: [Int] = []
      while lengths.count < literalCount + distanceCount {
        let symbol = try decode(lengthCode)
        switch symbol {
        case 0..<16:
          lengths.append(symbol)
        case 16:
          guard let previous = lengths.last else {
            throw Failure(reason: "a repeat with no previous length")
          }
          lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
        case 17:
          lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
        default:
          lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
        }
      }
      guard lengths.count == literalCount + distanceCount else {
        throw Failure(reason: "code lengths run past the table")
      }
      guard lengths[256] != 0 else { throw Failure(reason: "no end-of-block code") }
      guard let literals = Huffman(lengths: Array(lengths[0..<literalCount])),
        let distances = Huffman(lengths: Array(lengths[literalCount...]))
      else {
        throw Failure(reason: "an over-subscribed Huffman code")
      }
      return (literals, distances)
    }
  }
}
