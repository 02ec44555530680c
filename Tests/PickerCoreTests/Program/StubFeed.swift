import Foundation
import PickerCore
import SessionEngine
import Synchronization

/// A catalog feed for tests: each `open` gets a stream the test fills, and every
/// `prioritize` and `cancel` is recorded.
final class StubFeed: CatalogFeed {
  private struct State {
    var continuations: [AsyncStream<CatalogEvent>.Continuation] = []
    var openedWith: [Bool] = []
    var asked: [String] = []
    var cancelled = 0
  }

  private let state = Mutex(State())
  private let initial: [CatalogEvent]

  /// A feed whose first listing starts with `initial` (more can be sent).
  init(initial: [CatalogEvent] = []) {
    self.initial = initial
  }

  func open(refresh: Bool) -> CatalogListing {
    let (stream, continuation) = AsyncStream.makeStream(of: CatalogEvent.self)
    let first = state.withLock { state in
      defer {
        state.continuations.append(continuation)
        state.openedWith.append(refresh)
      }
      return state.continuations.isEmpty
    }
    if first { for event in initial { continuation.yield(event) } }
    return CatalogListing(
      events: stream,
      prioritize: { [weak self] accountID in self?.record(accountID) },
      cancel: { [weak self] in self?.recordCancel() })
  }

  /// Sends `events` on listing number `listing` (0 = the first).
  func send(_ events: CatalogEvent..., listing: Int = 0) {
    let continuation = self.continuation(listing)
    for event in events { continuation?.yield(event) }
  }

  /// Ends listing number `listing`.
  func end(listing: Int = 0) {
    continuation(listing)?.finish()
  }

  /// The `refresh` argument of every `open`.
  var opens: [Bool] { state.withLock { $0.openedWith } }

  /// Every account asked for, in order.
  var prioritized: [String] { state.withLock { $0.asked } }

  /// How many times a listing was cancelled.
  var cancellations: Int { state.withLock { $0.cancelled } }

  private func continuation(_ listing: Int) -> AsyncStream<CatalogEvent>.Continuation? {
    state.withLock { state in
      state.continuations.indices.contains(listing) ? state.continuations[listing] : nil
    }
  }

  private func record(_ accountID: String) {
    state.withLock { $0.asked.append(accountID) }
  }

  private func recordCancel() {
    state.withLock { $0.cancelled += 1 }
  }
}
