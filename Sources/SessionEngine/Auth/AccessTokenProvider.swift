/// Gives portal callers a valid access token, refreshing it (or signing in) as needed.
/// The catalog loader, credential fetches and `exec` all go through this seam.
public protocol AccessTokenProvider: Sendable {
  /// A token valid now (refreshed first when it is inside botocore's refresh window).
  func accessToken() async throws -> String

  /// Called once after the portal refused `rejected` (HTTP 401): returns a renewed token,
  /// or throws `PortalError.unauthorized` when the session cannot be renewed without the
  /// user. Concurrent callers that saw the same rejected token share one renewal.
  func renewAccessToken(after rejected: String) async throws -> String
}

/// An `AccessTokenProvider` that always returns the same token and cannot renew it;
/// for tests, and for callers that were handed a token.
public struct FixedAccessToken: AccessTokenProvider {
  private let token: String

  /// Wraps `token`.
  public init(_ token: String) { self.token = token }

  /// The token.
  public func accessToken() async throws -> String { token }

  /// Always throws `PortalError.unauthorized`: a fixed token cannot be renewed.
  public func renewAccessToken(after rejected: String) async throws -> String {
    throw PortalError.unauthorized(operation: "renew")
  }
}
