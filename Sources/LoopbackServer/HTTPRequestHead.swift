/// A request line and header section (RFC 9112 §2–§5), parsed from the bytes up to and
/// including the empty line. Field names keep their spelling (`x-amz-sso_bearer_token` stays
/// as sent, underscores included) and are matched case-insensitively; the request target is
/// kept exactly as sent, so a handler parses its query itself.
struct HTTPRequestHead: Equatable {
  /// One header field line.
  struct Field: Equatable {
    /// The name as sent.
    var name: String
    /// The value without surrounding spaces and tabs.
    var value: String
  }

  /// How the body is delimited (RFC 9112 §6.3).
  enum BodyFraming: Equatable {
    /// No body.
    case none
    /// Exactly this many bytes.
    case length(Int)
    /// Chunked transfer coding.
    case chunked
  }

  /// The method as sent (`GET`).
  var method: String
  /// The request target as sent (`/assignment/roles?account_id=1`).
  var target: String
  /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  var minorVersion: Int
  /// The fields in the order sent.
  var fields: [Field]

  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// The index just past the empty line that ends the header section in `bytes`, searching
  /// from `start`; `nil` while it has not arrived. Lines may end in CRLF or a bare LF.
  static func end(in bytes: [UInt8], from start: Int) -> Int? {
    var index = min(max(0, start), bytes.count)
    while let lineEnd = bytes[index...].firstIndex(of: lineFeed) {
      let next = lineEnd + 1
      if next < bytes.count, bytes[next] == lineFeed { return next + 1 }
      if next + 1 < bytes.count, bytes[next] == carriageReturn, bytes[next + 1] == lineFeed {
        return next + 2
      }
      index = next
    }
    return nil
  }

  /// Parses a complete header section (request line first, leading empty lines already
  /// skipped, ending with the empty line).
  static func parse(_ bytes: ArraySlice<UInt8>, limits: HTTPServer.Configuration)
    throws(HTTPRequestError) -> HTTPRequestHead
  {
    guard bytes.count <= limits.maxHeaderBytes else {
      throw .headersTooLarge(limit: limits.maxHeaderBytes)
    }
    var lines: [ArraySlice<UInt8>] = []
    for var line in bytes.split(separator: lineFeed, omittingEmptySubsequences: false) {
      if line.last == carriageReturn { line = line.dropLast() }
      guard !line.contains(carriageReturn), !line.contains(0) else {
        throw .malformed("a bare CR or a NUL byte in the header section")
      }
      lines.append(line)
    }
    // The section ends with an empty line; split leaves one more empty piece after it.
    while lines.last?.isEmpty == true { lines.removeLast() }
    guard let requestLine = lines.first else { throw .malformed("no request line") }
    guard requestLine.count <= limits.maxRequestLineBytes else {
      throw .requestLineTooLong(limit: limits.maxRequestLineBytes)
    }
    guard lines.count - 1 <= limits.maxHeaderCount else {
      throw .headersTooLarge(limit: limits.maxHeaderBytes)
    }
    var head = try parseRequestLine(requestLine)
    for line in lines.dropFirst() {
      head.fields.append(try parseField(line))
    }
    return head
  }

  private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPRequestError)
    -> HTTPRequestHead
  {
    let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
    guard parts.count == 3, let method = parts.first, let target = parts.dropFirst().first,
      let version = parts.last
    else {
      throw .malformed("the request line must be METHOD SP TARGET SP HTTP-VERSION")
    }
    guard !method.isEmpty, method.allSatisfy(isTokenByte) else {
      throw .malformed("the method is not a token")
    }
    guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
      throw .malformed("the request target is empty or has control characters")
    }
    let versionText = String(decoding: version, as: UTF8.self)
    let digits = Array(version.dropFirst(5))
    guard versionText.hasPrefix("HTTP/"), digits.count == 3, digits[1] == UInt8(ascii: "."),
      isDigit(digits[0]), isDigit(digits[2])
    else {
      throw .malformed("the request line does not end in HTTP/1.1 or HTTP/1.0")
    }
    guard digits[0] == UInt8(ascii: "1"), digits[2] <= UInt8(ascii: "1") else {
      throw .unsupportedVersion(versionText)
    }
    return HTTPRequestHead(
      method: String(decoding: method, as: UTF8.self),
      target: String(decoding: target, as: UTF8.self),
      minorVersion: Int(digits[2] - UInt8(ascii: "0")), fields: [])
  }

  private static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> Field {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
      if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
        throw .malformed("folded header lines (obs-fold) are not accepted")
      }
      throw .malformed("a header line has no colon")
    }
    let name = line[..<colon]
    guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
      throw .malformed("a header name is empty or has spaces or separators")
    }
    var value = line[(colon + 1)...]
    while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
    while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
    return Field(
      name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
  }

  // MARK: Reading the fields

  /// Every value of field `name` (case-insensitive), in order.
  func values(of name: String) -> [String] {
    let wanted = name.lowercased()
    return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
  }

  /// The comma-separated elements of every `name` field, trimmed and lower-cased.
  func tokens(of name: String) -> [String] {
    values(of: name).flatMap { $0.split(separator: ",") }
      .map { $0.trimmingSpacesAndTabs().lowercased() }
      .filter { !$0.isEmpty }
  }

  /// Whether the connection ends after this request: HTTP/1.0, or `Connection: close`.
  var closesConnection: Bool {
    minorVersion == 0 || tokens(of: "Connection").contains("close")
  }

  /// Whether the client waits for `100 Continue` before it sends the body.
  var expectsContinue: Bool {
    minorVersion >= 1 && tokens(of: "Expect").contains("100-continue")
  }

  /// Whether the request has both `Transfer-Encoding` and `Content-Length`: the body is
  /// read as chunked, and the connection is closed afterwards (RFC 9112 §6.3, item 3: such
  /// a request may be an attempt at request smuggling).
  var hasConflictingFraming: Bool {
    !values(of: "Transfer-Encoding").isEmpty && !values(of: "Content-Length").isEmpty
  }

  /// How the body is delimited; throws for a body that is too large or cannot be framed.
  func bodyFraming(maxBodyBytes: Int) throws(HTTPRequestError) -> BodyFraming {
    let codings = tokens(of: "Transfer-Encoding")
    if !values(of: "Transfer-Encoding").isEmpty {
      guard codings.last == "chunked", !codings.dropLast().contains("chunked") else {
        throw .malformed("Transfer-Encoding must end in chunked, once")
      }
      guard codings.count == 1 else {
        throw .unsupportedTransferCoding(codings.joined(separator: ", "))
      }
      return .chunked
    }
    let lengths = values(of: "Content-Length").flatMap { $0.split(separator: ",") }
      .map { $0.trimmingSpacesAndTabs() }
    guard let first = lengths.first else { return .none }
    guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18,
      first.utf8.allSatisfy(Self.isDigit), let length = Int(first)
    else {
      throw .malformed("Content-Length is not one decimal number")
    }
    guard length <= maxBodyBytes else { throw .bodyTooLarge(limit: maxBodyBytes) }
    return length == 0 ? .none : .length(length)
  }

  /// The target in origin form: `/path?query` as sent. An absolute-form target
  /// (`http://host/path?query`, as sent to proxies) loses its scheme and authority.
  func originFormTarget() throws(HTTPRequestError) -> String {
    if target.hasPrefix("/") || target == "*" { return target }
    let lower = target.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
      let schemeEnd = target.firstRange(of: "://")
    else {
      throw .malformed("the request target must be a path starting with /")
    }
    let rest = target[schemeEnd.upperBound...]
    guard let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
    let pathAndQuery = String(rest[pathStart...])
    return pathAndQuery.hasPrefix("?") ? "/" + pathAndQuery : pathAndQuery
  }

  // MARK: Byte classes

  /// RFC 9110 `tchar`.
  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
