import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One request a browser sent to a ``LoopbackListenerSocket``.
struct LoopbackHTTPRequest: Sendable {
  /// The method, as sent (`GET`, `POST`).
  var method: String
  /// The request target, e.g. `/oauth/callback?code=…`.
  var target: String
  /// Header fields in order, names lower-cased.
  var headers: [(name: String, value: String)]
  /// The body (`Content-Length` bytes).
  var body: [UInt8]

  /// The target's path.
  var path: String { target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target }

  /// The target's query, without `?` (empty when there is none).
  var query: String {
    target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
  }

  /// The first value of the header `name` (case-insensitive).
  func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.name == wanted }?.value
  }
}

/// The small HTML page a loopback listener answers with.
struct LoopbackHTTPPage: Sendable {
  /// `200 OK`, `400 Bad Request`, …
  var status: String
  /// The title and heading (plain text).
  var title: String
  /// The paragraph (plain text; escaped when rendered).
  var text: String

  static let notFound = LoopbackHTTPPage(
    status: "404 Not Found", title: "Not found", text: "Nothing here.")

  /// The page as bytes, with headers that keep it out of caches.
  var bytes: [UInt8] {
    let page =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ssopick — "
      + "\(Self.escapeHTML(title))</title></head><body style=\"font-family: sans-serif; "
      + "margin: 4em\"><h1>\(Self.escapeHTML(title))</h1><p>\(Self.escapeHTML(text))</p>"
      + "</body></html>"
    let body = Array(page.utf8)
    let head =
      "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\n"
      + "Content-Length: \(body.count)\r\nCache-Control: no-store\r\n"
      + "Referrer-Policy: no-referrer\r\nConnection: close\r\n\r\n"
    return Array(head.utf8) + body
  }

  static func escapeHTML(_ text: String) -> String {
    var output = ""
    for character in text {
      switch character {
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "&": output += "&amp;"
      case "\"": output += "&quot;"
      default: output.append(character)
      }
    }
    return output
  }
}

/// The listening socket of the loopback listeners (the PKCE redirect, the SAML ACS): bound
/// to 127.0.0.1 — and, when asked, ::1 on the same port, so no other program can take the
/// other address of `localhost` — on a port the OS picks, never on another interface.
///
/// ``start(maximumBody:_:)`` answers requests one at a time on a thread of its own (not the
/// concurrency pool's) until the handler returns a value, the socket is closed or the waiting
/// task is cancelled. That thread owns the descriptors from then on and closes them when it
/// ends (``close()`` only shuts them down), so a descriptor number is never reused under it.
final class LoopbackListenerSocket: Sendable {
  /// The port the OS assigned.
  let port: UInt16
  private let descriptors: [Int32]
  private let closed = Atomic<Bool>(false)
  /// Whether a serving thread owns (and will close) the descriptors.
  private let served = Atomic<Bool>(false)

  /// Why the socket could not be made: the `errno` of the failing call.
  struct Failure: Error {
    var errno: Int32
  }

  /// Binds 127.0.0.1 on an OS-chosen port (and ::1 on the same port when `alsoIPv6`; a
  /// machine without IPv6 gets 127.0.0.1 only) and starts listening.
  init(alsoIPv6: Bool) throws(Failure) {
    var attempt = 0
    while true {
      attempt += 1
      let v4 = try Self.bindAndListen(ipv6: false, port: 0)
      guard alsoIPv6 else {
        (port, descriptors) = (v4.port, [v4.descriptor])
        return
      }
      do {
        let v6 = try Self.bindAndListen(ipv6: true, port: v4.port)
        (port, descriptors) = (v4.port, [v4.descriptor, v6.descriptor])
        return
      } catch let failure where failure.errno == EADDRINUSE && attempt < 8 {
        // Another program has this port on ::1: try another port.
        _ = closeDescriptor(v4.descriptor)
      } catch let failure
        where [EADDRNOTAVAIL, EAFNOSUPPORT, EPROTONOSUPPORT].contains(failure.errno)
      {
        (port, descriptors) = (v4.port, [v4.descriptor])
        return
      } catch {
        _ = closeDescriptor(v4.descriptor)
        throw error
      }
    }
  }

  private static func bindAndListen(ipv6: Bool, port: UInt16) throws(Failure) -> (
    descriptor: Int32, port: UInt16
  ) {
    #if canImport(Glibc)
      let descriptor = Glibc.socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = Darwin.socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw Failure(errno: errno) }
    func fail() -> Failure {
      let code = errno
      _ = closeDescriptor(descriptor)
      return Failure(errno: code)
    }
    var assignedPort: UInt16 = 0
    if ipv6 {
      var only: Int32 = 1
      _ = setsockopt(
        descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &only, socklen_t(MemoryLayout<Int32>.size))
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      address.sin6_addr = in6addr_loopback
      let length = socklen_t(MemoryLayout<sockaddr_in6>.size)
      let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
      }
      guard bound == 0 else { throw fail() }
      assignedPort = port
    } else {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
      }
      var assigned = sockaddr_in()
      var assignedLength = length
      let named = withUnsafeMutablePointer(to: &assigned) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          getsockname(descriptor, $0, &assignedLength)
        }
      }
      guard bound == 0, named == 0 else { throw fail() }
      assignedPort = UInt16(bigEndian: assigned.sin_port)
    }
    guard listen(descriptor, 8) == 0 else { throw fail() }
    return (descriptor, assignedPort)
  }

  deinit {
    close()
    // Without a serving thread nobody else closes them (with one, it holds this object).
    if !served.load(ordering: .acquiring) {
      for descriptor in descriptors { _ = closeDescriptor(descriptor) }
    }
  }

  /// Stops listening: new connections are refused at once and the serving thread ends within
  /// 100 ms. Safe to call more than once.
  func close() {
    if !closed.exchange(true, ordering: .acquiringAndReleasing) {
      for descriptor in descriptors { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
    }
  }

  /// Whether ``close()`` was called.
  var isClosed: Bool { closed.load(ordering: .acquiring) }

  /// Starts answering requests, now, on a thread of the socket's own: every request gets the
  /// page `handle` returns, until `handle` also returns a value, which the returned
  /// ``LoopbackServing`` holds. A request that cannot be read (or has a body over
  /// `maximumBody` bytes) gets a 400 page. Serving does not wait for the concurrency pool, so
  /// a browser is answered at once even when the pool is busy; it ends with the value, when
  /// the socket is closed, or when the one waiting for the value is cancelled.
  func start<Value: Sendable>(
    maximumBody: Int,
    _ handle: @escaping @Sendable (LoopbackHTTPRequest) -> (LoopbackHTTPPage, Value?)
  ) -> LoopbackServing<Value> {
    let serving = LoopbackServing<Value>()
    let socket = self
    served.store(true, ordering: .releasing)
    Thread.detachNewThread {
      let result = socket.loop(until: serving.stop, maximumBody: maximumBody, handle: handle)
      socket.close()
      for descriptor in socket.descriptors { _ = closeDescriptor(descriptor) }
      serving.finish(result)
    }
    return serving
  }

  /// Polls in short slices so cancellation and closing are noticed promptly.
  private func loop<Value>(
    until cancelled: StopFlag, maximumBody: Int,
    handle: (LoopbackHTTPRequest) -> (LoopbackHTTPPage, Value?)
  ) -> Result<Value, any Error> {
    var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    while !cancelled.isRaised {
      if isClosed { return .failure(CancellationError()) }
      for index in polled.indices { polled[index].revents = 0 }
      guard poll(&polled, nfds_t(polled.count), 100) > 0, !isClosed else { continue }
      for entry in polled where entry.revents & Int16(POLLIN) != 0 {
        let connection = accept(entry.fd, nil, nil)
        guard connection >= 0 else { continue }
        defer { _ = closeDescriptor(connection) }
        guard let request = Self.readRequest(connection, maximumBody: maximumBody) else {
          Self.writePage(
            LoopbackHTTPPage(
              status: "400 Bad Request", title: "Unexpected request",
              text: "ssopick could not read this request."), to: connection)
          continue
        }
        let (page, value) = handle(request)
        Self.writePage(page, to: connection)
        if let value { return .success(value) }
      }
    }
    return .failure(CancellationError())
  }

  /// Reads one request: the head (at most 16 KiB) and a `Content-Length` body. A browser
  /// sends it at once; a silent connection is given up after 2 s.
  static func readRequest(_ connection: Int32, maximumBody: Int) -> LoopbackHTTPRequest? {
    var buffer = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 16_384)
    let separator: [UInt8] = [13, 10, 13, 10]
    var headEnd: Range<Int>?
    func fill() -> Bool {
      var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 2000) > 0 else { return false }
      let count = read(connection, &chunk, chunk.count)
      guard count > 0 else { return false }
      buffer.append(contentsOf: chunk[0..<count])
      return true
    }
    while headEnd == nil {
      guard buffer.count < 16_384, fill() else { return nil }
      headEnd = buffer.firstRange(of: separator)
    }
    guard let headEnd else { return nil }
    let lines = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
      .components(separatedBy: "\r\n")
    let requestLine = lines[0].split(separator: " ")
    guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else { return nil }
    var headers: [(name: String, value: String)] = []
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      headers.append(
        (
          line[..<colon].lowercased(),
          line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        ))
    }
    var request = LoopbackHTTPRequest(
      method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: [])
    if request.header("transfer-encoding") != nil { return nil }
    let length = request.header("content-length").map { Int($0) } ?? 0
    guard let length, length >= 0, length <= maximumBody else { return nil }
    while buffer.count - headEnd.upperBound < length {
      guard fill() else { return nil }
    }
    request.body = Array(buffer[headEnd.upperBound..<headEnd.upperBound + length])
    return request
  }

  /// Sends the page. A browser that has already closed the connection must not raise
  /// SIGPIPE, which would end ssopick: `MSG_NOSIGNAL` on Linux, `SO_NOSIGPIPE` on macOS.
  static func writePage(_ page: LoopbackHTTPPage, to connection: Int32) {
    let bytes = page.bytes
    #if canImport(Darwin)
      var one: Int32 = 1
      _ = setsockopt(
        connection, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
    #endif
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        #if canImport(Glibc)
          Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        #else
          Darwin.send(connection, $0.baseAddress, $0.count, 0)
        #endif
      }
      guard written > 0 else { return }
      offset += written
    }
  }
}

/// The outcome of ``LoopbackListenerSocket/start(maximumBody:_:)``: the value the handler
/// returned, or why serving ended.
final class LoopbackServing<Value: Sendable>: Sendable {
  private struct State {
    var result: Result<Value, any Error>?
    var waiter: CheckedContinuation<Value, any Error>?
  }

  private let state = Mutex(State())
  /// Raised to stop serving.
  let stop = StopFlag()

  /// Records the outcome (the first one counts) and wakes the one waiting for it.
  func finish(_ result: Result<Value, any Error>) {
    let waiter = state.withLock { state -> CheckedContinuation<Value, any Error>? in
      guard state.result == nil else { return nil }
      state.result = result
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(with: result)
  }

  /// Waits for the outcome. Cancelling the task stops serving (throws `CancellationError`).
  func value() async throws -> Value {
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let ready = state.withLock { state -> Result<Value, any Error>? in
          if let result = state.result { return result }
          state.waiter = continuation
          return nil
        }
        if let ready { continuation.resume(with: ready) }
      }
    } onCancel: {
      stop.raise()
      finish(.failure(CancellationError()))
    }
  }
}

/// A flag one thread raises and another polls.
final class StopFlag: Sendable {
  private let raised = Atomic<Bool>(false)

  var isRaised: Bool { raised.load(ordering: .acquiring) }

  func raise() { raised.store(true, ordering: .releasing) }
}

/// `close(2)`, named apart from the listeners' `close()`.
func closeDescriptor(_ descriptor: Int32) -> Int32 {
  #if canImport(Glibc)
    Glibc.close(descriptor)
  #else
    Darwin.close(descriptor)
  #endif
}
