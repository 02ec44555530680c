import Foundation

/// A value behind a lock, for state that synchronous callers (such as
/// `CatalogListing.prioritize(accountID:)`, called from the picker's run loop) and concurrent
/// tasks share. `Synchronization.Mutex` needs macOS 15, so this is an `NSLock` in a box.
/// Critical sections are short and never suspend.
final class Guarded<Value>: @unchecked Sendable {
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
