import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A deliberately plain blocking HTTP/1.1 client on POSIX sockets, so a server's tests control
/// every byte (underscored headers, `Expect`, chunked bodies, keep-alive). It runs on its own
/// thread, never on the Swift concurrency pool. (Unchecked `Sendable`: a test hands one from
/// thread to thread, but only one thread uses it at a time.)
public final class RawConnection: @unchecked Sendable {
  private let descriptor: Int32
  private var buffer = [UInt8]()

  /// Connects to 127.0.0.1:`port` (reads time out after 10 s).
  public init(port: UInt16) throws {
    #if canImport(Glibc)
      descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw RawError.io("socket") }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(descriptor)
      throw RawError.io("connect")
    }
  }

  deinit { close(descriptor) }

  /// Sends `text` as UTF-8.
  public func send(_ text: String) throws {
    try send(Array(text.utf8))
  }

  /// Sends `bytes`.
  public func send(_ bytes: [UInt8]) throws {
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes {
        #if canImport(Glibc)
          Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        #else
          Darwin.send(descriptor, $0.baseAddress, $0.count, 0)
        #endif
      }
      guard count > 0 else { throw RawError.io("send") }
      sent += count
    }
  }

  private func fill() throws {
    var chunk = [UInt8](repeating: 0, count: 16_384)
    let count = recv(descriptor, &chunk, chunk.count, 0)
    guard count > 0 else { throw RawError.io("recv (closed or timed out)") }
    buffer += chunk[0..<count]
  }

  /// Reads until the server closes the connection and returns what arrived after the last
  /// response read (a reset counts as closed). Throws if nothing happens for 10 s.
  public func readUntilClosed() throws -> String {
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while true {
      let count = recv(descriptor, &chunk, chunk.count, 0)
      if count > 0 {
        buffer += chunk[0..<count]
        continue
      }
      if count == 0 || errno == ECONNRESET {
        defer { buffer.removeAll() }
        return String(decoding: buffer, as: UTF8.self)
      }
      if errno == EINTR { continue }
      throw RawError.io("recv (timed out waiting for the server to close)")
    }
  }

  /// Reads one response's status line and headers only (the answer to a HEAD request).
  public func readHead() throws -> (status: Int, headers: [String: String]) {
    let response = try readResponse(bodyExpected: false)
    return (response.status, response.headers)
  }

  /// Reads one response (status, lower-cased headers, body by Content-Length).
  public func readResponse(bodyExpected: Bool = true) throws -> (
    status: Int, headers: [String: String], body: String
  ) {
    let separator: [UInt8] = [13, 10, 13, 10]
    var end: Int?
    while end == nil {
      if buffer.count >= 4 {
        end = (0...(buffer.count - 4)).first { Array(buffer[$0..<$0 + 4]) == separator }
      }
      if end == nil { try fill() }
    }
    let headerEnd = end ?? 0
    let head = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
      throw RawError.io("bad status line")
    }
    var headers: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    let length = bodyExpected ? Int(headers["content-length"] ?? "0") ?? 0 : 0
    while buffer.count < headerEnd + 4 + length { try fill() }
    let body = String(decoding: buffer[(headerEnd + 4)..<(headerEnd + 4 + length)], as: UTF8.self)
    buffer.removeFirst(headerEnd + 4 + length)
    return (status, headers, body)
  }
}

/// A failed socket call of ``RawConnection``.
public enum RawError: Error {
  /// The call (and what happened).
  case io(String)
}

/// Runs blocking work on a fresh thread and awaits it.
public func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread {
      do { continuation.resume(returning: try work()) } catch {
        continuation.resume(throwing: error)
      }
    }
    thread.start()
  }
}
