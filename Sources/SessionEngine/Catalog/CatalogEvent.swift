/// What the catalog loader reports while it works, in the order things happen. Front ends
/// fold these into their state: the picker shows accounts at once and fills roles in.
///
/// Guarantees (`CatalogLoader`, `CatalogSource`): `.cached` comes first when there is one;
/// an account's `.roles` or `.accountFailed` comes after the `.accounts` page that listed it;
/// every stream ends with exactly one `.finished` or `.failed` (unless the consumer cancels).
public enum CatalogEvent: Sendable, Equatable {
  /// The cached catalog, shown instantly at start. When it is older than the maximum age
  /// (or incomplete) a revalidation follows (`.accounts`, `.roles`, … then `.finished` with
  /// the new catalog); otherwise `.finished` with the same catalog follows at once.
  case cached(Catalog)
  /// A page of accounts arrived. `complete` is true on the last page.
  case accounts([AccountInfo], complete: Bool)
  /// All roles of one account arrived.
  case roles(accountID: String, roleNames: [String])
  /// Listing one account's roles failed for good (e.g. 403/404); the others go on.
  case accountFailed(accountID: String, message: String)
  /// Counts, for a progress indicator.
  case progress(CatalogProgress)
  /// The service is throttling; the loader slowed down and will retry (nothing is lost).
  case throttled(retryIn: Duration)
  /// The listing finished: the full catalog and what changed since the cached one
  /// (`CatalogChanges.none` when there was no cached catalog to compare with).
  case finished(Catalog, changes: CatalogChanges)
  /// The listing stopped (e.g. the session expired and cannot be renewed). The message
  /// says what to do.
  case failed(message: String)
}

/// How far a listing has come.
public struct CatalogProgress: Sendable, Equatable {
  /// Accounts listed so far.
  public var accountsListed: Int
  /// Whether the account list is complete (so `accountsListed` is the total).
  public var accountListComplete: Bool
  /// Accounts whose roles are known (listed or failed).
  public var accountsWithRoles: Int
  /// Requests currently in flight.
  public var requestsInFlight: Int
  /// Requests sent so far, retries included.
  public var requestsSent: Int
  /// Answers so far that were throttling (429); each was retried.
  public var throttledResponses: Int

  /// Creates a value.
  public init(
    accountsListed: Int, accountListComplete: Bool, accountsWithRoles: Int, requestsInFlight: Int,
    requestsSent: Int = 0, throttledResponses: Int = 0
  ) {
    self.accountsListed = accountsListed
    self.accountListComplete = accountListComplete
    self.accountsWithRoles = accountsWithRoles
    self.requestsInFlight = requestsInFlight
    self.requestsSent = requestsSent
    self.throttledResponses = throttledResponses
  }
}

/// What a refresh changed compared with the previous (cached) catalog.
public struct CatalogChanges: Sendable, Equatable {
  /// Accounts that appeared.
  public var addedAccounts: [AccountInfo]
  /// Accounts that disappeared.
  public var removedAccounts: [AccountInfo]
  /// Account/role pairs that appeared (in accounts present before and after).
  public var addedRoles: [CatalogEntry]
  /// Account/role pairs that disappeared.
  public var removedRoles: [CatalogEntry]

  /// No change.
  public static let none = CatalogChanges(
    addedAccounts: [], removedAccounts: [], addedRoles: [], removedRoles: [])

  /// Creates a value.
  public init(
    addedAccounts: [AccountInfo], removedAccounts: [AccountInfo], addedRoles: [CatalogEntry],
    removedRoles: [CatalogEntry]
  ) {
    self.addedAccounts = addedAccounts
    self.removedAccounts = removedAccounts
    self.addedRoles = addedRoles
    self.removedRoles = removedRoles
  }

  /// Whether nothing changed.
  public var isEmpty: Bool {
    addedAccounts.isEmpty && removedAccounts.isEmpty && addedRoles.isEmpty && removedRoles.isEmpty
  }
}
