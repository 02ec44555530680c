public import Foundation

extension FakeIdentityCenter {
  /// Everything about the fake that a test, benchmark or demo may want to change. The
  /// defaults are realistic and fast (device-code interval 1 s, no latency, no throttling).
  public struct Options: Sendable {
    /// Where the organisation comes from.
    public enum OrganisationSource: Sendable, Equatable {
      /// The built-in 60-account demo organisation.
      case demo
      /// Generated from `seed` (see `Organisation.generated`).
      case generated(accounts: Int, rolesPerAccount: Organisation.RolesPerAccount)
      /// Read from a JSON file (schema in `Organisation+File.swift`).
      case file(URL)
      /// Given directly.
      case custom(Organisation)
    }

    /// When a device-code poll counts as "too fast" (answered `SlowDownException`).
    public enum SlowDownPolicy: Sendable, Equatable {
      /// Never answer SlowDown (unless a fault injects it).
      case never
      /// A poll is too fast when it arrives less than the required interval after the
      /// previous poll of the same device code. The required interval starts at `interval`
      /// and grows by 5 s with every SlowDown sent (RFC 8628 §3.5, spec §3.4 rule 5). The
      /// first `exemptPolls` polls of each code are never too fast: the AWS CLI (spec §3.4)
      /// polls twice back to back, and a faithful client must not be punished for it.
      case enforceInterval(exemptPolls: Int)
    }

    /// A token bucket for one operation: `burst` requests at once, refilled at `rps`.
    public struct RateLimit: Sendable, Equatable {
      /// Refill rate, requests per second (> 0).
      public var rps: Double
      /// Bucket size (≥ 1).
      public var burst: Int

      /// Creates a limit.
      public init(rps: Double, burst: Int) {
        self.rps = rps
        self.burst = burst
      }
    }

    /// A fault: answer `error` to the next `count` requests of `operation` (only those for
    /// `accountId`, when given), then behave normally.
    public struct Fault: Sendable, Equatable {
      /// What to answer.
      public enum Answer: Sendable, Equatable {
        /// A modelled exception, rendered as the service would.
        case exception(APIException)
        /// A bare HTTP status with an HTML body (e.g. 502/503 from a load balancer).
        case status(Int)
        /// No answer at all: the request is held until the client gives up or the server
        /// stops (a hung service behind a load balancer that keeps the connection open).
        case hang
        /// ListAccounts/ListAccountRoles only, and only for a request that follows a next
        /// token: the page comes back with that same next token, so a client that follows
        /// it blindly loops for ever (botocore stops on a repeated token).
        case repeatNextToken
      }
      /// The operation to fail.
      public var operation: Operation
      /// The answer.
      public var answer: Answer
      /// How many requests to fail (≥ 1).
      public var count: Int
      /// Only requests whose `account_id` query parameter is this.
      public var accountId: String?

      /// Creates a fault.
      public init(operation: Operation, answer: Answer, count: Int = 1, accountId: String? = nil) {
        self.operation = operation
        self.answer = answer
        self.count = count
        self.accountId = accountId
      }
    }

    /// Who may assume an IAM role through STS AssumeRole, and on what conditions.
    public struct RoleTrust: Sendable, Equatable {
      /// A caller a role trusts.
      public enum Principal: Sendable, Equatable {
        /// Any caller from this account.
        case account(String)
        /// Callers from `account` whose role is `name` — the IAM role's name, or, for an
        /// Identity Center role, its permission set's name (`AWSReservedSSO_<name>_<hex>`).
        case role(account: String, name: String)
      }

      /// The callers the role trusts; nil: any caller from an account of the organisation.
      public var trustedCallers: [Principal]?
      /// The `ExternalId` a caller must send, if any.
      public var externalID: String?
      /// When set, the role requires MFA: `SerialNumber` and this `TokenCode`.
      public var mfaCode: String?
      /// The role's longest session, seconds (IAM's default: one hour; at most 12 hours).
      public var maxSessionDuration: Int

      /// Creates a rule; the defaults are the organisation's callers, no external id, no MFA,
      /// and sessions of up to one hour.
      public init(
        trustedCallers: [Principal]? = nil, externalID: String? = nil, mfaCode: String? = nil,
        maxSessionDuration: Int = 3600
      ) {
        self.trustedCallers = trustedCallers
        self.externalID = externalID
        self.mfaCode = mfaCode
        self.maxSessionDuration = maxSessionDuration
      }
    }

    /// What a role that `roleTrust` does not list trusts.
    public enum DefaultTrust: String, Sendable, Equatable {
      /// Any role in an account of the organisation may be assumed by any caller from it.
      case organisation
      /// No role may be assumed unless `roleTrust` lists it.
      case nobody
    }

    /// The organisation (default: the demo one).
    public var organisation: OrganisationSource = .demo
    /// Seed for generated organisations and page-token keys.
    public var seed: UInt64 = 1
    /// Page size of ListAccounts/ListAccountRoles when `max_result` is omitted (1–1000).
    /// The real default is not documented.
    public var defaultPageSize = 20
    /// Added to every request except `/_fake/` (real sleeping; keep 0 in tests).
    public var latency: Duration = .zero
    /// Up to this much more, uniformly random, per request.
    public var jitter: Duration = .zero
    /// Per-operation token buckets (429 TooManyRequests for the portal, 400 SlowDown for OIDC).
    public var rateLimits: [Operation: RateLimit] = [:]
    /// Lifetime of access tokens (`expiresIn`), seconds.
    public var accessTokenLifetime: TimeInterval = 28_800
    /// Lifetime of refresh tokens, seconds.
    public var refreshTokenLifetime: TimeInterval = 7 * 86_400
    /// Lifetime of client registrations (`clientSecretExpiresAt`), seconds.
    public var registrationLifetime: TimeInterval = 90 * 86_400
    /// Lifetime of role credentials, seconds.
    public var roleCredentialLifetime: TimeInterval = 3_600
    /// Lifetime of device codes (`expiresIn`), seconds.
    public var deviceCodeLifetime: TimeInterval = 600
    /// Polling interval of device codes (`interval`), seconds.
    public var deviceCodeInterval = 1
    /// Lifetime of PKCE authorization codes, seconds.
    public var authorizationCodeLifetime: TimeInterval = 300
    /// Lifetime of console sign-in tokens (15 minutes at AWS), seconds.
    public var signinTokenLifetime: TimeInterval = 900
    /// Approve device codes (after `autoApproveDelay`) and PKCE authorizations by themselves.
    public var autoApprove = false
    /// With `autoApprove`, seconds after StartDeviceAuthorization a device code is approved.
    public var autoApproveDelay: TimeInterval = 0
    /// `/authorize` redirects with `error=access_denied` (overrides `autoApprove`).
    public var denyAuthorize = false
    /// When device-code polls are answered SlowDown.
    public var slowDown: SlowDownPolicy = .enforceInterval(exemptPolls: 2)
    /// A refresh returns a new refresh token and invalidates the old one.
    public var rotateRefreshTokens = true
    /// Send `x-amzn-ErrorType: Name:http://internal.amazon.com/coral/...` instead of `Name`.
    public var errorTypeSuffix = false
    /// Faults armed at start.
    public var faults: [Fault] = []
    /// How many request-log entries are kept (oldest dropped first).
    public var requestLogLimit = 10_000
    /// The signed-in user's name: the session name of Identity Center role credentials at STS
    /// (`assumed-role/AWSReservedSSO_<set>_<hex>/<userName>`).
    public var userName = "jane.doe@acme.example"
    /// Trust rules of IAM roles, by role ARN (`arn:aws:iam::<account>:role/<name>`).
    public var roleTrust: [String: RoleTrust] = [:]
    /// The rule for roles `roleTrust` does not list.
    public var defaultTrust: DefaultTrust = .organisation
    /// How far a request's signing time may be from the fake's clock (STS: 15 minutes).
    public var signatureClockSkew: TimeInterval = 900
    /// The SAML identity provider and STS AssumeRoleWithSAML.
    public var saml = SAML()

    /// Creates the default options.
    public init() {}

    /// Applies `limit` to the three portal operations a catalogue load uses.
    public mutating func throttlePortal(_ limit: RateLimit) {
      for operation in [Operation.listAccounts, .listAccountRoles, .getRoleCredentials] {
        rateLimits[operation] = limit
      }
    }

    func validate() throws {
      func check(_ ok: Bool, _ name: String, _ reason: String) throws {
        if !ok { throw FakeIdentityCenterError.invalidOption(name: name, reason: reason) }
      }
      try check((1...1000).contains(defaultPageSize), "defaultPageSize", "must be 1–1000")
      try check(latency >= .zero && jitter >= .zero, "latency", "must not be negative")
      for (operation, limit) in rateLimits {
        try check(
          limit.rps > 0 && limit.burst >= 1, "rateLimits[\(operation.rawValue)]",
          "rps must be > 0 and burst ≥ 1")
      }
      for (name, value) in [
        ("accessTokenLifetime", accessTokenLifetime),
        ("refreshTokenLifetime", refreshTokenLifetime),
        ("registrationLifetime", registrationLifetime),
        ("roleCredentialLifetime", roleCredentialLifetime),
        ("deviceCodeLifetime", deviceCodeLifetime),
        ("authorizationCodeLifetime", authorizationCodeLifetime),
        ("signinTokenLifetime", signinTokenLifetime),
      ] {
        try check(value > 0, name, "must be > 0 seconds")
      }
      try check(deviceCodeInterval >= 1, "deviceCodeInterval", "must be ≥ 1 second")
      try check(autoApproveDelay >= 0, "autoApproveDelay", "must not be negative")
      try check(requestLogLimit >= 0, "requestLogLimit", "must not be negative")
      if case .enforceInterval(let exempt) = slowDown {
        try check(exempt >= 0, "slowDown", "exemptPolls must not be negative")
      }
      for fault in faults {
        try fault.validate()
      }
      try check(
        (2...64).contains(userName.count)
          && userName.unicodeScalars.allSatisfy(ServiceState.isSessionNameCharacter),
        "userName", "must be 2–64 of A–Z a–z 0–9 _ + = , . @ - (an STS session name)")
      try check(signatureClockSkew > 0, "signatureClockSkew", "must be > 0 seconds")
      try saml.validate()
      for (arn, trust) in roleTrust {
        try check(
          ServiceState.RoleARN(arn) != nil, "roleTrust", "\(arn) is not an IAM role ARN")
        try check(
          (900...43_200).contains(trust.maxSessionDuration), "roleTrust[\(arn)]",
          "maxSessionDuration must be 900–43200 seconds")
      }
    }
  }
}

extension FakeIdentityCenter.Options.Fault {
  func validate() throws {
    func fail(_ reason: String) -> FakeIdentityCenterError {
      .invalidOption(name: "fault", reason: reason)
    }
    guard count >= 1 else { throw fail("count must be ≥ 1") }
    guard [.oidc, .portal, .sts].contains(operation.service), operation != .unknown,
      operation != .unknownSTSAction
    else {
      throw fail("faults apply to OIDC, portal and STS operations only")
    }
    switch answer {
    case .status(let status):
      guard (400...599).contains(status) else { throw fail("status must be 400–599") }
    case .hang:
      break
    case .repeatNextToken:
      guard operation == .listAccounts || operation == .listAccountRoles else {
        throw fail("repeatNextToken applies to ListAccounts and ListAccountRoles only")
      }
    case .exception(let exception):
      if operation.service == .oidc, !exception.isOIDC {
        throw fail("\(exception.rawValue) is not an OIDC exception")
      }
      if operation.service == .portal, !exception.isPortal {
        throw fail("\(exception.rawValue) is not a portal exception")
      }
      if operation.service == .sts, !exception.isSTS {
        throw fail("\(exception.rawValue) is not an STS exception")
      }
    }
  }
}
