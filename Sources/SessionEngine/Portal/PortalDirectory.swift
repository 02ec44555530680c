import Foundation
import Synchronization

/// The portal calls the non-interactive commands make: find an account by id or name, list
/// an account's roles, fetch role credentials.
///
/// Listing goes through the catalog loader (``CatalogLoader/Scope``), so these lookups have
/// the same guards as the picker and `ssopick list` — paging with a repeated-token check,
/// rate control, retries — and a cached catalog is asked first. GetRoleCredentials goes
/// through the one ``RetryPolicy``: when the portal refuses the token (401) the provider
/// renews it once and the call is repeated; throttling and server errors are retried with
/// backoff on the injected clock, within the policy's deadline.
public struct PortalDirectory: Sendable {
  /// The portal client.
  public let portal: PortalClient
  /// Where tokens come from.
  public let tokens: any AccessTokenProvider
  /// The clock used between retries.
  public let time: any TimeSource
  /// A cached catalog to answer from first (the catalog cache), if the caller has one.
  public var cachedCatalog: Catalog?
  /// The session's name, for messages.
  public var sessionName: String
  /// The listing settings (their retry policy also governs GetRoleCredentials).
  public var settings: CatalogLoader.Settings
  private let jitter: @Sendable () -> Double

  /// Creates a directory.
  public init(
    portal: PortalClient, tokens: any AccessTokenProvider,
    time: any TimeSource = SystemTimeSource(), cachedCatalog: Catalog? = nil,
    sessionName: String, settings: CatalogLoader.Settings = CatalogLoader.Settings(),
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.portal = portal
    self.tokens = tokens
    self.time = time
    self.cachedCatalog = cachedCatalog
    self.sessionName = sessionName
    self.settings = settings
    self.jitter = jitter
  }

  /// Whether `text` is an account id (twelve digits) rather than a name.
  public static func isAccountID(_ text: String) -> Bool {
    text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  private var loader: CatalogLoader {
    CatalogLoader(portal: portal, tokens: tokens, settings: settings, time: time, jitter: jitter)
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
      let accounts = try await listAccounts { listed in
        listed.contains { $0.accountID == query }
      }
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

  /// Every account (all ListAccounts pages), or the pages up to the first after which
  /// `found` is true of the accounts listed so far.
  public func listAccounts(
    until found: @escaping @Sendable ([AccountInfo]) -> Bool = { _ in false }
  ) async throws -> [AccountInfo] {
    try await loader.start(scope: .accounts(until: found)).result().catalog.accounts
  }

  /// Every role of `accountID` (all ListAccountRoles pages), sorted. Answered from the
  /// cached catalog when it knows the account's roles.
  public func roles(of accountID: String) async throws -> [String] {
    if let known = cachedCatalog?.roles[accountID] { return known }
    let account = AccountInfo(accountID: accountID, accountName: accountID, emailAddress: "")
    var failure: String?
    var roles: [String]?
    for await event in loader.start(scope: .roles(of: [account])).events {
      switch event {
      case .roles(_, let names): roles = names
      case .accountFailed(_, let message): failure = message
      case .failed(let message): throw CatalogError.listingFailed(message: message)
      default: continue
      }
    }
    if let roles { return roles }
    throw CatalogError.listingFailed(
      message: failure ?? "The roles of account \(accountID) could not be listed.")
  }

  /// GetRoleCredentials. When the portal says the role is not assigned (403/404), the
  /// error names the roles the user does have in that account.
  public func roleCredentials(accountID: String, roleName: String) async throws
    -> RoleCredentials
  {
    do {
      return try await call("GetRoleCredentials") { accessToken in
        try await portal.getRoleCredentials(
          accessToken: accessToken, accountID: accountID, roleName: roleName)
      }
    } catch let error as PortalError {
      guard let service = error.serviceError, service.status == 403 || service.status == 404
      else { throw error }
      // Is it the account or the role? Only an account the user has can have roles.
      var listed = cachedCatalog?.accounts.contains { $0.accountID == accountID } ?? false
      if !listed {
        let accounts = try await listAccounts { $0.contains { $0.accountID == accountID } }
        listed = accounts.contains { $0.accountID == accountID }
      }
      guard listed else {
        throw OutputError.accountNotFound(accountID, session: sessionName)
      }
      let available = (try? await roles(of: accountID)) ?? []
      throw OutputError.roleNotFound(role: roleName, accountID: accountID, available: available)
    }
  }

  /// Runs `body` with a token under the retry policy, renewing the token once after a 401.
  private func call<T: Sendable>(
    _ operation: String, _ body: @escaping @Sendable (String) async throws -> T
  ) async throws -> T {
    let tokens = tokens
    let first = try await tokens.accessToken()
    let renewal = Mutex(Renewal(token: first))
    return try await settings.retry.run(
      RetryOperation(service: "the SSO portal", name: operation), time: time, jitter: jitter
    ) {
      let token = renewal.withLock { $0.token }
      do {
        return try await body(token)
      } catch PortalError.unauthorized(let operation) {
        guard renewal.withLock({ $0.renewable }) else {
          throw PortalError.unauthorized(operation: operation)
        }
        let renewed = try await tokens.renewAccessToken(after: token)
        renewal.withLock {
          $0.token = renewed
          $0.renewable = false
        }
        return try await body(renewed)
      }
    }
  }

  private struct Renewal {
    var token: String
    var renewable = true
  }
}
