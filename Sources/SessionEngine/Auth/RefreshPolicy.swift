public import Foundation

/// botocore's rules for when an sso-session token is refreshed (spec §7.4), so ssopick and
/// the SDKs agree on one token file.
public enum RefreshPolicy {
  /// botocore refreshes when fewer than 15 minutes are left.
  public static let window: TimeInterval = 15 * 60

  /// What to do with a cached token now.
  public enum Decision: Sendable, Equatable {
    /// The token has more than the refresh window left: use it.
    case use
    /// Inside the window and refreshable: refresh (a failure is tolerated until expiry).
    case refresh
    /// Inside the window but not refreshable (legacy profile, no refresh token, expired
    /// registration): use it until it expires.
    case useUntilExpiry
    /// Expired and not refreshable: a new login is needed.
    case login
  }

  /// The decision for `token` at `now`; `legacy` tokens are never refreshed (as botocore).
  public static func decide(_ token: SSOToken, legacy: Bool, now: Date) -> Decision {
    let remaining = token.expiresAt.timeIntervalSince(now)
    if remaining >= window { return .use }
    let refreshable =
      !legacy && token.canRefresh
      && (token.registrationExpiresAt.map { $0 > now } ?? false)
    if refreshable { return .refresh }
    return remaining > 0 ? .useUntilExpiry : .login
  }

  /// The token file botocore writes after a successful refresh: configured start URL,
  /// region, the new access token and expiry, the same client and registration expiry, and
  /// the refresh token only if the response carried one.
  public static func refreshed(_ token: SSOToken, with response: TokenResponse, now: Date)
    -> SSOToken
  {
    SSOToken(
      startURL: token.startURL, region: token.region, accessToken: response.accessToken,
      expiresAt: now.addingTimeInterval(TimeInterval(response.expiresIn)),
      clientID: token.clientID, clientSecret: token.clientSecret,
      registrationExpiresAt: token.registrationExpiresAt, refreshToken: response.refreshToken)
  }
}
