import Foundation

/// A value guarded by a lock. `Synchronization.Mutex` would do, but it needs macOS 15 and
/// the package supports macOS 14, so this is `NSLock` plus the one rule that matters: the
/// value is only touched inside `withLock`.
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) {
    self.value = value
  }

  /// Runs `body` with exclusive access to the value. Keep `body` short and never call
  /// back into code that could take the same lock.
  func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
