import Foundation

/// The portal calls the non-interactive commands make one at a time: find an account by id
/// or name, list an account's roles, fetch role credentials, and (as a fallback for
/// `ssopick populate` until it uses the catalog loader) list everything sequentially.
///
/// Every call takes the token from an `AccessTokenProvider`; when the portal refuses it
/// (401) the provider renews it once and the call is repeated. Throttling
/// (`TooManyRequestsException`) is retried a few times with growing pauses on the injected
/// clock. The catalog loader does the same for the picker with concurrency and a shared rate
/// limiter; these commands make a handful of calls, so sequential is enough.
public struct PortalDirectory: Sendable {
  /// The portal client.
  public let portal: PortalClient
  /// Where tokens come from.
  public let tokens: any AccessTokenProvider
  /// The clock used between throttling retries.
  public let time: any TimeSource
  /// A cached catalog to answer from first (the catalog cache), if the caller has one.
  public var cachedCatalog: Catalog?
  /// The session's name, for messages.
  public var sessionName: String

  /// How many times a throttled call is tried in all.
  static let attempts = 5

  /// Creates a directory.
  public init(
    portal: PortalClient, tokens: any AccessTokenProvider,
    time: any TimeSource = SystemTimeSource(),
    cachedCatalog: Catalog? = nil, sessionName: String
  ) {
    self.portal = portal
    self.tokens = tokens
    self.time = time
    self.cachedCatalog = cachedCatalog
    self.sessionName = sessionName
  }

  /// Whether `text` is an account id (twelve digits) rather than a name.
  public static func isAccountID(_ text: String) -> Bool {
    text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// The account `query` names: an id (twelve digits) or an account name (exact, else
  /// case-insensitive). Names are looked up in the cached catalog, else with ListAccounts.
  ///
  /// For an id, `needName: false` returns at once (the name is the id) when the cached
  /// catalog does not know it, saving the listing; otherwise ListAccounts pages are read until
  /// the account appears. Several accounts of one name are an error listing their ids.
  public func account(_ query: String, needName: Bool = true) async throws -> AccountInfo {
    if Self.isAccountID(query) {
      if let known = cachedCatalog?.accounts.first(where: { $0.accountID == query }) {
        return known
      }
      guard needName else {
        return AccountInfo(accountID: query, accountName: query, emailAddress: "")
      }
      let accounts = try await listAccounts { page in page.contains { $0.accountID == query } }
      if let found = accounts.first(where: { $0.accountID == query }) { return found }
      // An id that is not listed may still work (e.g. a brand-new assignment); the portal
      // decides when credentials are requested.
      return AccountInfo(accountID: query, accountName: query, emailAddress: "")
    }
    let accounts: [AccountInfo]
    if let cachedCatalog, cachedCatalog.accounts.contains(where: { $0.accountName == query }) {
      accounts = cachedCatalog.accounts
    } else {
      accounts = try await listAccounts()
    }
    var matches = accounts.filter { $0.accountName == query }
    if matches.isEmpty {
      matches = accounts.filter {
        $0.accountName.compare(query, options: [.caseInsensitive]) == .orderedSame
      }
    }
    switch matches.count {
    case 0: throw OutputError.accountNotFound(query, session: sessionName)
    case 1: return matches[0]
    default:
      throw OutputError.ambiguousAccountName(query, accountIDs: matches.map(\.accountID).sorted())
    }
  }

  /// Every account (all ListAccounts pages), or the pages up to the first for which `stop`
  /// is true.
  public func listAccounts(stop: ([AccountInfo]) -> Bool = { _ in false }) async throws
    -> [AccountInfo]
  {
    var result: [AccountInfo] = []
    var next: String?
    repeat {
      let token = next
      let page = try await call { accessToken in
        try await portal.listAccounts(accessToken: accessToken, nextToken: token)
      }
      result += page.items
      if stop(page.items) { break }
      next = page.nextToken
    } while next != nil
    return result
  }

  /// Every role of `accountID` (all ListAccountRoles pages), sorted.
  public func roles(of accountID: String) async throws -> [String] {
    var result: [String] = []
    var next: String?
    repeat {
      let token = next
      let page = try await call { accessToken in
        try await portal.listAccountRoles(
          accessToken: accessToken, accountID: accountID, nextToken: token)
      }
      result += page.items
      next = page.nextToken
    } while next != nil
    return result.sorted(by: Catalog.nameOrder)
  }

  /// GetRoleCredentials. When the portal says the role is not assigned (403/404), the
  /// error names the roles the user does have in that account.
  public func roleCredentials(accountID: String, roleName: String) async throws
    -> RoleCredentials
  {
    do {
      return try await call { accessToken in
        try await portal.getRoleCredentials(
          accessToken: accessToken, accountID: accountID, roleName: roleName)
      }
    } catch let error as PortalError {
      guard let service = error.serviceError, service.status == 403 || service.status == 404
      else { throw error }
      let available: [String]
      do {
        available = try await roles(of: accountID)
      } catch let listing as PortalError where listing.serviceError?.status == 404 {
        throw OutputError.accountNotFound(accountID, session: sessionName)
      }
      throw OutputError.roleNotFound(role: roleName, accountID: accountID, available: available)
    }
  }

  /// The whole catalog, listed one call at a time (ListAccounts, then ListAccountRoles for
  /// each account). An account whose roles cannot be listed (403/404) is left without a
  /// `roles` entry ("not known"), so `populate --prune` keeps its profiles.
  public func sequentialCatalog() async throws -> Catalog {
    let accounts = try await listAccounts()
    var roles: [String: [String]] = [:]
    for account in accounts {
      do {
        roles[account.accountID] = try await self.roles(of: account.accountID)
      } catch let error as PortalError {
        guard let status = error.serviceError?.status, status == 403 || status == 404 else {
          throw error
        }
      }
    }
    return Catalog(accounts: accounts, roles: roles, fetchedAt: time.now)
  }

  /// Runs `body` with a token, renewing it once after a 401 and retrying throttled calls.
  private func call<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
    var token = try await tokens.accessToken()
    var renewed = false
    var pause = Duration.milliseconds(500)
    var attempt = 1
    while true {
      do {
        return try await body(token)
      } catch PortalError.unauthorized(let operation) {
        guard !renewed else { throw PortalError.unauthorized(operation: operation) }
        renewed = true
        token = try await tokens.renewAccessToken(after: token)
      } catch let error as PortalError {
        guard let service = error.serviceError, service.code == "TooManyRequestsException",
          attempt < Self.attempts
        else { throw error }
        attempt += 1
        try await time.sleep(for: service.retryAfter ?? pause)
        pause *= 2
      }
    }
  }
}
