public import Foundation

/// The state of one session's cached sign-in, as `ssopick status` shows it.
public struct SessionStatus: Sendable, Equatable {
  /// Whether the user is signed in.
  public enum State: String, Sendable, Equatable, Codable {
    /// A token that is valid now.
    case signedIn = "signed-in"
    /// The token expired, but the refresh token can renew it without the user.
    case expiredRefreshable = "expired-refreshable"
    /// The token expired and cannot be renewed: sign in again.
    case expired
    /// No token file.
    case notSignedIn = "not-signed-in"
    /// A token file that cannot be read (treated as not signed in).
    case unreadable
  }

  /// The sso-session's name, `nil` for a legacy profile.
  public var session: String?
  /// The start URL.
  public var startURL: String
  /// The SSO region.
  public var region: String
  /// The token file's path.
  public var tokenFile: String
  /// The state.
  public var state: State
  /// When the access token expires, if there is one.
  public var accessTokenExpiresAt: Date?
  /// Until when a refresh is possible (the client registration's expiry), if it is.
  public var refreshableUntil: Date?

  /// Creates a value.
  public init(
    session: String?, startURL: String, region: String, tokenFile: String, state: State,
    accessTokenExpiresAt: Date? = nil, refreshableUntil: Date? = nil
  ) {
    self.session = session
    self.startURL = startURL
    self.region = region
    self.tokenFile = tokenFile
    self.state = state
    self.accessTokenExpiresAt = accessTokenExpiresAt
    self.refreshableUntil = refreshableUntil
  }
}
