public import Foundation

/// An assertion the user gives ssopick (spec §12.4 B: `--assertion-file F`, `-` for standard
/// input): the `SAMLResponse` form value in base64 (wrapped or not, percent-encoded or not),
/// the whole form body (`SAMLResponse=…&RelayState=…`, as devtools shows a POST), or the
/// decoded XML.
public struct SAMLAssertionInput: Sendable, Equatable, CustomStringConvertible {
  /// The base64 `SAMLResponse` (secret): what ``SAMLResponse/parse(encoded:)`` reads and STS
  /// gets.
  public var encoded: String
  /// The `RelayState` of a pasted form body, when it had one.
  public var relayState: String?

  /// Creates a value.
  public init(encoded: String, relayState: String? = nil) {
    self.encoded = encoded
    self.relayState = relayState
  }

  /// The largest input read (STS takes at most 100,000 characters of assertion; a form body
  /// or the XML is somewhat longer).
  public static let maximumBytes = 1 << 20

  /// Reads `text` in any of the three forms.
  ///
  /// - Throws: ``SAMLError/unreadableInput(reason:)`` for anything else (the message says what
  ///   was seen, never the text).
  public static func parse(_ text: String) throws(SAMLError) -> SAMLAssertionInput {
    guard text.utf8.count <= maximumBytes else {
      throw .unreadableInput(reason: "it is larger than \(maximumBytes / 1024) KiB")
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw .unreadableInput(reason: "it is empty") }
    if trimmed.hasPrefix("<") || trimmed.hasPrefix("\u{FEFF}<") {
      // The decoded XML: sent as given (STS checks the signature over these bytes).
      return SAMLAssertionInput(encoded: Data(trimmed.utf8).base64EncodedString())
    }
    if trimmed.contains("SAMLResponse=") {
      var response: String?
      var relayState: String?
      for pair in trimmed.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { continue }
        let name = formDecode(parts[0]).trimmingCharacters(in: .whitespacesAndNewlines)
        // Base64 has no spaces, so a `+` in SAMLResponse is a `+` (a decoded copy), never an
        // encoded space.
        if name == "SAMLResponse", response == nil {
          response = PercentEncoding.decode(String(parts[1])) ?? String(parts[1])
        }
        if name == "RelayState", relayState == nil { relayState = formDecode(parts[1]) }
      }
      guard let response, let encoded = normalizedBase64(response) else {
        throw .unreadableInput(reason: "the form body's SAMLResponse is not base64")
      }
      return SAMLAssertionInput(encoded: encoded, relayState: relayState)
    }
    var candidate = trimmed
    if candidate.contains("%"), let decoded = PercentEncoding.decode(candidate) {
      candidate = decoded
    }
    guard let encoded = normalizedBase64(candidate) else {
      throw .unreadableInput(
        reason: "it is neither base64 nor a form body with SAMLResponse nor XML")
    }
    return SAMLAssertionInput(encoded: encoded)
  }

  /// Reads `data` (a file's or standard input's bytes), which must be UTF-8.
  public static func parse(_ data: Data) throws(SAMLError) -> SAMLAssertionInput {
    guard data.count <= maximumBytes else {
      throw .unreadableInput(reason: "it is larger than \(maximumBytes / 1024) KiB")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadableInput(reason: "it is not UTF-8 text")
    }
    return try parse(text)
  }

  /// `value` with white space removed, when the rest is standard base64 of something that
  /// starts like XML (`<`, after white space or a byte order mark).
  static func normalizedBase64(_ value: String) -> String? {
    let compact = String(
      value.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) })
    guard let bytes = decodeBase64(compact) else { return nil }
    let start = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard start.first == UInt8(ascii: "<") || start.starts(with: [0xEF, 0xBB, 0xBF]) else {
      return nil
    }
    return compact
  }

  /// The bytes of standard base64 `text` (white space ignored, padding optional), or `nil`.
  static func decodeBase64(_ text: String) -> [UInt8]? {
    var compact = ""
    compact.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"),
        UInt8(ascii: "="):
        compact.unicodeScalars.append(Unicode.Scalar(byte))
      case 0x20, 0x09, 0x0A, 0x0D:
        continue
      default:
        return nil
      }
    }
    guard !compact.isEmpty else { return nil }
    var body = Substring(compact)
    while body.last == "=" { body = body.dropLast() }
    guard !body.contains("="), compact.count - body.count <= 2 else { return nil }
    let padded = body + String(repeating: "=", count: (4 - body.count % 4) % 4)
    guard let data = Data(base64Encoded: String(padded)) else { return nil }
    return [UInt8](data)
  }

  /// A form value decoded: `+` is a space, `%XX` a byte.
  static func formDecode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return PercentEncoding.decode(spaced) ?? spaced
  }

  /// `SAMLAssertionInput(N characters)`: never the assertion.
  public var description: String { "SAMLAssertionInput(\(encoded.count) characters)" }
}
