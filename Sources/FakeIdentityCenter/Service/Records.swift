import Foundation

/// A registered OIDC client.
struct ClientRecord {
  var clientId: String
  var clientSecret: String
  var clientName: String
  var scopes: [String]
  /// nil when the registration named none (device-flow clients).
  var grantTypes: [String]?
  var redirectURIs: [String]
  var issuerURL: String?
  var issuedAt: Date
  var expiresAt: Date

  func allows(grant: String) -> Bool {
    guard let grantTypes else {
      return grant == Grant.deviceCode || grant == Grant.refreshToken
    }
    return grantTypes.contains(grant)
  }

  var issuesRefreshTokens: Bool { scopes.contains("sso:account:access") }
}

enum Grant {
  static let deviceCode = "urn:ietf:params:oauth:grant-type:device_code"
  static let authorizationCode = "authorization_code"
  static let refreshToken = "refresh_token"
  static let all: Set<String> = [deviceCode, authorizationCode, refreshToken]
}

/// One device authorization and its state machine (see `DECISIONS.md`).
struct DeviceGrantRecord {
  enum State: String {
    case pending, approved, denied, used
  }

  var deviceCode: String
  var userCode: String
  var clientId: String
  var createdAt: Date
  var expiresAt: Date
  var state: State
  var autoApproveAt: Date?
  var polls = 0
  var lastPollAt: Date?
  var slowDowns = 0
}

/// A PKCE authorization waiting on the consent page.
struct PendingAuthorization {
  var id: String
  var clientId: String
  var redirectURI: String
  var state: String?
  var challenge: String
  var scopes: [String]
  var createdAt: Date
}

/// An issued authorization code.
struct AuthorizationCodeRecord {
  var clientId: String
  var redirectURI: String
  var challenge: String
  var scopes: [String]
  var expiresAt: Date
  var used = false
}

/// A signed-in user session: what logout ends.
struct SessionRecord {
  var clientId: String
  var scopes: [String]
  var revoked = false
}

struct AccessTokenRecord {
  var sessionID: Int
  var expiresAt: Date
  var revoked = false
}

struct RefreshTokenRecord {
  var sessionID: Int
  var clientId: String
  var expiresAt: Date
  var revoked = false
}

/// Credentials the fake issued: through the portal's GetRoleCredentials (an Identity Center
/// role: `roleName` is the permission set, the session is the signed-in user) or through
/// STS AssumeRole (`roleName` is the IAM role's name, `sessionName` the RoleSessionName).
/// STS verifies signatures against these, and console federation accepts them.
struct RoleCredentialRecord {
  var secretAccessKey: String
  var sessionToken: String
  var expiresAt: Date
  var accountId: String
  var roleName: String
  /// The RoleSessionName of AssumeRole credentials; nil for Identity Center ones.
  var sessionName: String?
  /// The source identity AssumeRole set, if any (it stays with chained sessions).
  var sourceIdentity: String?

  /// Whether the credentials came from AssumeRole rather than the portal.
  var isAssumedRole: Bool { sessionName != nil }
}

/// A token bucket on the injected clock.
struct TokenBucket {
  var limit: FakeIdentityCenter.Options.RateLimit
  var tokens: Double
  var updatedAt: Date?

  init(limit: FakeIdentityCenter.Options.RateLimit) {
    self.limit = limit
    tokens = Double(limit.burst)
  }

  /// Takes one token if there is one.
  mutating func take(now: Date) -> Bool {
    if let updatedAt {
      let elapsed = max(0, now.timeIntervalSince(updatedAt))
      tokens = min(Double(limit.burst), tokens + elapsed * limit.rps)
    }
    updatedAt = now
    guard tokens >= 1 else { return false }
    tokens -= 1
    return true
  }
}
