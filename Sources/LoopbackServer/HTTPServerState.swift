import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What ``HTTPServer``'s threads share: the wake pipe (readable once the server stops),
/// the open connections, and how many threads are still running, so that `stop()` can wait
/// until every one of them is gone.
final class HTTPServerState: Sendable {
  /// Readable once the server is stopping; the accept loop and lingering closes poll it.
  let wakeRead: Int32
  private let wakeWrite: Int32
  private let maxConnections: Int
  private let shared = Mutex(Shared())

  private struct Shared {
    var stopping = false
    var connections: [ObjectIdentifier: HTTPConnection] = [:]
    var threads = 0
    var stopWaiters: [CheckedContinuation<Void, Never>] = []
  }

  /// What `admit` decided.
  enum Admission {
    /// Registered; start its thread.
    case admitted
    /// Too many connections are open; answer 503 and close it.
    case full
    /// The server is stopping; close it.
    case stopping
  }

  init(maxConnections: Int) throws(HTTPServerError) {
    (wakeRead, wakeWrite) = try HTTPSocket.makeWakePipe()
    self.maxConnections = maxConnections
  }

  deinit {
    close(wakeRead)
    close(wakeWrite)
  }

  var isStopping: Bool { shared.withLock { $0.stopping } }

  /// The connections open right now.
  var connectionCount: Int { shared.withLock { $0.connections.count } }

  /// Counts the accept thread, which is about to start.
  func acceptThreadStarting() {
    shared.withLock { $0.threads += 1 }
  }

  /// Registers a new connection and counts its thread (which the caller then starts).
  func admit(_ connection: HTTPConnection) -> Admission {
    shared.withLock { shared in
      if shared.stopping { return .stopping }
      if shared.connections.count >= maxConnections { return .full }
      shared.connections[ObjectIdentifier(connection)] = connection
      shared.threads += 1
      return .admitted
    }
  }

  /// Forgets a connection. Its thread closes the socket only after this, and `beginStop`
  /// shuts sockets down only while they are registered, so a descriptor number is never
  /// touched after the system could have reused it.
  func unregister(_ connection: HTTPConnection) {
    shared.withLock { $0.connections[ObjectIdentifier(connection)] = nil }
  }

  /// A thread (accept or connection) has ended; the last one after `beginStop` resumes
  /// everyone waiting in `waitUntilStopped`.
  func threadFinished() {
    let waiters = shared.withLock { shared -> [CheckedContinuation<Void, Never>] in
      shared.threads -= 1
      guard shared.stopping, shared.threads == 0 else { return [] }
      defer { shared.stopWaiters = [] }
      return shared.stopWaiters
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Stops accepting, ends every connection (waking threads in `recv`, `send` or waiting for
  /// the handler) and wakes the accept loop. Idempotent; never blocks.
  func beginStop() {
    let interrupted = shared.withLock { shared -> [HTTPConnection]? in
      guard !shared.stopping else { return nil }
      shared.stopping = true
      for connection in shared.connections.values { HTTPSocket.shutDown(connection.fd) }
      return Array(shared.connections.values)
    }
    guard let interrupted else { return }
    // One byte, never read: the pipe stays readable for every later poll.
    var byte: UInt8 = 1
    _ = write(wakeWrite, &byte, 1)
    for connection in interrupted { connection.interruptHandler() }
  }

  /// Suspends until every thread has ended (call after `beginStop`).
  func waitUntilStopped() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let done = shared.withLock { shared -> Bool in
        guard shared.threads > 0 else { return true }
        shared.stopWaiters.append(continuation)
        return false
      }
      if done { continuation.resume() }
    }
  }
}
