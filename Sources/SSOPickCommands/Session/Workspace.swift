public import SessionEngine
import Synchronization

/// Which sign-in a command works on: `--session NAME`, `--profile NAME` (else `AWS_PROFILE`),
/// or the only one configured (see `SessionSelector`).
public struct SessionSelection: Sendable, Equatable {
  /// `--session`.
  public var session: String?
  /// `--profile`.
  public var profile: String?

  /// Creates a selection.
  public init(session: String? = nil, profile: String? = nil) {
    self.session = session
    self.profile = profile
  }
}

/// When a command may start an interactive sign-in.
public enum LoginPermission: Sendable, Equatable {
  /// Never: fail with "run `ssopick login`".
  case never
  /// When a person is there to see the prompt (stdin or stderr is a terminal).
  case whenPersonPresent
  /// Whenever needed (`credential-process --allow-login`).
  case always
}

/// The files, caches and connections one run of a command works with, built from a
/// ``CommandContext``: the config files (read once; their warnings said once), the cache
/// folders, and — made on first use, so a command that never reaches the network pays
/// nothing for it — one HTTP transport shared by everything in the run.
public final class Workspace: Sendable {
  /// The injected world.
  public let context: CommandContext
  /// The config and credentials files.
  public let config: SharedConfig
  /// The cache folders.
  public let directories: CacheDirectories
  private let madeTransport = Mutex<(any HTTPTransport)?>(nil)

  /// Reads the config files (a malformed file is an error naming file and line) and says
  /// their warnings on stderr.
  public init(_ context: CommandContext) throws {
    self.context = context
    config = try SharedConfig.load(from: ConfigLocations(environment: context.environment))
    for warning in config.warnings { context.console.say("Warning: \(warning)") }
    directories = try CacheDirectories(environment: context.environment)
  }

  /// The console.
  public var console: Console { context.console }

  /// The session selector over these files.
  public var selector: SessionSelector {
    SessionSelector(config: config, environment: context.environment)
  }

  /// The session `selection` chooses (or the only one configured).
  public func session(_ selection: SessionSelection) throws -> SessionContext {
    try selector.select(session: selection.session, profile: selection.profile)
  }

  /// The sessions `selection` chooses: one, or every configured sign-in when several are
  /// configured and the selection names none (the picker and `list` then cover them all).
  public func sessions(_ selection: SessionSelection) throws -> [SessionContext] {
    try selector.selectAll(session: selection.session, profile: selection.profile)
  }

  /// Every configured sign-in, with its endpoints.
  public func allSessions() throws -> [SessionContext] {
    try selector.allSessions().map { try selector.context(for: $0.session, profile: $0.profile) }
  }

  /// The run's transport, allowing at least `maxConnections` requests at once (over
  /// HTTP/1.1 each request in flight needs its own connection). Made on the first call.
  public func transport(maxConnections: Int = RateController.Settings().maxInFlight)
    -> any HTTPTransport
  {
    madeTransport.withLock { made in
      if let made { return made }
      // botocore reads ca_bundle from the active profile; AWS_CA_BUNDLE wins over it.
      let profile = SharedConfig.selectedProfileName(
        explicit: nil, environment: context.environment)
      let transport = context.transports.transport(
        TransportRequirements(
          configCABundle: config.profiles[profile]?.string("ca_bundle"),
          maxConnections: maxConnections),
        environment: context.environment)
      made = transport
      return transport
    }
  }

  /// Interactive sign-in settings that prompt on the console's prompt channel.
  public func interactiveLogin(flow: LoginFlow? = nil, openBrowser: Bool = true)
    -> SessionAuthenticator.InteractiveLogin
  {
    let browser = context.browser
    let environment = context.environment
    var open: (@Sendable (String) async -> Bool)?
    if openBrowser {
      open = { @Sendable url in await browser.open(url, environment: environment) }
    }
    let presenter = TerminalLoginPresenter(console: context.console, open: open)
    return SessionAuthenticator.InteractiveLogin(
      requestedFlow: flow, headlessReason: browser.headlessReason(environment: environment),
      presenter: presenter)
  }

  /// An authenticator for `session` that signs in only as `login` allows.
  public func authenticator(
    for session: SessionContext, login: LoginPermission, maxConnections: Int? = nil
  ) -> SessionAuthenticator {
    let allowed =
      switch login {
      case .never: false
      case .whenPersonPresent: context.personIsPresent
      case .always: true
      }
    return authenticator(
      for: session, interactive: allowed ? interactiveLogin() : nil,
      maxConnections: maxConnections)
  }

  /// An authenticator for `session` with explicit sign-in settings (`nil`: never signs in).
  public func authenticator(
    for session: SessionContext, interactive: SessionAuthenticator.InteractiveLogin?,
    maxConnections: Int? = nil
  ) -> SessionAuthenticator {
    SessionAuthenticator(
      context: session, directories: directories,
      transport: maxConnections.map { transport(maxConnections: $0) } ?? transport(),
      time: context.time, interactive: interactive, retry: context.retry,
      jitter: context.jitter)
  }

  /// The portal client for `session`.
  public func portal(for session: SessionContext, maxConnections: Int? = nil) -> PortalClient {
    PortalClient(
      endpoint: session.portalEndpoint.url,
      transport: maxConnections.map { transport(maxConnections: $0) } ?? transport())
  }

  /// Listing settings with the context's retry policy.
  public func loaderSettings(maxInFlight: Int? = nil) -> CatalogLoader.Settings {
    var settings = CatalogLoader.Settings(retry: context.retry)
    if let maxInFlight { settings.rate.maxInFlight = maxInFlight }
    return settings
  }

  /// A catalog loader for `session` with tokens from `tokens`.
  public func loader(
    for session: SessionContext, tokens: any AccessTokenProvider, maxInFlight: Int? = nil
  ) -> CatalogLoader {
    let settings = loaderSettings(maxInFlight: maxInFlight)
    return CatalogLoader(
      portal: portal(for: session, maxConnections: settings.rate.maxInFlight), tokens: tokens,
      settings: settings, time: context.time, jitter: context.jitter)
  }

  /// The portal lookups for `session` (cached catalog first).
  public func directory(for session: SessionContext, tokens: any AccessTokenProvider)
    -> PortalDirectory
  {
    PortalDirectory(
      portal: portal(for: session), tokens: tokens, time: context.time,
      cachedCatalog: catalogCache(for: session).load(), sessionName: session.displayName,
      settings: loaderSettings(), jitter: context.jitter)
  }

  /// The session's catalog cache.
  public func catalogCache(for session: SessionContext) -> CatalogCache {
    CatalogCache(directories: directories, session: session.session)
  }

  /// The session's role-credential cache (shared with the AWS CLI).
  public var roleCredentialCache: RoleCredentialCache {
    RoleCredentialCache(directories: directories, time: context.time)
  }

  /// Says the authenticator's notes (ignored files, failed refreshes) when `verbose`.
  public func report(_ authenticator: SessionAuthenticator, verbose: Bool) async {
    guard verbose else { return }
    for note in await authenticator.notes { console.say("ssopick: \(note)") }
  }
}
