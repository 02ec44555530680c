import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `LoopbackHTTPServer`'s threads share: the handler, the stop signal (a pipe that
/// becomes readable once, for good), counters, recorded requests and async waiters.
final class LoopbackServerState: Sendable {
  private struct Waiter {
    let condition: @Sendable (LoopbackStatistics) -> Bool
    let continuation: CheckedContinuation<Bool, Never>
  }

  private struct Shared {
    var statistics = LoopbackStatistics()
    var requests: [LoopbackRequest] = []
    var openSockets: Set<Int32> = []
    var isStopped = false
    var waiters: [Int: Waiter] = [:]
    var nextWaiter = 0
    /// The accept thread and connection threads still running.
    var threads = 0
    var stopWaiters: [CheckedContinuation<Void, Never>] = []
  }

  let handler: @Sendable (LoopbackRequest) -> LoopbackReply
  /// Readable once the server stops; every blocking wait also polls it.
  let stopReadEnd: Int32
  private let stopWriteEnd: Int32
  private let shared = Mutex(Shared())

  init(handler: @escaping @Sendable (LoopbackRequest) -> LoopbackReply) throws(LoopbackServerError)
  {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw .socket(call: "pipe", errno: errno) }
    stopReadEnd = ends[0]
    stopWriteEnd = ends[1]
    self.handler = handler
  }

  deinit {
    close(stopReadEnd)
    close(stopWriteEnd)
  }

  var statistics: LoopbackStatistics { shared.withLock { $0.statistics } }
  var requests: [LoopbackRequest] { shared.withLock { $0.requests } }

  /// Registers an accepted socket; `nil` (and the socket is closed) once stopped.
  func opened(_ fd: Int32) -> Int? {
    let number = update { shared -> Int? in
      guard !shared.isStopped else { return nil }
      shared.openSockets.insert(fd)
      shared.threads += 1  // the connection's, started by the caller
      shared.statistics.acceptedConnections += 1
      return shared.statistics.acceptedConnections
    }
    if number == nil { close(fd) }
    return number
  }

  /// Closes a socket registered with `opened`. Only the connection's own thread calls it,
  /// and `stop()` only shuts sockets down while they are registered, so a descriptor is
  /// never touched after its number could be reused.
  func closed(_ fd: Int32) {
    update { shared in
      shared.openSockets.remove(fd)
      shared.statistics.closedConnections += 1
    }
    close(fd)
    threadFinished()
  }

  /// Counts the accept thread, which is about to start.
  func acceptThreadStarting() {
    shared.withLock { $0.threads += 1 }
  }

  /// A thread (accept or connection) has ended; the last one after `stop` resumes everyone
  /// waiting in `waitUntilStopped`.
  func threadFinished() {
    let waiters = shared.withLock { shared -> [CheckedContinuation<Void, Never>] in
      shared.threads -= 1
      guard shared.isStopped, shared.threads == 0 else { return [] }
      defer { shared.stopWaiters = [] }
      return shared.stopWaiters
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Suspends until every thread has ended (call after `stop`).
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

  func handlerStarted(_ request: LoopbackRequest) {
    update { shared in
      shared.requests.append(request)
      shared.statistics.requests += 1
      shared.statistics.requestsInHandler += 1
    }
  }

  func handlerFinished() {
    update { $0.statistics.requestsInHandler -= 1 }
  }

  func stop() {
    let alreadyStopped = shared.withLock { shared -> Bool in
      guard !shared.isStopped else { return true }
      shared.isStopped = true
      for fd in shared.openSockets { LoopbackSocket.shutDown(fd) }
      return false
    }
    guard !alreadyStopped else { return }
    var byte: UInt8 = 1
    _ = write(stopWriteEnd, &byte, 1)
  }

  /// Suspends until `condition` holds for the statistics, or `timeout` passes (`false`).
  func wait(
    timeout: Duration, until condition: @escaping @Sendable (LoopbackStatistics) -> Bool
  ) async -> Bool {
    await withCheckedContinuation { continuation in
      let id = shared.withLock { shared -> Int? in
        guard !condition(shared.statistics) else { return nil }
        let id = shared.nextWaiter
        shared.nextWaiter += 1
        shared.waiters[id] = Waiter(condition: condition, continuation: continuation)
        return id
      }
      guard let id else {
        continuation.resume(returning: true)
        return
      }
      let (seconds, attoseconds) = timeout.components
      let deadline = DispatchTime.now() + Double(seconds) + Double(attoseconds) / 1e18
      DispatchQueue.global().asyncAfter(deadline: deadline) { [self] in
        let waiter = shared.withLock { $0.waiters.removeValue(forKey: id) }
        waiter?.continuation.resume(returning: false)
      }
    }
  }

  /// Applies `change`, then resumes every waiter whose condition now holds.
  @discardableResult
  private func update<Result: Sendable>(_ change: (inout Shared) -> Result) -> Result {
    let (result, satisfied) = shared.withLock { shared -> (Result, [Waiter]) in
      let result = change(&shared)
      let ready = shared.waiters.filter { $0.value.condition(shared.statistics) }
      for id in ready.keys { shared.waiters[id] = nil }
      return (result, Array(ready.values))
    }
    for waiter in satisfied { waiter.continuation.resume(returning: true) }
    return result
  }
}
