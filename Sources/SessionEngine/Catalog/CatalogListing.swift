/// A catalog listing in progress: its events, and a way to steer or stop it.
///
/// `events` may be iterated by one consumer. Ending that iteration early (or dropping the
/// stream) cancels the listing, as does `cancel()`.
public final class CatalogListing: Sendable {
  /// What happens, as it happens (see `CatalogEvent` for the order guaranteed).
  public let events: AsyncStream<CatalogEvent>
  private let prioritizeAction: @Sendable (String) -> Void
  private let cancelAction: @Sendable () -> Void

  /// Wraps a stream of events with the actions that steer it.
  public init(
    events: AsyncStream<CatalogEvent>, prioritize: @escaping @Sendable (String) -> Void,
    cancel: @escaping @Sendable () -> Void
  ) {
    self.events = events
    self.prioritizeAction = prioritize
    self.cancelAction = cancel
  }

  /// Lists `accountID`'s roles next (before every account not prioritized, and before
  /// accounts prioritized earlier). The picker calls this for the account under the cursor.
  /// An account that is not known yet is put first when it arrives; one already listed is
  /// left alone. Never blocks.
  public func prioritize(accountID: String) {
    prioritizeAction(accountID)
  }

  /// Stops the listing; the event stream ends without `.finished`.
  public func cancel() {
    cancelAction()
  }

  /// Waits for the end and returns the final catalog and changes, or throws
  /// `CatalogError.listingFailed` with the `.failed` message.
  public func result() async throws(CatalogError) -> (catalog: Catalog, changes: CatalogChanges) {
    for await event in events {
      switch event {
      case .finished(let catalog, let changes): return (catalog, changes)
      case .failed(let message): throw .listingFailed(message: message)
      default: continue
      }
    }
    throw .listingFailed(message: "The listing was cancelled.")
  }
}
