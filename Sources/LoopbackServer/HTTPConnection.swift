import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One accepted connection, served on its own thread with blocking I/O: read a request, let
/// the handler answer it, write the answer, and repeat while the connection is kept alive.
/// Pipelined requests are answered in order (the bytes of the next request simply wait in
/// the buffer).
final class HTTPConnection: @unchecked Sendable {
  /// The socket. Only this connection's thread closes it (see `HTTPServerState.unregister`).
  let fd: Int32
  private let state: HTTPServerState
  private let configuration: HTTPServer.Configuration
  private let handler: HTTPServer.Handler
  private let bridge = HTTPHandlerBridge()
  /// Received bytes not yet consumed. Only this connection's thread touches it.
  private var buffer: [UInt8] = []
  /// Where `recv` writes before the bytes are appended to `buffer`.
  private var scratch = [UInt8](repeating: 0, count: HTTPConnection.readChunk)

  private static let readChunk = 64 * 1024
  private static let chunkLineLimit = 4 * 1024
  private static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
  /// After a response that ends the connection, how long and how much of the client's
  /// unread input to drain so that the response is not lost to a reset.
  private static let lingerTime: Duration = .seconds(2)
  private static let lingerBytes = 1 << 20

  /// How `serve` ended.
  private enum Ending {
    /// The peer went away, the server is stopping, or a write failed: just close.
    case abrupt
    /// A final response was sent: close without losing it.
    case afterResponse
  }

  /// A request with everything the server decides from its head.
  private struct Request {
    var head: HTTPRequestHead
    var target: String
    var body: Data
  }

  init(
    fd: Int32, state: HTTPServerState, configuration: HTTPServer.Configuration,
    handler: @escaping HTTPServer.Handler
  ) {
    self.fd = fd
    self.state = state
    self.configuration = configuration
    self.handler = handler
  }

  /// Serves the connection until it ends, then closes it. Runs on the connection's thread.
  func run() {
    let ending = serve()
    state.unregister(self)
    switch ending {
    case .abrupt:
      close(fd)
    case .afterResponse:
      HTTPSocket.closeGracefully(
        fd, wake: state.wakeRead, timeout: min(Self.lingerTime, configuration.idleTimeout),
        limit: Self.lingerBytes)
    }
    state.threadFinished()
  }

  /// Makes a handler call in progress (and any later one) give up; called by `beginStop`
  /// after it has shut the socket down.
  func interruptHandler() {
    bridge.interrupt()
  }

  private func serve() -> Ending {
    while true {
      let request: Request
      do {
        guard let read = try readRequest() else { return .abrupt }
        request = read
      } catch {
        let answer = HTTPServer.Response.serverText(error.status, error.message + "\n")
        return send(answer.wireBytes(closing: true, omittingBody: false)) ? .afterResponse : .abrupt
      }
      let handlerRequest = HTTPServer.Request(
        method: request.head.method, target: request.target,
        headers: Self.headerDictionary(request.head), body: request.body)
      guard let answer = bridge.call(handler, handlerRequest) else { return .abrupt }
      let closing =
        request.head.closesConnection || request.head.hasConflictingFraming
        || answer.asksToClose || state.isStopping
      let bytes = answer.wireBytes(closing: closing, omittingBody: request.head.method == "HEAD")
      guard send(bytes) else { return .abrupt }
      if closing { return .afterResponse }
    }
  }

  /// Header values by lower-cased name; repeated fields are joined with ", " (RFC 9110 §5.3).
  private static func headerDictionary(_ head: HTTPRequestHead) -> [String: String] {
    var headers: [String: String] = [:]
    for field in head.fields {
      let name = field.name.lowercased()
      if let earlier = headers[name] {
        headers[name] = earlier + ", " + field.value
      } else {
        headers[name] = field.value
      }
    }
    return headers
  }

  // MARK: Reading

  /// The next request; `nil` when the connection ends cleanly (the client closed it or went
  /// quiet between requests, or the server is stopping).
  private func readRequest() throws(HTTPRequestError) -> Request? {
    guard let head = try readHead() else { return nil }
    let framing = try head.bodyFraming(maxBodyBytes: configuration.maxBodyBytes)
    let target = try head.originFormTarget()
    if head.expectsContinue, framing != .none, buffer.isEmpty {
      guard send(Self.continueResponse) else { return nil }
    }
    let body: Data?
    switch framing {
    case .none: body = Data()
    case .length(let length): body = try readBody(length: length)
    case .chunked: body = try readChunkedBody()
    }
    guard let body else { return nil }
    return Request(head: head, target: target, body: body)
  }

  private func readHead() throws(HTTPRequestError) -> HTTPRequestHead? {
    var scanned = 0
    while true {
      if scanned == 0 {
        // Empty lines before a request line are ignored (RFC 9112 §2.2).
        let breaks = buffer.prefix { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
        buffer.removeFirst(breaks.count)
      }
      if let end = HTTPRequestHead.end(in: buffer, from: scanned - 3) {
        let head = try HTTPRequestHead.parse(buffer[..<end], limits: configuration)
        buffer.removeFirst(end)
        return head
      }
      scanned = buffer.count
      if buffer.count > configuration.maxRequestLineBytes,
        !buffer.prefix(configuration.maxRequestLineBytes + 1).contains(UInt8(ascii: "\n"))
      {
        throw .requestLineTooLong(limit: configuration.maxRequestLineBytes)
      }
      if buffer.count > configuration.maxHeaderBytes {
        throw .headersTooLarge(limit: configuration.maxHeaderBytes)
      }
      switch HTTPSocket.receive(fd, appendingTo: &buffer, scratch: &scratch) {
      case .bytes: continue
      case .closed: return nil
      case .timedOut:
        if buffer.isEmpty { return nil }
        throw .timedOut
      }
    }
  }

  /// Reads until `buffer` holds at least `count` bytes; `false` if the connection ended.
  private func fill(to count: Int) throws(HTTPRequestError) -> Bool {
    while buffer.count < count {
      switch HTTPSocket.receive(fd, appendingTo: &buffer, scratch: &scratch) {
      case .bytes: continue
      case .closed: return false
      case .timedOut: throw .timedOut
      }
    }
    return true
  }

  private func readBody(length: Int) throws(HTTPRequestError) -> Data? {
    guard try fill(to: length) else { return nil }
    let body = Data(buffer[..<length])
    buffer.removeFirst(length)
    return body
  }

  /// Reads a chunked body (RFC 9112 §7.1): chunk extensions and trailer fields are read and
  /// dropped.
  private func readChunkedBody() throws(HTTPRequestError) -> Data? {
    var body = Data()
    while true {
      guard let line = try readLine(limit: Self.chunkLineLimit) else { return nil }
      let sizeText = line.split(separator: UInt8(ascii: ";"), maxSplits: 1).first ?? []
      let trimmed = String(decoding: sizeText, as: UTF8.self).trimmingSpacesAndTabs()
      guard !trimmed.isEmpty, trimmed.count <= 15, trimmed.allSatisfy(\.isHexDigit),
        let size = Int(trimmed, radix: 16)
      else {
        throw .malformed("a chunk size is not a hexadecimal number")
      }
      if size == 0 { break }
      guard body.count + size <= configuration.maxBodyBytes else {
        throw .bodyTooLarge(limit: configuration.maxBodyBytes)
      }
      guard try fill(to: size) else { return nil }
      body.append(contentsOf: buffer[..<size])
      buffer.removeFirst(size)
      guard let end = try readLine(limit: 2) else { return nil }
      guard end.isEmpty else { throw .malformed("a chunk is longer than its size says") }
    }
    var trailerBytes = 0
    while true {
      guard let line = try readLine(limit: configuration.maxHeaderBytes) else { return nil }
      if line.isEmpty { return body }
      trailerBytes += line.count
      guard trailerBytes <= configuration.maxHeaderBytes else {
        throw .headersTooLarge(limit: configuration.maxHeaderBytes)
      }
    }
  }

  /// The next line without its CRLF (or bare LF); `nil` if the connection ended.
  private func readLine(limit: Int) throws(HTTPRequestError) -> [UInt8]? {
    var searchFrom = 0
    while true {
      if let lineFeed = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(buffer[..<lineFeed])
        buffer.removeFirst(lineFeed + 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
      }
      guard buffer.count <= limit + 1 else {
        throw .malformed("a line of the chunked body is too long")
      }
      searchFrom = buffer.count
      guard try fill(to: buffer.count + 1) else { return nil }
    }
  }

  // MARK: Writing

  private func send(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { HTTPSocket.sendAll(fd, $0) }
  }
}
