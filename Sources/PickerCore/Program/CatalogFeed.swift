public import SessionEngine

/// Where the picker's catalog comes from: the seam between the picker and the catalog
/// loader (`CatalogSource` in the session engine; a stub in tests).
public protocol CatalogFeed: Sendable {
  /// Starts a listing: from the cache and then the network (`refresh == false`), or from
  /// the network only (Ctrl-R).
  func open(refresh: Bool) -> CatalogFeedListing
}

/// A running listing: its events, and how to steer and stop it.
public struct CatalogFeedListing: Sendable {
  /// The listing's events, in order, ending after `.finished` or `.failed`.
  public var events: AsyncStream<CatalogEvent>
  /// Lists this account's roles next (the highlighted row's account).
  public var prioritize: @Sendable (String) -> Void
  /// Stops the listing.
  public var cancel: @Sendable () -> Void

  /// Creates a listing.
  public init(
    events: AsyncStream<CatalogEvent>, prioritize: @escaping @Sendable (String) -> Void,
    cancel: @escaping @Sendable () -> Void
  ) {
    self.events = events
    self.prioritize = prioritize
    self.cancel = cancel
  }
}
