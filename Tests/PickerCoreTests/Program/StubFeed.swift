import Foundation
import PickerCore
import SessionEngine

/// A catalog feed for tests: each `open` gets a stream the test fills, and every
/// `prioritize` and `cancel` is recorded.
final class StubFeed: CatalogFeed, @unchecked Sendable {
  private let lock = NSLock()
  private var continuations: [AsyncStream<CatalogEvent>.Continuation] = []
  private var openedWith: [Bool] = []
  private var asked: [String] = []
  private var cancelled = 0
  private let initial: [CatalogEvent]

  /// A feed whose first listing starts with `initial` (more can be sent).
  init(initial: [CatalogEvent] = []) {
    self.initial = initial
  }

  func open(refresh: Bool) -> CatalogListing {
    let (stream, continuation) = AsyncStream.makeStream(of: CatalogEvent.self)
    lock.lock()
    let first = continuations.isEmpty
    continuations.append(continuation)
    openedWith.append(refresh)
    lock.unlock()
    if first { for event in initial { continuation.yield(event) } }
    return CatalogListing(
      events: stream,
      prioritize: { [weak self] accountID in self?.record(accountID) },
      cancel: { [weak self] in self?.recordCancel() })
  }

  /// Sends `events` on listing number `listing` (0 = the first).
  func send(_ events: CatalogEvent..., listing: Int = 0) {
    lock.lock()
    let continuation = continuations.indices.contains(listing) ? continuations[listing] : nil
    lock.unlock()
    for event in events { continuation?.yield(event) }
  }

  /// Ends listing number `listing`.
  func end(listing: Int = 0) {
    lock.lock()
    let continuation = continuations.indices.contains(listing) ? continuations[listing] : nil
    lock.unlock()
    continuation?.finish()
  }

  /// The `refresh` argument of every `open`.
  var opens: [Bool] {
    lock.lock()
    defer { lock.unlock() }
    return openedWith
  }

  /// Every account asked for, in order.
  var prioritized: [String] {
    lock.lock()
    defer { lock.unlock() }
    return asked
  }

  /// How many times a listing was cancelled.
  var cancellations: Int {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }

  private func record(_ accountID: String) {
    lock.lock()
    asked.append(accountID)
    lock.unlock()
  }

  private func recordCancel() {
    lock.lock()
    cancelled += 1
    lock.unlock()
  }
}
