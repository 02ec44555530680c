import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The browser's answer to a PKCE authorize request (spec §4.2 step 7).
public enum RedirectResult: Sendable, Equatable {
  /// The service granted a code; `state` must be checked against ours.
  case code(code: String, state: String)
  /// The service (or the user) refused: the `error` parameter and its description.
  case error(String, description: String?)
}

/// A one-shot HTTP listener on 127.0.0.1 for the PKCE redirect.
///
/// It is bound *before* the browser opens, on a port the OS picks, and only on loopback
/// (the AWS CLI binds every interface; there is no reason to). Every GET gets a small
/// page; the wait ends at the first request carrying `code` and `state`, or `error`.
public final class LoopbackRedirectListener: Sendable {
  /// The port the OS assigned.
  public let port: UInt16
  private let socket: Int32
  private let closed = Atomic<Bool>(false)

  /// The redirect URI with the port, sent to /authorize and CreateToken.
  public var redirectURI: String { "http://127.0.0.1:\(port)/oauth/callback" }

  /// Binds 127.0.0.1 on an OS-chosen port and starts listening.
  public init() throws {
    #if canImport(Glibc)
      let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = Darwin.socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw AuthError.callbackListener(errno: errno) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
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
    guard bound == 0, listen(descriptor, 8) == 0, named == 0 else {
      let code = errno
      _ = closeDescriptor(descriptor)
      throw AuthError.callbackListener(errno: code)
    }
    socket = descriptor
    port = UInt16(bigEndian: assigned.sin_port)
  }

  deinit { close() }

  /// Stops listening. Safe to call more than once.
  public func close() {
    if !closed.exchange(true, ordering: .acquiringAndReleasing) {
      _ = closeDescriptor(socket)
    }
  }

  /// Waits for the redirect. Cancelling the task stops the wait (throws CancellationError).
  public func waitForRedirect() async throws -> RedirectResult {
    let cancelled = StopFlag()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let listener = self
        Thread.detachNewThread {
          continuation.resume(with: listener.serve(until: cancelled))
        }
      }
    } onCancel: {
      cancelled.raise()
    }
  }

  /// Accepts connections until one carries an answer, the listener closes or `cancelled`
  /// is set. Polls in short slices so cancellation is noticed promptly.
  private func serve(until cancelled: StopFlag) -> Result<RedirectResult, any Error> {
    while !cancelled.isRaised {
      if closed.load(ordering: .acquiring) { return .failure(CancellationError()) }
      var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 100) > 0 else { continue }
      let connection = accept(socket, nil, nil)
      guard connection >= 0 else { continue }
      let result = handle(connection: connection)
      _ = closeDescriptor(connection)
      if let result { return .success(result) }
    }
    return .failure(CancellationError())
  }

  /// Reads one request, answers it with a page, and returns the answer it carried, if any.
  private func handle(connection: Int32) -> RedirectResult? {
    guard let target = Self.readRequestTarget(connection) else { return nil }
    let (path, query) = Self.split(target)
    let parameters = Self.parseQuery(query)
    let result: RedirectResult?
    if path != "/oauth/callback" {
      result = nil
    } else if let error = parameters["error"] {
      result = .error(error, description: parameters["error_description"])
    } else if let code = parameters["code"], let state = parameters["state"] {
      result = .code(code: code, state: state)
    } else {
      result = nil
    }
    Self.reply(to: connection, found: path == "/oauth/callback", result: result)
    return result
  }

  private static func readRequestTarget(_ connection: Int32) -> String? {
    var buffer = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 2048)
    // A browser sends the request at once; give up on a silent or huge one.
    while buffer.count < 16_384 {
      var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 2000) > 0 else { return nil }
      let count = read(connection, &chunk, chunk.count)
      guard count > 0 else { break }
      buffer.append(contentsOf: chunk[0..<count])
      if buffer.firstRange(of: [13, 10]) != nil { break }
    }
    guard let lineEnd = buffer.firstRange(of: [13, 10]) else { return nil }
    let parts = String(decoding: buffer[..<lineEnd.lowerBound], as: UTF8.self).split(separator: " ")
    guard parts.count == 3, parts[0] == "GET" else { return nil }
    return String(parts[1])
  }

  private static func split(_ target: String) -> (String, String) {
    guard let mark = target.firstIndex(of: "?") else { return (target, "") }
    return (String(target[..<mark]), String(target[target.index(after: mark)...]))
  }

  static func parseQuery(_ query: String) -> [String: String] {
    var parameters: [String: String] = [:]
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      // Browsers may form-encode spaces as "+".
      let decode = { (text: Substring) in
        PercentEncoding.decode(text.replacingOccurrences(of: "+", with: " ")) ?? String(text)
      }
      guard let name = parts.first.map(decode) else { continue }
      if parameters[name] == nil {
        parameters[name] = parts.count > 1 ? decode(parts[1]) : ""
      }
    }
    return parameters
  }

  private static func reply(to connection: Int32, found: Bool, result: RedirectResult?) {
    let (status, title, text): (String, String, String)
    switch result {
    case .code:
      (status, title, text) = (
        "200 OK", "Signed in",
        "ssopick is signed in. You can close this tab and return to the terminal."
      )
    case .error(let error, _):
      (status, title, text) = (
        "200 OK", "Sign-in failed",
        "The sign-in did not complete (\(escapeHTML(error))). Return to the terminal for details."
      )
    case nil:
      (status, title, text) =
        found
        ? ("400 Bad Request", "Unexpected request", "This page expects a sign-in answer.")
        : ("404 Not Found", "Not found", "Nothing here.")
    }
    let page =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ssopick — \(title)</title></head>"
      + "<body style=\"font-family: sans-serif; margin: 4em\"><h1>\(title)</h1><p>\(text)</p></body></html>"
    let body = Array(page.utf8)
    let head =
      "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\n"
      + "Content-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    let bytes = Array(head.utf8) + body
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
      guard written > 0 else { return }
      offset += written
    }
  }

  private static func escapeHTML(_ text: String) -> String {
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

/// A flag one thread raises and another polls.
private final class StopFlag: Sendable {
  private let raised = Atomic<Bool>(false)

  var isRaised: Bool { raised.load(ordering: .acquiring) }

  func raise() { raised.store(true, ordering: .releasing) }
}

/// `close(2)`, named apart from `LoopbackRedirectListener.close()`.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
  #if canImport(Glibc)
    Glibc.close(descriptor)
  #else
    Darwin.close(descriptor)
  #endif
}
