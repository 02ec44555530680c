import Foundation
import SessionEngine

/// One accepted connection, served on its own thread: read a request, ask the handler,
/// write the reply, and repeat while the connection is kept alive.
final class LoopbackConnection {
  private let fd: Int32
  private let number: Int
  private let state: LoopbackServerState
  /// Bytes received and not yet consumed.
  private var pending: [UInt8] = []
  private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

  private static let headLimit = 1 << 20
  private static let bodyLimit = 256 << 20
  private static let endOfHead: [UInt8] = Array("\r\n\r\n".utf8)

  init(fd: Int32, number: Int, state: LoopbackServerState) {
    self.fd = fd
    self.number = number
    self.state = state
  }

  func run() {
    defer { state.closed(fd) }
    while let request = readRequest() {
      state.handlerStarted(request)
      let reply = state.handler(request)
      state.handlerFinished()
      switch reply {
      case .respond(let response):
        guard write(response, to: request) else { return }
        let clientCloses =
          request.header("Connection")?.lowercased() == "close" || request.version == "HTTP/1.0"
        if response.closesConnection || response.truncatedBodyLength != nil || clientCloses {
          return
        }
      case .hang:
        while receive() {}  // until the client closes or the server stops
        return
      case .close:
        return
      }
    }
  }

  // MARK: Reading

  /// Reads more bytes into `pending`; `false` at end of stream or when stopping.
  private func receive() -> Bool {
    guard LoopbackSocket.waitReadable(fd, unlessReadable: state.stopReadEnd),
      let count = LoopbackSocket.receiveSome(fd, into: &chunk)
    else { return false }
    pending.append(contentsOf: chunk[..<count])
    return true
  }

  private func readRequest() -> LoopbackRequest? {
    var searchFrom = 0
    var headEnd: Int?
    while headEnd == nil {
      headEnd = Self.find(Self.endOfHead, in: pending, from: searchFrom)
      if headEnd == nil {
        // The end marker may straddle the old and the new bytes.
        searchFrom = max(0, pending.count - (Self.endOfHead.count - 1))
        guard pending.count < Self.headLimit, receive() else { return nil }
      }
    }
    guard let headEnd else { return nil }
    let headLength = headEnd + Self.endOfHead.count
    let rawHead = String(decoding: pending[..<headLength], as: UTF8.self)
    pending.removeFirst(headLength)

    var lines = rawHead.components(separatedBy: "\r\n")
    let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
    guard requestLine.count == 3 else { return nil }
    var headers: [HTTPHeader] = []
    for line in lines where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      headers.append(HTTPHeader(String(line[..<colon]), value))
    }
    if headers.value(for: "Transfer-Encoding") != nil {
      return nil  // chunked request bodies are not supported; clients here send a length
    }
    if headers.value(for: "Expect")?.lowercased() == "100-continue" {
      guard sendText("HTTP/1.1 100 Continue\r\n\r\n") else { return nil }
    }
    let length = headers.value(for: "Content-Length").flatMap { Int($0) } ?? 0
    guard length >= 0, length <= Self.bodyLimit else { return nil }
    while pending.count < length {
      guard receive() else { return nil }
    }
    let body = Data(pending[..<length])
    pending.removeFirst(length)
    return LoopbackRequest(
      method: String(requestLine[0]), target: String(requestLine[1]),
      version: String(requestLine[2]), headers: headers, body: body, rawHead: rawHead,
      connectionNumber: number)
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard haystack.count >= needle.count, start <= haystack.count - needle.count else {
      return nil
    }
    for index in start...(haystack.count - needle.count)
    where haystack[index] == needle[0]
      && haystack[index..<(index + needle.count)].elementsEqual(needle)
    {
      return index
    }
    return nil
  }

  // MARK: Writing

  private func write(_ response: LoopbackResponse, to request: LoopbackRequest) -> Bool {
    for interim in response.interim {
      guard sendText(Self.head(status: interim.status, headers: interim.headers)) else {
        return false
      }
    }
    var headers = response.headers
    if response.allowsBody && headers.value(for: "Content-Length") == nil {
      headers.append(HTTPHeader("Content-Length", String(response.body.count)))
    }
    if response.closesConnection || response.truncatedBodyLength != nil {
      headers.append(HTTPHeader("Connection", "close"))
    }
    guard sendText(Self.head(status: response.status, headers: headers)) else { return false }
    guard response.allowsBody, request.method != "HEAD" else { return true }
    let length = min(response.truncatedBodyLength ?? response.body.count, response.body.count)
    return response.body.prefix(length).withUnsafeBytes { LoopbackSocket.sendAll(fd, $0) }
  }

  private func sendText(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { LoopbackSocket.sendAll(fd, UnsafeRawBufferPointer($0)) }
  }

  private static func head(status: Int, headers: [HTTPHeader]) -> String {
    var text = "HTTP/1.1 \(status) \(LoopbackResponse.reason(for: status))\r\n"
    for header in headers {
      text += "\(header.name): \(header.value)\r\n"
    }
    return text + "\r\n"
  }
}
