import Foundation

/// A value guarded by an `NSLock` (`Synchronization.Mutex` needs macOS 15; the package
/// supports macOS 14). The value is only touched inside `withLock`.
final class LoopbackLocked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) {
    self.value = value
  }

  /// Runs `body` with exclusive access to the value.
  func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
