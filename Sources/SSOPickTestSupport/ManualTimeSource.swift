public import Foundation
public import SessionEngine
import Synchronization

/// A `TimeSource` for tests: time moves only when the test says so, so nothing ever sleeps
/// for real.
///
/// With `autoAdvance`, `sleep(for:)` moves the clock forward and returns at once (for
/// sequential code such as polling loops). Without it, sleepers wait until `advance(by:)`
/// passes their deadline (for races, such as a timeout against a callback).
public final class ManualTimeSource: TimeSource {
  private struct Sleeper {
    var id: Int
    var deadline: Date
    var continuation: CheckedContinuation<Void, any Error>
  }

  private struct State {
    var now: Date
    var sleepers: [Sleeper] = []
    var sleeps: [Duration] = []
    var nextID = 0
  }

  private let state: Mutex<State>
  private let autoAdvance: Bool
  /// Rung whenever a task starts waiting (for `driving`, which waits instead of spinning).
  private let bells = Mutex<[Int: AsyncStream<Void>.Continuation]>([:])

  /// A clock that starts at `start`.
  public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600), autoAdvance: Bool = true) {
    state = Mutex(State(now: start))
    self.autoAdvance = autoAdvance
  }

  /// The current (virtual) time.
  public var now: Date { state.withLock { $0.now } }

  /// Every duration passed to `sleep(for:)`, in order.
  public var sleeps: [Duration] { state.withLock { $0.sleeps } }

  /// How many tasks are waiting in `sleep(for:)` or `timeout(after:)` right now.
  public var waitingSleepers: Int { state.withLock { $0.sleepers.count } }

  /// Sleeps in virtual time.
  public func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    if autoAdvance {
      let due = state.withLock { state -> [Sleeper] in
        state.sleeps.append(duration)
        state.now = state.now.addingTimeInterval(duration.seconds)
        return Self.takeDue(&state)
      }
      for sleeper in due { sleeper.continuation.resume() }
      return
    }
    try await wait(for: duration, recorded: true)
  }

  /// A timeout in virtual time: it fires only when the clock reaches it — by `advance(by:)`,
  /// or, with `autoAdvance`, by other sleepers moving the clock — never by itself. Not
  /// recorded in `sleeps`.
  public func timeout(after duration: Duration) async throws {
    try Task.checkCancellation()
    try await wait(for: duration, recorded: false)
  }

  private static func takeDue(_ state: inout State) -> [Sleeper] {
    let now = state.now
    let due = state.sleepers.filter { $0.deadline <= now }
    state.sleepers.removeAll { $0.deadline <= now }
    return due
  }

  private func wait(for duration: Duration, recorded: Bool) async throws {
    let id = state.withLock { state in
      state.nextID += 1
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        state.withLock { state in
          if recorded { state.sleeps.append(duration) }
          state.sleepers.append(
            Sleeper(
              id: id, deadline: state.now.addingTimeInterval(duration.seconds),
              continuation: continuation))
        }
        for bell in bells.withLock({ Array($0.values) }) { bell.yield() }
      }
    } onCancel: {
      let cancelled = state.withLock { state -> Sleeper? in
        guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
        return state.sleepers.remove(at: index)
      }
      cancelled?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Moves the clock to the earliest sleeper's deadline (if any is waiting) and wakes every
  /// sleeper whose deadline has come; never past a deadline nobody waits for.
  public func advanceToNextDeadline() {
    let due = state.withLock { state -> [Sleeper] in
      guard let next = state.sleepers.map(\.deadline).min() else { return [] }
      if next > state.now { state.now = next }
      return Self.takeDue(&state)
    }
    for sleeper in due { sleeper.continuation.resume() }
  }

  /// Moves the clock forward and wakes every sleeper whose deadline has come.
  public func advance(by duration: Duration) {
    let due = state.withLock { state -> [Sleeper] in
      state.now = state.now.addingTimeInterval(duration.seconds)
      return Self.takeDue(&state)
    }
    for sleeper in due { sleeper.continuation.resume() }
  }

  /// A new stream that signals each time a task starts waiting on the clock (only the
  /// latest signal is kept), until it is dropped.
  func waiterArrivals() -> AsyncStream<Void> {
    let (stream, continuation) = AsyncStream.makeStream(
      of: Void.self, bufferingPolicy: .bufferingNewest(1))
    let id = state.withLock { state in
      state.nextID += 1
      return state.nextID
    }
    bells.withLock { $0[id] = continuation }
    continuation.onTermination = { [weak self] _ in
      _ = self?.bells.withLock { $0.removeValue(forKey: id) }
    }
    if waitingSleepers > 0 { continuation.yield() }
    return stream
  }

  /// Waits (yielding, never sleeping) until at least `count` tasks are sleeping.
  public func waitForSleepers(_ count: Int = 1) async {
    while waitingSleepers < count { await Task.yield() }
  }
}

extension Duration {
  /// The duration in seconds, as a `TimeInterval`.
  public var seconds: TimeInterval {
    TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
  }
}
