import CSSOPickLibc
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few POSIX socket calls `LoopbackHTTPServer` needs, with the platform differences
/// (SOCK_STREAM's type, SIGPIPE suppression, `sin_len`) in one place. Every descriptor is
/// close-on-exec, so a program a test starts never inherits the listener or a connection.
enum LoopbackSocket {
  #if os(Linux)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
  #else
    private static let streamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
  #endif

  /// A listening TCP socket on 127.0.0.1 with a port chosen by the system.
  static func makeListener() throws(LoopbackServerError) -> (fd: Int32, port: UInt16) {
    #if os(Linux)
      let fd = socket(AF_INET, streamType | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
      let fd = socket(AF_INET, streamType, 0)
    #endif
    guard fd >= 0 else { throw .socket(call: "socket", errno: errno) }
    #if !os(Linux)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // no SOCK_CLOEXEC on macOS
    #endif
    var yes: Int32 = 1
    _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    #if canImport(Darwin)
      address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
    #endif
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0 else { throw failure("bind", closing: fd) }
    guard listen(fd, 128) == 0 else { throw failure("listen", closing: fd) }
    var actual = sockaddr_in()
    var actualLength = length
    let named = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
    }
    guard named == 0 else { throw failure("getsockname", closing: fd) }
    setBlocking(fd, false)
    return (fd, UInt16(bigEndian: actual.sin_port))
  }

  /// A port on 127.0.0.1 where nothing listens (bound, then closed again), for tests of
  /// refused connections.
  static func unusedPort() throws(LoopbackServerError) -> UInt16 {
    let (fd, port) = try makeListener()
    close(fd)
    return port
  }

  /// Accepts one connection, or returns `nil` if none is waiting. The new socket blocks.
  static func acceptConnection(_ listener: Int32) -> Int32? {
    let fd = cssopick_accept_cloexec(listener)
    guard fd >= 0 else { return nil }
    setBlocking(fd, true)
    // Head and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm and
    // the client's delayed ACK add ~40 ms to every keep-alive response.
    var noDelay: Int32 = 1
    _ = setsockopt(
      fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
    #if canImport(Darwin)
      var yes: Int32 = 1
      _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
    #endif
    return fd
  }

  /// Waits until `fd` is readable or `wake` is (the server is stopping). Returns `false`
  /// when woken or on error.
  static func waitReadable(_ fd: Int32, unlessReadable wake: Int32) -> Bool {
    var fds = [
      pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
      pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
    ]
    while true {
      let ready = poll(&fds, 2, -1)
      if ready < 0 && errno == EINTR { continue }
      guard ready > 0, fds[1].revents == 0 else { return false }
      return fds[0].revents != 0
    }
  }

  /// Reads what is available (at most `buffer.count` bytes). `nil` at end of stream or
  /// on error.
  static func receiveSome(_ fd: Int32, into buffer: inout [UInt8]) -> Int? {
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count < 0 && errno == EINTR { continue }
      return count > 0 ? count : nil
    }
  }

  /// Writes all of `bytes`. `false` if the peer went away.
  static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = send(
        fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset, sendFlags)
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }

  /// Ends both directions of `fd` (unblocking a thread stuck in `recv` or `send` on it).
  static func shutDown(_ fd: Int32) {
    _ = shutdown(fd, Int32(SHUT_RDWR))
  }

  private static func setBlocking(_ fd: Int32, _ blocking: Bool) {
    let flags = fcntl(fd, F_GETFL)
    guard flags >= 0 else { return }
    _ = fcntl(fd, F_SETFL, blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK)
  }

  private static func failure(_ call: String, closing fd: Int32) -> LoopbackServerError {
    let code = errno
    close(fd)
    return .socket(call: call, errno: code)
  }
}
