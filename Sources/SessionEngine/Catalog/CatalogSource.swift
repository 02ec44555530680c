import Foundation
import Synchronization

/// The catalog as front ends want it: the cached one at once, then (when it is stale) a
/// fresh listing, saved back to the cache — stale-while-revalidate.
///
/// `open(_:)` returns a `CatalogListing` whose events are:
/// - `.automatic`: `.cached(c)` if there is a cache; if it is fresh (younger than `maxAge`
///   and complete), `.finished(c, changes: .none)` at once and no network at all; otherwise
///   the loader's events, ending in `.finished(new, changes: against the cache)`.
/// - `.cachedOnly`: `.cached(c)` then `.finished(c, .none)`; never the network. No cache:
///   `.failed` with `CatalogError.noCachedCatalog`'s message.
/// - `.refresh`: the loader's events only (the cache is read only to compute the changes).
///
/// A successful listing is written to the cache before `.finished` is passed on, so a front
/// end may exit as soon as it sees `.finished`.
public struct CatalogSource: Sendable {
  /// How much the cache may be trusted.
  public enum Freshness: Sendable, Equatable {
    /// Use the cache when younger than `maxAge`; otherwise show it and list again.
    case automatic(maxAge: Duration)
    /// Only the cache, never the network.
    case cachedOnly
    /// Ignore the cache; list again.
    case refresh
  }

  /// The default maximum age of a cached catalog: one hour.
  public static let defaultMaxAge: Duration = .seconds(3600)

  private let cache: CatalogCache?
  private let sessionName: String
  private let time: any TimeSource
  private let makeLoader: @Sendable () async throws -> CatalogLoader
  private let onSaveError: @Sendable (FileError) -> Void

  /// Creates a source.
  ///
  /// - Parameters:
  ///   - cache: the session's cache, or `nil` to keep nothing.
  ///   - sessionName: how messages name the session (`SessionContext.displayName`).
  ///   - makeLoader: builds the loader when the network is needed (so a fresh cache costs
  ///     no transport, no token).
  ///   - onSaveError: told when the listing could not be written to the cache (the
  ///     listing itself still succeeds).
  public init(
    cache: CatalogCache?, sessionName: String, time: any TimeSource = SystemTimeSource(),
    makeLoader: @escaping @Sendable () async throws -> CatalogLoader,
    onSaveError: @escaping @Sendable (FileError) -> Void = { _ in }
  ) {
    self.cache = cache
    self.sessionName = sessionName
    self.time = time
    self.makeLoader = makeLoader
    self.onSaveError = onSaveError
  }

  /// Starts producing the catalog with `freshness`.
  public func open(_ freshness: Freshness) -> CatalogListing {
    let (events, sink) = AsyncStream.makeStream(of: CatalogEvent.self)
    let handoff = Handoff()
    let task = Task { await produce(freshness, sink: sink, handoff: handoff) }
    sink.onTermination = { _ in
      task.cancel()
      handoff.cancel()
    }
    return CatalogListing(
      events: events,
      prioritize: { accountID in handoff.prioritize(accountID: accountID) },
      cancel: {
        task.cancel()
        handoff.cancel()
      })
  }

  /// Where `produce` hands the loader's listing to the closures of the `CatalogListing`
  /// already returned: wishes to prioritize an account made before the listing exists are
  /// kept and passed on when it arrives. `prioritize` is called synchronously from the
  /// picker's run loop, so this is a lock, not an actor.
  private final class Handoff: Sendable {
    private struct State {
      var listing: CatalogListing?
      var wishes: [String] = []
    }

    private let state = Mutex(State())

    /// Prioritizes `accountID` in the listing, or remembers it for the listing to come.
    func prioritize(accountID: String) {
      let listing = state.withLock { state -> CatalogListing? in
        if state.listing == nil { state.wishes.append(accountID) }
        return state.listing
      }
      listing?.prioritize(accountID: accountID)
    }

    /// Keeps `listing` and passes it the wishes made so far.
    func attach(_ listing: CatalogListing) {
      let wishes = state.withLock { state -> [String] in
        state.listing = listing
        defer { state.wishes = [] }
        return state.wishes
      }
      for accountID in wishes { listing.prioritize(accountID: accountID) }
    }

    /// Cancels the listing, if there is one yet.
    func cancel() {
      state.withLock { $0.listing }?.cancel()
    }
  }

  private func produce(
    _ freshness: Freshness, sink: AsyncStream<CatalogEvent>.Continuation, handoff: Handoff
  ) async {
    defer { sink.finish() }
    let cached = cache?.load()
    switch freshness {
    case .cachedOnly:
      if let cached {
        sink.yield(.cached(cached))
        sink.yield(.finished(cached, changes: .none))
      } else {
        sink.yield(.failed(message: CatalogError.noCachedCatalog(session: sessionName).description))
      }
      return
    case .automatic(let maxAge):
      if let cached {
        sink.yield(.cached(cached))
        if !CatalogCache.isStale(cached, maxAge: maxAge, now: time.now) {
          sink.yield(.finished(cached, changes: .none))
          return
        }
      }
    case .refresh:
      break
    }
    let loader: CatalogLoader
    do {
      loader = try await makeLoader()
    } catch {
      sink.yield(.failed(message: ListingRun.describe(error)))
      return
    }
    if Task.isCancelled { return }
    let listing = loader.start(previous: cached)
    handoff.attach(listing)
    for await event in listing.events {
      if case .finished(let catalog, _) = event, let cache {
        do {
          try cache.save(catalog)
        } catch {
          onSaveError(error)
        }
      }
      sink.yield(event)
    }
  }
}
