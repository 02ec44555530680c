import CSSOPickLibc
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A stand-in for the user's browser in the SAML sign-in (tests and `ssopick demo`): it opens
/// the sign-in URL, and — as a browser runs Entra's auto-submitting form — posts the form's
/// `SAMLResponse` and `RelayState` to its `action`, the loopback ACS. Plain HTTP/1.1 to
/// loopback addresses only (`127.0.0.1`, `localhost`, `[::1]`), one request per connection,
/// on a thread of its own so it never blocks the concurrency pool.
///
/// ```swift
/// let outcome = try await FakeSAMLBrowser().open(signInURL)
/// // .posted(status: 200, page: "…return to the terminal…") or .idpError(code: "AADSTS50011", …)
/// ```
public struct FakeSAMLBrowser: Sendable {
  /// What the browser ended on.
  public enum Outcome: Sendable, Equatable {
    /// The IdP's form was posted to the ACS, which answered `status` with `page`.
    case posted(status: Int, page: String)
    /// The IdP showed an error page: the AADSTS code and its message.
    case idpError(code: String, message: String)
  }

  /// Why the stand-in could not go on (a URL that is not loopback HTTP, no answer, a page
  /// that is neither a form nor an error page).
  public struct Failure: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
  }

  /// The fields of the last form posted (for tests that tamper with them).
  public typealias FormRewriter =
    @Sendable ([(name: String, value: String)]) -> [(
      name: String, value: String
    )]

  private let rewrite: FormRewriter?

  /// A browser; `rewrite`, when given, changes the form's fields before they are posted.
  public init(rewrite: FormRewriter? = nil) {
    self.rewrite = rewrite
  }

  /// Opens `url` and follows the IdP's form to its action.
  public func open(_ url: String) async throws -> Outcome {
    let rewrite = rewrite
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(with: Result { try Self.run(url, rewrite: rewrite) })
      }
    }
  }

  /// Posts `fields` to `url` as a browser posts a form (`application/x-www-form-urlencoded`)
  /// and returns the answer's status and page: for tests that play the IdP's form.
  public func post(_ url: String, fields: [(name: String, value: String)]) async throws -> (
    status: Int, page: String
  ) {
    let body = fields.map { Self.formEncode($0.name) + "=" + Self.formEncode($0.value) }.joined(
      separator: "&")
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            let answer = try LoopbackClient.send(method: "POST", url: url, body: Array(body.utf8))
            return (answer.status, String(decoding: answer.body, as: UTF8.self))
          })
      }
    }
  }

  private static func run(_ url: String, rewrite: FormRewriter?) throws -> Outcome {
    let page = try LoopbackClient.send(method: "GET", url: url, body: nil)
    let html = String(decoding: page.body, as: UTF8.self)
    if let code = attribute("data-error-code", in: html) {
      let message =
        html.range(of: "<p id=\"message\">").flatMap { start in
          html[start.upperBound...].range(of: "</p>").map {
            unescapeHTML(String(html[start.upperBound..<$0.lowerBound]))
          }
        } ?? ""
      return .idpError(code: code, message: message)
    }
    guard page.status == 200, let action = attribute("action", in: html) else {
      throw Failure(description: "the sign-in page (status \(page.status)) has no form to post")
    }
    var fields: [(name: String, value: String)] = []
    var rest = Substring(html)
    while let input = rest.range(of: "<input ") {
      let tagEnd = rest[input.upperBound...].firstIndex(of: ">") ?? rest.endIndex
      let tag = String(rest[input.lowerBound..<tagEnd])
      if attribute("type", in: tag) == "hidden", let name = attribute("name", in: tag) {
        fields.append((name, attribute("value", in: tag) ?? ""))
      }
      rest = rest[tagEnd...]
    }
    if let rewrite { fields = rewrite(fields) }
    let body = fields.map { formEncode($0.name) + "=" + formEncode($0.value) }.joined(
      separator: "&")
    let answer = try LoopbackClient.send(
      method: "POST", url: unescapeHTML(action), body: Array(body.utf8))
    return .posted(status: answer.status, page: String(decoding: answer.body, as: UTF8.self))
  }

  /// The first `name="value"` in `html`, unescaped.
  static func attribute(_ name: String, in html: String) -> String? {
    guard let start = html.range(of: " \(name)=\"") else { return nil }
    guard let end = html[start.upperBound...].firstIndex(of: "\"") else { return nil }
    return unescapeHTML(String(html[start.upperBound..<end]))
  }

  static func unescapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// `application/x-www-form-urlencoded` as browsers write it: space is `+`, everything but
  /// `A–Z a–z 0–9 * - . _` is `%XX`.
  static func formEncode(_ text: String) -> String {
    var output = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"),
        UInt8(ascii: "."), UInt8(ascii: "_"):
        output.unicodeScalars.append(Unicode.Scalar(byte))
      case UInt8(ascii: " "):
        output += "+"
      default:
        output += String(format: "%%%02X", byte)
      }
    }
    return output
  }
}

/// A blocking HTTP/1.1 client for loopback URLs, enough for a browser stand-in.
enum LoopbackClient {
  struct Answer {
    var status: Int
    var body: [UInt8]
  }

  static func send(method: String, url: String, body: [UInt8]?) throws -> Answer {
    guard let components = URLComponents(string: url), components.scheme == "http",
      let host = components.host?.lowercased(),
      ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
    else {
      throw FakeSAMLBrowser.Failure(
        description: "only http://127.0.0.1 or localhost URLs are opened")
    }
    let port = UInt16(components.port ?? 80)
    var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
    if let query = components.percentEncodedQuery { target += "?" + query }
    let addresses: [Bool] = host == "localhost" ? [false, true] : [host.contains(":")]
    var descriptor: Int32 = -1
    for ipv6 in addresses {
      descriptor = connectLoopback(ipv6: ipv6, port: port)
      if descriptor >= 0 { break }
    }
    guard descriptor >= 0 else {
      throw FakeSAMLBrowser.Failure(description: "nothing listens on \(host):\(port)")
    }
    defer { close(descriptor) }
    var requestHead =
      "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
      + "User-Agent: ssopick-fake-browser\r\n"
    if let body {
      requestHead +=
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.count)\r\n"
    }
    let request = Array((requestHead + "\r\n").utf8) + (body ?? [])
    var offset = 0
    while offset < request.count {
      let sent = request[offset...].withUnsafeBytes {
        Self.sendBytes(descriptor, $0.baseAddress, $0.count)
      }
      guard sent > 0 else {
        throw FakeSAMLBrowser.Failure(description: "the request could not be sent")
      }
      offset += sent
    }
    var response: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while true {
      let count = read(descriptor, &chunk, chunk.count)
      if count <= 0 { break }
      response.append(contentsOf: chunk[0..<count])
      if let (status, length, start) = head(of: response), let length,
        response.count - start >= length
      {
        return Answer(status: status, body: Array(response[start..<start + length]))
      }
    }
    guard let (status, length, start) = head(of: response) else {
      throw FakeSAMLBrowser.Failure(description: "no HTTP answer from \(host):\(port)")
    }
    let end = length.map { min(response.count, start + $0) } ?? response.count
    return Answer(status: status, body: Array(response[start..<end]))
  }

  /// The status, `Content-Length` and body offset of a response whose head has arrived.
  private static func head(of bytes: [UInt8]) -> (Int, Int?, Int)? {
    guard let end = bytes.firstRange(of: [13, 10, 13, 10]) else { return nil }
    let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(
      separatedBy: "\r\n")
    let statusLine = lines[0].split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
    let length = lines.dropFirst().first { $0.lowercased().hasPrefix("content-length:") }
      .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
    return (status, length, end.upperBound)
  }

  private static func connectLoopback(ipv6: Bool, port: UInt16) -> Int32 {
    #if canImport(Glibc)
      let descriptor = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { return -1 }
    #if canImport(Darwin)
      var one: Int32 = 1
      setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
    #endif
    var limit = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    let connected: Int32
    if ipv6 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      address.sin6_addr = in6addr_loopback
      connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    } else {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
      connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
    guard connected == 0 else {
      close(descriptor)
      return -1
    }
    return descriptor
  }

  private static func sendBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int)
    -> Int
  {
    #if os(Linux)
      Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
      Darwin.send(descriptor, bytes, count, 0)
    #endif
  }
}
