public import Foundation

/// Owns one session's sign-in: reads the shared token cache, refreshes inside botocore's
/// window, signs in when allowed, and serialises all of that across processes.
///
/// Data flow: `accessToken()` → token file (`~/.aws/sso/cache`, shared with the AWS CLI) →
/// `RefreshPolicy` → [lock → re-read → refresh or login → write] → token.
///
/// - Within a process, concurrent callers share one refresh or login (`pending`).
/// - Across processes, an advisory lock in ssopick's cache folder serialises them, and the
///   token file is re-read after the lock is taken, so 20 processes that start together
///   with an expired token cause exactly one refresh or login; the others reuse its token.
public actor SessionAuthenticator: AccessTokenProvider {
  /// The session and its endpoints.
  public nonisolated let context: SessionContext
  /// The token and registration files.
  public nonisolated let store: TokenStore
  private let directories: CacheDirectories
  private let oidc: OIDCClient
  private let portal: PortalClient
  private let time: any TimeSource
  private let interactive: InteractiveLogin?
  private let retry: RetryPolicy
  private let jitter: @Sendable () -> Double

  private var current: SSOToken?
  /// A token the portal refused and that could not be renewed (reported as expired).
  private var rejectedAccessToken: String?
  private var pending: Task<SSOToken, any Error>?
  private var lastRefreshAttempt: Date?
  private var diagnostics: [String] = []

  /// How a sign-in may be started when one is needed.
  public struct InteractiveLogin: Sendable {
    /// A flow the user asked for, or `nil` to choose (`LoginFlow.choose`).
    public var requestedFlow: LoginFlow?
    /// Why no browser can be shown here, if so (`BrowserLauncher.headlessReason`).
    public var headlessReason: String?
    /// Shows the prompt to the user.
    public var presenter: any LoginPresenter

    /// Creates the settings.
    public init(
      requestedFlow: LoginFlow? = nil, headlessReason: String?, presenter: any LoginPresenter
    ) {
      self.requestedFlow = requestedFlow
      self.headlessReason = headlessReason
      self.presenter = presenter
    }
  }

  /// The longest a process waits for another one's login (PKCE allows 10 minutes).
  static let lockTimeout: Duration = .seconds(11 * 60)
  /// botocore attempts a refresh at most once a minute per process.
  static let refreshRetryInterval: TimeInterval = 60

  /// Creates the authenticator for `context`. With `interactive == nil` it never signs in:
  /// it uses or refreshes the cached token, or throws `AuthError.notSignedIn`.
  ///
  /// A refresh that fails with a transient error (5xx, throttling, a network failure) is
  /// retried under `retry`; if it keeps failing, the caller hears that the service is not
  /// answering (``AuthError/refreshUnavailable(session:reason:)``), not that it is signed out.
  public init(
    context: SessionContext, directories: CacheDirectories, transport: any HTTPTransport,
    time: any TimeSource = SystemTimeSource(), interactive: InteractiveLogin?,
    retry: RetryPolicy = .standard,
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.retry = retry
    self.jitter = jitter
    self.context = context
    self.directories = directories
    self.store = TokenStore(session: context.session, directories: directories)
    self.oidc = OIDCClient(endpoint: context.oidcEndpoint.url, transport: transport)
    self.portal = PortalClient(endpoint: context.portalEndpoint.url, transport: transport)
    self.time = time
    self.interactive = interactive
  }

  /// Notes for `--verbose`: corrupt cache files that were ignored, refreshes that failed.
  public var notes: [String] { diagnostics }

  // MARK: AccessTokenProvider

  /// A valid access token: the cached one, refreshed, or (when allowed) a new sign-in.
  public func accessToken() async throws -> String {
    if let current, RefreshPolicy.decide(current, legacy: isLegacy, now: time.now) == .use {
      return current.accessToken
    }
    let token = try readToken()
    if let token {
      current = token
      switch RefreshPolicy.decide(token, legacy: isLegacy, now: time.now) {
      case .use, .useUntilExpiry: return token.accessToken
      case .refresh, .login: break
      }
    }
    return try await shared { try await $0.obtainUnderLock(rejected: nil) }.accessToken
  }

  /// A renewed token after the portal refused `rejected`.
  public func renewAccessToken(after rejected: String) async throws -> String {
    if let current, current.accessToken != rejected, current.expiresAt > time.now {
      return current.accessToken
    }
    do {
      return try await shared { try await $0.obtainUnderLock(rejected: rejected) }.accessToken
    } catch {
      // The service refused the token and it could not be renewed: `status()` reports it
      // expired from now on, whatever the file says.
      rejectedAccessToken = rejected
      throw error
    }
  }

  // MARK: Explicit commands

  /// What `login` did.
  public enum LoginOutcome: Sendable, Equatable {
    /// A new sign-in completed with `flow`.
    case signedIn(flow: LoginFlow, expiresAt: Date)
    /// Another process signed in while this one waited for the lock; its token is used.
    case reusedConcurrentLogin(expiresAt: Date)
  }

  /// `ssopick login`: always a fresh interactive sign-in (as `aws sso login`), unless another
  /// process completes one while this one waits for the lock.
  public func login(_ settings: InteractiveLogin) async throws -> LoginOutcome {
    let before = try readToken()
    return try await FileLock.withExclusiveLock(
      for: directories.loginLockFile(for: context.session), timeout: Self.lockTimeout,
      timeSource: time
    ) {
      if let after = try readToken(), after != before,
        RefreshPolicy.decide(after, legacy: isLegacy, now: time.now) == .use
      {
        current = after
        return .reusedConcurrentLogin(expiresAt: after.expiresAt)
      }
      let (token, flow) = try await signIn(settings)
      return .signedIn(flow: flow, expiresAt: token.expiresAt)
    }
  }

  /// What `logout` did.
  public struct LogoutOutcome: Sendable, Equatable {
    /// Whether a token file was there.
    public var hadToken: Bool
    /// Why the service could not be told, when it could not (the local files are removed
    /// anyway).
    public var serviceProblem: String?

    /// Creates a value.
    public init(hadToken: Bool, serviceProblem: String?) {
      self.hadToken = hadToken
      self.serviceProblem = serviceProblem
    }
  }

  /// `ssopick logout`: ends the session at the service (errors tolerated), removes its token
  /// file and ssopick's own caches for it. Other sessions and the client registration (as
  /// the AWS CLI) are left alone.
  public func logout() async throws -> LogoutOutcome {
    let token = try readToken()
    var problem: String?
    if let token {
      do {
        try await portal.logout(accessToken: token.accessToken)
      } catch let error as PortalError {
        switch error {
        case .unauthorized: break  // already ended at the service
        default: problem = error.description
        }
      }
    }
    try store.removeToken()
    current = nil
    let folder = directories.sessionFolder(for: context.session)
    if FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.removeItem(atPath: folder)
      } catch {
        throw FileError.cannotWrite(path: folder, reason: "could not remove ssopick's cache")
      }
    }
    return LogoutOutcome(hadToken: token != nil, serviceProblem: problem)
  }

  /// The state of the cached sign-in, for `ssopick status` (reads the file; never signs in).
  public func status() throws -> SessionStatus {
    let read = try store.readToken()
    let now = time.now
    var status = SessionStatus(
      session: context.session.name, startURL: context.session.startURL,
      region: context.session.region, tokenFile: store.tokenPath, state: .notSignedIn)
    switch read {
    case .absent: break
    case .corrupt: status.state = .unreadable
    case .found(let token):
      status.accessTokenExpiresAt = token.expiresAt
      let refreshable =
        !isLegacy && token.canRefresh && (token.registrationExpiresAt.map { $0 > now } ?? false)
      status.refreshableUntil = refreshable ? token.registrationExpiresAt : nil
      if token.accessToken == rejectedAccessToken {
        status.state = .expired
        status.accessTokenExpiresAt = min(token.expiresAt, now)
        status.refreshableUntil = nil
      } else if token.expiresAt > now {
        status.state = .signedIn
      } else {
        status.state = refreshable ? .expiredRefreshable : .expired
      }
    }
    return status
  }

  // MARK: Obtaining a token under the lock

  private var isLegacy: Bool { context.session.isLegacy }

  /// Runs `work` once for all concurrent callers in this process.
  private func shared(
    _ work: @escaping @Sendable (isolated SessionAuthenticator) async throws -> SSOToken
  )
    async throws -> SSOToken
  {
    if let pending { return try await pending.value }
    let task = Task { try await work(self) }
    pending = task
    defer { pending = nil }
    let token = try await task.value
    current = token
    return token
  }

  /// Takes the cross-process lock, re-reads the file (another process may have refreshed or
  /// signed in meanwhile), then refreshes or signs in as needed.
  private func obtainUnderLock(rejected: String?) async throws -> SSOToken {
    try await FileLock.withExclusiveLock(
      for: directories.loginLockFile(for: context.session), timeout: Self.lockTimeout,
      timeSource: time
    ) {
      let now = time.now
      if let token = try readToken() {
        let fresh = token.accessToken != rejected
        switch RefreshPolicy.decide(token, legacy: isLegacy, now: now) {
        case .use where fresh, .useUntilExpiry where fresh:
          return token
        case .refresh, .use, .useUntilExpiry:
          switch await refresh(token, force: !fresh) {
          case .refreshed(let refreshed):
            return refreshed
          case .unavailable(let reason):
            // A failed refresh is tolerated until real expiry, as botocore does; after
            // that, the service's trouble is reported as such, not as "signed out".
            if fresh, token.expiresAt > now { return token }
            throw AuthError.refreshUnavailable(session: context.displayName, reason: reason)
          case .notPossible, .refused:
            if fresh, token.expiresAt > now { return token }
          }
        case .login:
          break
        }
      }
      guard let interactive else {
        throw AuthError.notSignedIn(session: context.displayName, loginCommand: loginCommand)
      }
      return try await signIn(interactive).token
    }
  }

  /// What a refresh attempt came to.
  private enum RefreshResult {
    /// A new token, written to the cache.
    case refreshed(SSOToken)
    /// No refresh token, registration expired, legacy session, or tried less than a minute
    /// ago.
    case notPossible
    /// The service refused the refresh token (it has ended): a new sign-in is needed.
    case refused
    /// The service could not be reached or kept failing (transient errors, retried).
    case unavailable(String)
  }

  /// Refreshes with the refresh token and writes the result. Transient failures are retried
  /// under the retry policy; every failure is noted for `--verbose`. Unless `force`d (the
  /// portal refused the token), a refresh that failed less than a minute ago is not tried
  /// again.
  private func refresh(_ token: SSOToken, force: Bool) async -> RefreshResult {
    let now = time.now
    guard !isLegacy, token.canRefresh, let clientID = token.clientID,
      let clientSecret = token.clientSecret,
      let registrationExpiresAt = token.registrationExpiresAt,
      let refreshToken = token.refreshToken, registrationExpiresAt > now
    else { return .notPossible }
    if !force, let last = lastRefreshAttempt,
      now.timeIntervalSince(last) < Self.refreshRetryInterval
    {
      return .notPossible
    }
    lastRefreshAttempt = now
    let client = ClientRegistration(
      clientID: clientID, clientSecret: clientSecret, expiresAt: registrationExpiresAt,
      scopes: nil, grantTypes: nil)
    let oidc = oidc
    do {
      let response = try await retry.run(
        RetryOperation(service: "the SSO service", name: "CreateToken"), time: time,
        jitter: jitter
      ) {
        do {
          return try await oidc.createToken(client: client, grant: .refreshToken(refreshToken))
        } catch {
          throw AuthError.wrapping(error, operation: "CreateToken")
        }
      }
      let refreshed = RefreshPolicy.refreshed(token, with: response, now: time.now)
      try store.writeToken(refreshed)
      return .refreshed(refreshed)
    } catch {
      let transient = error is RetryError || RetryPolicy.classify(error).isRetryable
      diagnostics.append(
        "Refreshing the token for \(context.displayName) failed"
          + (transient ? " (the service is not answering; the sign-in has not ended)" : "")
          + ": \(error)")
      // A token that could not be saved is not a sign-in that ended either.
      return transient || error is FileError ? .unavailable(String(describing: error)) : .refused
    }
  }

  /// A new interactive sign-in; writes the token file. Re-registers once if the cached
  /// client registration was revoked (InvalidClientException).
  private func signIn(_ settings: InteractiveLogin) async throws -> (
    token: SSOToken, flow: LoginFlow
  ) {
    let (flow, note) = LoginFlow.choose(
      requested: settings.requestedFlow, session: context.session,
      headlessReason: settings.headlessReason)
    if let note { await settings.presenter.inform(note) }
    var forceNewRegistration = false
    while true {
      // PKCE binds its listener before anything else, so a port problem shows up first.
      let listener = flow == .pkce ? try LoopbackRedirectListener() : nil
      defer { listener?.close() }
      let (registration, cached) = try await registration(
        forPKCE: flow == .pkce, forceNew: forceNewRegistration)
      do {
        let response: TokenResponse
        if let listener {
          response = try await PKCEFlow(oidc: oidc, time: time).run(
            registration: registration, scopes: pkceScopes, listener: listener,
            presenter: settings.presenter)
        } else {
          response = try await DeviceCodeFlow(oidc: oidc, time: time).run(
            registration: registration, startURL: context.session.startURL,
            presenter: settings.presenter)
        }
        let token = SSOToken(
          startURL: context.session.startURL, region: context.session.region,
          accessToken: response.accessToken,
          expiresAt: time.now.addingTimeInterval(TimeInterval(response.expiresIn)),
          clientID: registration.clientID, clientSecret: registration.clientSecret,
          registrationExpiresAt: registration.expiresAt, refreshToken: response.refreshToken)
        try store.writeToken(token)
        current = token
        return (token, flow)
      } catch let error as AuthError {
        guard cached, !forceNewRegistration, case .service(_, let service) = error,
          service.code == "InvalidClientException"
        else { throw error }
        forceNewRegistration = true
        await settings.presenter.inform(
          "The cached client registration was refused; registering a new one.")
      }
    }
  }

  /// Scopes for a PKCE registration and authorize request: configured, else the default.
  private var pkceScopes: [String] {
    context.session.registrationScopes.isEmpty
      ? [SSOSession.defaultRegistrationScopes] : context.session.registrationScopes
  }

  /// A cached registration when the AWS CLI's reuse rule allows (spec §7.3), else a new one.
  private func registration(forPKCE: Bool, forceNew: Bool) async throws
    -> (registration: ClientRegistration, cached: Bool)
  {
    let now = time.now
    if !forceNew {
      switch try store.readRegistration() {
      case .found(let cached)
      where RegistrationRecord.isReusable(cached, forPKCE: forPKCE, now: now):
        return (cached, true)
      case .corrupt(let path):
        diagnostics.append("Ignored an unreadable client registration: \(path)")
      default: break
      }
    }
    let session = context.session
    // Unlike the AWS CLI's device flow, an sso-session always asks for a scope: without
    // sso:account:access the service issues no refresh token and the user signs in again
    // every few hours. Legacy profiles never refresh, so they send only configured scopes.
    let scopes: [String]? =
      forPKCE || !session.isLegacy
      ? pkceScopes : (session.registrationScopes.isEmpty ? nil : session.registrationScopes)
    let request = ClientRegistrationRequest(
      clientName: "botocore-client-" + (session.name ?? String(Int(now.timeIntervalSince1970))),
      scopes: scopes,
      grantTypes: forPKCE ? ["authorization_code", "refresh_token"] : nil,
      redirectURIs: forPKCE ? ["http://127.0.0.1/oauth/callback"] : nil,
      issuerURL: forPKCE ? session.startURL : nil)
    let registration: ClientRegistration
    do {
      registration = try await oidc.registerClient(request)
    } catch {
      throw AuthError.wrapping(error, operation: "RegisterClient")
    }
    try store.writeRegistration(registration)
    return (registration, false)
  }

  private func readToken() throws -> SSOToken? {
    switch try store.readToken() {
    case .found(let token): return token
    case .absent: return nil
    case .corrupt(let path):
      diagnostics.append("Ignored an unreadable token file: \(path)")
      return nil
    }
  }

  private var loginCommand: String {
    if let name = context.session.name { return "ssopick login --session \(name)" }
    if let profile = context.profile { return "ssopick login --profile \(profile.name)" }
    return "ssopick login"
  }
}
