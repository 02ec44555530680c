public import SessionEngine

/// Where the picker's catalog comes from: the seam between the picker and the catalog
/// loader (`CatalogSource` in the session engine; a stub in tests).
public protocol CatalogFeed: Sendable {
  /// Starts a listing: from the cache and then the network (`refresh == false`), or from
  /// the network only (Ctrl-R).
  func open(refresh: Bool) -> CatalogListing
}
