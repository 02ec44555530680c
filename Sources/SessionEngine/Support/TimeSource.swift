public import Foundation

/// Wall-clock time and sleeping, injected everywhere the engine waits or compares times,
/// so tests never sleep for real.
public protocol TimeSource: Sendable {
  /// The current wall-clock time.
  var now: Date { get }
  /// Suspends for `duration`. Throws `CancellationError` if the task is cancelled.
  func sleep(for duration: Duration) async throws
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
