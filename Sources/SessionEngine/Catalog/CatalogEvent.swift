/// What the catalog loader reports while it works, in the order things happen. Front ends
/// fold these into their state: the picker shows accounts at once and fills roles in.
public enum CatalogEvent: Sendable, Equatable {
  /// The cached catalog, shown instantly at start; a revalidation follows unless the
  /// caller asked for the cache only.
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
  /// The listing finished: the full catalog and what changed since the cached one.
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

  /// Creates a value.
  public init(
    accountsListed: Int, accountListComplete: Bool, accountsWithRoles: Int, requestsInFlight: Int
  ) {
    self.accountsListed = accountsListed
    self.accountListComplete = accountListComplete
    self.accountsWithRoles = accountsWithRoles
    self.requestsInFlight = requestsInFlight
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
