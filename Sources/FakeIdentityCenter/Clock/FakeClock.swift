public import Foundation

/// The time source of the fake: every expiry, polling-interval and rate-limit decision reads
/// `now`, and injected latency goes through `sleep(for:)`. Tests pass a `ManualFakeClock` so
/// they never wait for real. (The fake does not depend on `SessionEngine`, so it has its own.)
public protocol FakeClock: Sendable {
  /// The current wall-clock time.
  var now: Date { get }
  /// Suspends for `duration` (used only for injected latency). Throws on cancellation.
  func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemFakeClock: FakeClock {
  /// Creates the system clock.
  public init() {}

  /// `Date()`.
  public var now: Date { Date() }

  /// `Task.sleep(for:)`.
  public func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}

/// A clock that only moves when told to. `sleep(for:)` advances it instead of waiting.
public final class ManualFakeClock: FakeClock, @unchecked Sendable {
  private let lock = NSLock()
  private var current: Date

  /// Starts at `start` (default: 2026-01-01T00:00:00Z).
  public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
    current = start
  }

  /// The clock's current time.
  public var now: Date {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  /// Moves the clock forward by `seconds`.
  public func advance(by seconds: TimeInterval) {
    lock.lock()
    defer { lock.unlock() }
    current = current.addingTimeInterval(seconds)
  }

  /// Advances the clock by `duration` at once; never waits.
  public func sleep(for duration: Duration) async throws {
    let parts = duration.components
    advance(by: TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18)
  }
}
