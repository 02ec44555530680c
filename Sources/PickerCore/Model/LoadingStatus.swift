public import Foundation
public import SessionEngine

/// Where the catalog listing stands, as the title and status lines show it.
public struct LoadingStatus: Equatable, Sendable {
  /// The listing's phase.
  public enum Phase: Hashable, Sendable {
    /// Waiting for the first event.
    case starting
    /// Accounts or roles are being listed.
    case loading
    /// The listing finished.
    case finished
    /// The listing stopped; the message says what to do.
    case failed(String)
  }

  /// The phase.
  public var phase: Phase = .starting
  /// The latest progress report.
  public var progress: CatalogProgress?
  /// While the service throttles: when the loader retries.
  public var throttledUntil: Date?
  /// Accounts whose roles could not be listed, with the reason.
  public var failedAccounts: [String: String] = [:]
  /// Whether what is shown came from the cache (and is being checked).
  public var fromCache = false

  /// Creates a status (starting).
  public init() {}

  /// Whether a listing is under way.
  public var isLoading: Bool { phase == .starting || phase == .loading }
}
