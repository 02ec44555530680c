import CSSOPickLibc
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The POSIX calls ``HTTPServer`` makes, with the platform differences (close-on-exec,
/// SIGPIPE suppression, `sin_len`, `SOCK_STREAM`'s type) in one place. Every descriptor is
/// close-on-exec, so a child process (tests start many) never inherits the listener or a
/// connection and keeps a port or a peer open.
enum HTTPSocket {
  #if os(Linux)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
  #else
    private static let sendFlags: Int32 = 0
  #endif

  /// What a wait for input ended with.
  enum Readiness {
    /// The socket has bytes (or end of stream) to read.
    case readable
    /// Nothing arrived within the timeout.
    case timedOut
    /// The server is stopping (the wake descriptor became readable), or polling failed.
    case stopping
  }

  /// A listening TCP socket on 127.0.0.1:`port` (0: the system picks), non-blocking.
  static func makeListener(port: UInt16, backlog: Int32) throws(HTTPServerError) -> (
    fd: Int32, port: UInt16
  ) {
    #if os(Linux)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw .socket(call: "socket", errno: errno) }
    #if !os(Linux)
      setCloseOnExec(fd)  // no SOCK_CLOEXEC on macOS; the listener is made before any child
    #endif
    // A restarted `demo --serve --port N` must not wait for the old connections' TIME_WAIT.
    setFlag(fd, SOL_SOCKET, SO_REUSEADDR)
    var address = sockaddr_in()
    #if canImport(Darwin)
      address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
    #endif
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0 else { throw failure("bind", closing: fd) }
    guard listen(fd, backlog) == 0 else { throw failure("listen", closing: fd) }
    var actual = sockaddr_in()
    var actualLength = length
    let named = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
    }
    guard named == 0 else { throw failure("getsockname", closing: fd) }
    setBlocking(fd, false)
    return (fd, UInt16(bigEndian: actual.sin_port))
  }

  /// A pipe whose read end becomes readable once `stop` writes to it; every blocking wait
  /// polls it too.
  static func makeWakePipe() throws(HTTPServerError) -> (read: Int32, write: Int32) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw .socket(call: "pipe", errno: errno) }
    // Made once, before any connection: a child started in between inherits nothing useful.
    setCloseOnExec(ends[0])
    setCloseOnExec(ends[1])
    return (ends[0], ends[1])
  }

  /// What `acceptConnection` got.
  enum Accepted {
    /// A new connection, prepared.
    case connection(Int32)
    /// None is waiting (or it went away before it was accepted).
    case noneWaiting
    /// The process or system is out of descriptors or memory; retrying at once would spin.
    case outOfResources
  }

  /// Accepts one waiting connection and prepares it: blocking, close-on-exec, `TCP_NODELAY`,
  /// no SIGPIPE, and `timeout` for every `recv` and `send`, so a silent client or one that
  /// stopped reading cannot hold a thread forever.
  static func acceptConnection(_ listener: Int32, timeout: Duration) -> Accepted {
    // Close-on-exec at once (`accept4` on Linux), so a child that another thread starts
    // meanwhile never inherits the connection.
    let fd = cssopick_accept_cloexec(listener)
    guard fd >= 0 else {
      let code = errno
      let exhausted = code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM
      return exhausted ? .outOfResources : .noneWaiting
    }
    #if !os(Linux)
      setFlag(fd, SOL_SOCKET, SO_NOSIGPIPE)
    #endif
    setBlocking(fd, true)
    // A response is one write, but a client's request may not be; without TCP_NODELAY,
    // Nagle's algorithm and the peer's delayed ACK can add ~40 ms to a kept-alive exchange.
    setFlag(fd, Int32(IPPROTO_TCP), TCP_NODELAY)
    var time = timeval(duration: timeout)
    let size = socklen_t(MemoryLayout<timeval>.size)
    _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, size)
    _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, size)
    return .connection(fd)
  }

  /// Waits for `duration`, or less if `wake` becomes readable (then returns `false`).
  static func pause(for duration: Duration, unlessReadable wake: Int32) -> Bool {
    var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
    let ready = poll(&fds, 1, milliseconds(duration))
    return ready == 0 || (ready < 0 && errno == EINTR)
  }

  /// Waits until `fd` is readable, `wake` is readable (`.stopping`) or `timeout` passes
  /// (`nil`: no timeout).
  static func waitReadable(_ fd: Int32, wake: Int32, timeout: Duration?) -> Readiness {
    var fds = [
      pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
      pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
    ]
    let milliseconds = timeout.map(Self.milliseconds) ?? -1
    while true {
      let ready = poll(&fds, 2, milliseconds)
      if ready < 0 && errno == EINTR { continue }
      if ready == 0 { return .timedOut }
      guard ready > 0, fds[1].revents == 0 else { return .stopping }
      return .readable
    }
  }

  /// What `receive` got.
  enum Received: Equatable {
    /// This many bytes were appended.
    case bytes(Int)
    /// The peer closed its side, the socket was shut down, or it failed.
    case closed
    /// Nothing arrived within the socket's receive timeout.
    case timedOut
  }

  /// Reads what is available into `scratch` (at most its size) and appends it to `buffer`.
  /// Blocks for at most the socket's receive timeout.
  static func receive(_ fd: Int32, appendingTo buffer: inout [UInt8], scratch: inout [UInt8])
    -> Received
  {
    while true {
      let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      let code = errno
      if count > 0 {
        buffer.append(contentsOf: scratch[..<count])
        return .bytes(count)
      }
      if count < 0 && code == EINTR { continue }
      return count < 0 && (code == EAGAIN || code == EWOULDBLOCK) ? .timedOut : .closed
    }
  }

  /// Writes all of `bytes`. `false` if the peer went away or stopped reading.
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

  /// Ends both directions of `fd`, waking a thread blocked in `recv` or `send` on it.
  static func shutDown(_ fd: Int32) {
    _ = shutdown(fd, Int32(SHUT_RDWR))
  }

  /// Closes `fd` after a response that ends the connection, without losing that response.
  ///
  /// Closing a socket with unread input makes the kernel send a reset, which can destroy a
  /// response (say, a 413 for a body the server never read) before the client reads it. So
  /// the server sends its FIN first, then reads and drops what the client still sends, for
  /// at most `limit` bytes and `timeout`, or until the client closes or the server stops.
  static func closeGracefully(_ fd: Int32, wake: Int32, timeout: Duration, limit: Int) {
    defer { close(fd) }
    _ = shutdown(fd, Int32(SHUT_WR))
    var dropped: [UInt8] = []
    var scratch = [UInt8](repeating: 0, count: 16_384)
    var drained = 0
    let deadline = ContinuousClock.now + timeout
    while drained < limit {
      let left = deadline - ContinuousClock.now
      guard left > .zero, waitReadable(fd, wake: wake, timeout: left) == .readable,
        case .bytes(let count) = receive(fd, appendingTo: &dropped, scratch: &scratch)
      else { return }
      drained += count
      dropped.removeAll(keepingCapacity: true)
    }
  }

  private static func milliseconds(_ duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    let total = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(clamping: max(0, total))
  }

  private static func setFlag(_ fd: Int32, _ level: Int32, _ name: Int32) {
    var yes: Int32 = 1
    _ = setsockopt(fd, level, name, &yes, socklen_t(MemoryLayout<Int32>.size))
  }

  private static func setBlocking(_ fd: Int32, _ blocking: Bool) {
    let flags = fcntl(fd, F_GETFL)
    guard flags >= 0 else { return }
    _ = fcntl(fd, F_SETFL, blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK)
  }

  private static func setCloseOnExec(_ fd: Int32) {
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
  }

  private static func failure(_ call: String, closing fd: Int32) -> HTTPServerError {
    let code = errno
    close(fd)
    return .socket(call: call, errno: code)
  }
}

extension timeval {
  /// `duration` as a `timeval` (whole microseconds).
  fileprivate init(duration: Duration) {
    let (seconds, attoseconds) = duration.components
    #if canImport(Darwin)
      self.init(tv_sec: Int(seconds), tv_usec: Int32(attoseconds / 1_000_000_000_000))
    #else
      self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    #endif
  }
}
