public import Foundation

/// Wall-clock time and sleeping, injected everywhere the engine waits or compares times,
/// so tests never sleep for real.
public protocol TimeSource: Sendable {
  /// The current wall-clock time.
  var now: Date { get }
  /// Suspends for `duration`. Throws `CancellationError` if the task is cancelled.
  func sleep(for duration: Duration) async throws
  /// Suspends until `duration` has passed, as the losing side of a race (a timeout against
  /// work that may finish first). The real clock just sleeps; a test clock that moves time
  /// forward by itself for sleepers does not do so for a timeout — it fires only when time
  /// reaches it, so a timeout never wins a race against work that takes no time.
  func timeout(after duration: Duration) async throws
}

extension TimeSource {
  /// `sleep(for:)`.
  public func timeout(after duration: Duration) async throws {
    try await sleep(for: duration)
  }
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemTimeSource: TimeSource {
  /// Creates the system clock.
  public init() {}

  /// The current time, `Date()`.
  public var now: Date { Date() }

  /// Sleeps with `Task.sleep`.
  public func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}
