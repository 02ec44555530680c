import Foundation

/// A value guarded by a lock. The fake keeps all of its mutable state behind one of these so
/// request handling stays simple, synchronous code (each request holds the lock for
/// microseconds; latency sleeps happen outside it).
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) {
    self.value = value
  }

  func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
