public import Foundation
import SessionEngine

/// What the picker knows about one sso-session: its listing and its sign-in.
public struct SessionState: Equatable, Sendable {
  /// The session's catalog listing.
  public internal(set) var loading = LoadingStatus()
  /// When the session's access token expires, if known.
  public internal(set) var loginExpiresAt: Date?
  /// Whether the sign-in renews itself when the access token expires (a refresh token).
  public internal(set) var loginRenewable = false
  /// Whether the session was signed in when the picker opened (or has been since).
  public internal(set) var signedIn: Bool

  /// Creates a state.
  public init(signedIn: Bool) {
    self.signedIn = signedIn
  }

  /// Whether signing in again would help: never signed in, the login ended and cannot
  /// renew itself, or the listing stopped.
  public func needsSignIn(now: Date) -> Bool {
    if !signedIn { return true }
    if case .failed = loading.phase { return true }
    if let expiry = loginExpiresAt, expiry <= now, !loginRenewable { return true }
    return false
  }

  /// Whether the title lists the session as not signed in.
  public func isSignedOut(now: Date) -> Bool {
    if !signedIn { return true }
    if let expiry = loginExpiresAt, expiry <= now, !loginRenewable { return true }
    return false
  }
}

extension LoadingStatus {
  /// The status of several sessions' listings as one: loading while any is, finished when
  /// the rest are (one that failed is reported on its own), failed when all did; counts
  /// added up.
  static func combined(_ statuses: [LoadingStatus], names: [String]) -> LoadingStatus {
    if statuses.count == 1, let only = statuses.first { return only }
    var result = LoadingStatus()
    let phases = statuses.map(\.phase)
    if phases.allSatisfy({ $0 == .starting }) {
      result.phase = .starting
    } else if phases.contains(where: { $0 == .starting || $0 == .loading }) {
      result.phase = .loading
    } else if phases.contains(.finished) {
      result.phase = .finished
    } else if let index = phases.firstIndex(where: { if case .failed = $0 { true } else { false } }
    ),
      case .failed(let message) = phases[index]
    {
      let name = names.indices.contains(index) ? names[index] + ": " : ""
      result.phase = .failed(name + message)
    }
    var progress: CatalogProgress?
    for status in statuses {
      if let next = status.progress {
        if var sum = progress {
          sum.accountsListed += next.accountsListed
          sum.accountListComplete = sum.accountListComplete && next.accountListComplete
          sum.accountsWithRoles += next.accountsWithRoles
          sum.requestsInFlight += next.requestsInFlight
          sum.requestsSent += next.requestsSent
          sum.throttledResponses += next.throttledResponses
          progress = sum
        } else {
          progress = next
        }
      }
      if let until = status.throttledUntil {
        result.throttledUntil = max(result.throttledUntil ?? until, until)
      }
      result.failedAccounts.merge(status.failedAccounts) { first, _ in first }
      result.fromCache = result.fromCache || status.fromCache
    }
    result.progress = progress
    return result
  }
}
