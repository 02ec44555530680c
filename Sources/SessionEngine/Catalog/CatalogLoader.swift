import Foundation

/// Lists every account and every role of a session through the portal (spec §5), fast at
/// any size and within the service's rate limit.
///
/// Data flow: ListAccounts pages (one after another, `max_result` 100) → each new account
/// queues a ListAccountRoles call → up to `maxInFlight` calls run at once, paced by one
/// `RateController` shared by all of them → results stream out as `CatalogEvent`s.
///
/// - Roles of the first accounts page are listed while the next accounts page loads.
/// - Role lists are paged too; a next token seen twice in one chain is an error (botocore's
///   rule). An empty next token ends the list (botocore would loop on it).
/// - Retries follow the one `RetryPolicy`: 5xx answers, timeouts and network failures are
///   retried `retry.maxAttempts` times in all with its backoff; each call is abandoned after
///   `retry.attemptTimeout`. Throttling (429) is retried for as long as the service accepts
///   *something* within `retry.throttlingDeadline`, paced by the rate controller; it never fails a
///   listing by itself. When the service has answered nothing for `retry.deadline` (every
///   call throttled, failing or hanging), the listing fails and says so.
/// - One account's 403/404 (or lasting 5xx) is `.accountFailed`; the others go on. Failing
///   ListAccounts, or a network that stays down, fails the listing (`.failed`).
/// - A 401 asks the token provider for a renewed token once, then retries the call once;
///   when renewing fails, the listing fails with the provider's message (which says to run
///   `ssopick login`).
/// - Every wait goes through the injected `TimeSource`, and jitter comes from the injected
///   `jitter` function, so tests are deterministic and never sleep.
/// - A listing can be narrowed (``Scope``): only the accounts (until one is found), or only
///   the roles of given accounts — the same calls, guards and pacing, fewer of them.
public struct CatalogLoader: Sendable {
  /// The knobs of a listing.
  public struct Settings: Sendable, Equatable {
    /// Rate and concurrency control (`maxInFlight` is the ceiling, default 32).
    public var rate: RateController.Settings
    /// `max_result` for both list operations (1...100).
    public var pageSize: Int
    /// Which failures are retried, how often, and the time limits (one attempt, and how
    /// long the service may answer nothing before the listing fails).
    public var retry: RetryPolicy

    /// Creates settings; the defaults are 32 in flight, pages of 100 and the standard
    /// retry policy (5 attempts, 10 s per call, 30 s without an answer).
    public init(
      rate: RateController.Settings = RateController.Settings(),
      pageSize: Int = PortalClient.maxPageSize, retry: RetryPolicy = .standard
    ) {
      self.rate = rate
      self.pageSize = min(max(pageSize, 1), PortalClient.maxPageSize)
      self.retry = retry
    }
  }

  /// What a listing covers.
  public enum Scope: Sendable {
    /// Every account and every role (the catalog).
    case everything
    /// Only ListAccounts pages, until `found` is true of the accounts listed so far (or
    /// the list ends). Roles are not listed.
    case accounts(until: @Sendable ([AccountInfo]) -> Bool)
    /// Only the roles of these accounts (ListAccountRoles for each).
    case roles(of: [AccountInfo])
  }

  private let portal: PortalClient
  private let tokens: any AccessTokenProvider
  private let settings: Settings
  private let time: any TimeSource
  private let jitter: @Sendable () -> Double

  /// Creates a loader that calls `portal` with tokens from `tokens`.
  ///
  /// - Parameter jitter: returns a number in `0..<1` for each backoff (default: random).
  public init(
    portal: PortalClient, tokens: any AccessTokenProvider, settings: Settings = Settings(),
    time: any TimeSource = SystemTimeSource(),
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.portal = portal
    self.tokens = tokens
    self.settings = settings
    self.time = time
    self.jitter = jitter
  }

  /// Starts a listing at once. `previous` (e.g. the cached catalog) is what the final
  /// `.finished` event's changes are computed against.
  ///
  /// `scope` narrows the listing; its `.finished` catalog then holds what was listed.
  public func start(previous: Catalog? = nil, scope: Scope = .everything) -> CatalogListing {
    let run = ListingRun(
      portal: portal, tokens: tokens, settings: settings, time: time, jitter: jitter,
      previous: previous, scope: scope)
    let task = Task { await run.run() }
    // Dropping or leaving the stream stops the work.
    run.eventSink.onTermination = { _ in task.cancel() }
    return CatalogListing(
      events: run.events,
      prioritize: { run.prioritize($0) },
      cancel: { task.cancel() })
  }
}
