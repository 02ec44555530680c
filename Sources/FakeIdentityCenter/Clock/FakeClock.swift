public import Foundation
import Synchronization

/// The time source of the fake: every expiry, polling-interval and rate-limit decision reads
/// `now`, and injected latency goes through `sleep(for:)`. Tests pass a `ManualFakeClock` so
/// they never wait for real. (The fake does not depend on `SessionEngine`, so it has its own.)
public protocol FakeClock: Sendable {
  /// The current wall-clock time.
  var now: Date { get }
  /// Suspends for `duration` (used only for injected latency). Throws on cancellation.
  func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()`, and sleeps timed by a dispatch queue of the fake's own.
public struct SystemFakeClock: FakeClock {
  /// Creates the system clock.
  public init() {}

  /// `Date()`.
  public var now: Date { Date() }

  /// Waits `duration` (throws `CancellationError` when the task is cancelled).
  ///
  /// Not `Task.sleep`: its wake-up runs on the Swift concurrency pool, so a test that
  /// blocks the pool's threads (one per core) would hold back every delayed answer of the
  /// fake, which then all arrive at once. A private dispatch queue's threads are not the
  /// pool's.
  public func sleep(for duration: Duration) async throws {
    guard duration > .zero else { return }
    let wake = SleepWake()
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<Void, any Error>) in
        wake.arm(continuation)
        let parts = duration.components
        let nanoseconds =
          Int(parts.seconds) * 1_000_000_000 + Int(parts.attoseconds / 1_000_000_000)
        Self.timers.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
          wake.resume(with: .success(()))
        }
      }
    } onCancel: {
      wake.resume(with: .failure(CancellationError()))
    }
  }

  private static let timers = DispatchQueue(label: "FakeIdentityCenter.timers")
}

/// Resumes a sleep's continuation once: on time, or on cancellation (whichever is first;
/// a cancellation before the continuation exists is kept for it).
private final class SleepWake: Sendable {
  private struct State {
    var continuation: CheckedContinuation<Void, any Error>?
    var early: Result<Void, any Error>?
    var done = false
  }

  private let state = Mutex(State())

  func arm(_ continuation: CheckedContinuation<Void, any Error>) {
    let early = state.withLock { state -> Result<Void, any Error>? in
      if let early = state.early {
        state.done = true
        return early
      }
      state.continuation = continuation
      return nil
    }
    if let early { continuation.resume(with: early) }
  }

  func resume(with result: Result<Void, any Error>) {
    let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
      guard !state.done else { return nil }
      guard let continuation = state.continuation else {
        state.early = result
        return nil
      }
      state.done = true
      state.continuation = nil
      return continuation
    }
    continuation?.resume(with: result)
  }
}

/// A clock that only moves when told to. `sleep(for:)` advances it instead of waiting.
public final class ManualFakeClock: FakeClock {
  private let current: Mutex<Date>

  /// Starts at `start` (default: 2026-01-01T00:00:00Z).
  public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
    current = Mutex(start)
  }

  /// The clock's current time.
  public var now: Date { current.withLock { $0 } }

  /// Moves the clock forward by `seconds`.
  public func advance(by seconds: TimeInterval) {
    current.withLock { $0 = $0.addingTimeInterval(seconds) }
  }

  /// Advances the clock by `duration` at once; never waits.
  public func sleep(for duration: Duration) async throws {
    let parts = duration.components
    advance(by: TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18)
  }
}
