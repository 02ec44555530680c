/// Percent-encoding as botocore does it for query strings (spec §2): the RFC 3986
/// unreserved set `A-Z a-z 0-9 - . _ ~` stays as is, every other UTF-8 byte becomes `%XX`
/// (space is `%20`, never `+`). Pagination tokens contain `+`, `/` and `=`, so this matters.
public enum PercentEncoding {
  /// `text` with every byte outside the unreserved set percent-encoded.
  public static func encode(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      if isUnreserved(byte) {
        output.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        output += "%"
        output.unicodeScalars.append(hexDigit(byte >> 4))
        output.unicodeScalars.append(hexDigit(byte & 0x0F))
      }
    }
    return output
  }

  /// `name=value` pairs, each side encoded, joined with `&`, in the given order.
  public static func query(_ items: [(String, String)]) -> String {
    items.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
  }

  /// Decodes `%XX` sequences (and nothing else: `+` stays `+`). Returns `nil` for a
  /// malformed escape or bytes that are not UTF-8.
  public static func decode(_ text: String) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = iterator.next().flatMap(hexValue),
        let low = iterator.next().flatMap(hexValue)
      else { return nil }
      bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }

  private static func hexDigit(_ value: UInt8) -> Unicode.Scalar {
    Unicode.Scalar(value < 10 ? 48 + value : 55 + value)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - 48
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - 55
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - 87
    default: return nil
    }
  }
}
