/// Parses a raw query string.
///
/// `URLComponents` drops the whole query when the target is not a strictly valid URL, so the
/// fake parses the raw text (the server keeps the request target as sent) itself and controls
/// one detail that matters: AWS SDKs percent-encode per RFC 3986 (space is `%20`), so a literal `+`
/// is a plus sign — except for the sign-in federation endpoint, which, like a form decoder,
/// accepts `+` as space (spec §11.1).
struct QueryString: Sendable {
  /// The items in the order sent. Names and values are decoded.
  var items: [(name: String, value: String)]

  init(raw: String, plusIsSpace: Bool = false) {
    var result: [(String, String)] = []
    for piece in raw.split(separator: "&", omittingEmptySubsequences: true) {
      let pair = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = QueryString.decode(pair[0], plusIsSpace: plusIsSpace)
      let value = pair.count > 1 ? QueryString.decode(pair[1], plusIsSpace: plusIsSpace) : ""
      result.append((name, value))
    }
    items = result
  }

  /// The first value of `name`.
  subscript(_ name: String) -> String? {
    items.first { $0.name == name }?.value
  }

  /// Every name, in order (for the request log: names only, never values).
  var names: [String] { items.map(\.name) }

  /// Percent-decodes `text`. Malformed escapes are kept literally rather than rejected.
  static func decode(_ text: Substring, plusIsSpace: Bool) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let high = hexValue(utf8[utf8.startIndex]),
        let low = hexValue(utf8[utf8.startIndex + 1])
      {
        bytes.append(high << 4 | low)
        utf8 = utf8.dropFirst(2)
      } else if byte == UInt8(ascii: "+"), plusIsSpace {
        bytes.append(UInt8(ascii: " "))
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// Percent-encodes `text` with the RFC 3986 unreserved set left as is (how botocore encodes).
  static func encode(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        result.append(Character(Unicode.Scalar(byte)))
      default:
        let hex = Array("0123456789ABCDEF")
        result.append("%")
        result.append(hex[Int(byte >> 4)])
        result.append(hex[Int(byte & 0x0F)])
      }
    }
    return result
  }
}
