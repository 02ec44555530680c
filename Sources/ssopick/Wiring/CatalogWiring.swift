import Foundation
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What catalog commands need, built lazily: the config and the selected session at once
/// (cheap), the transport, authenticator and loader only when the network is needed — so
/// `ssopick list --cached` or a fresh cache costs no libcurl set-up and no token.
struct CatalogWiring {
  let environment: Environment
  let config: SharedConfig
  let directories: CacheDirectories
  let context: SessionContext

  /// Loads the config files and selects the session of `options`.
  init(options: SessionOptions, environment: Environment = .current) throws {
    self.environment = environment
    config = try SharedConfig.load(from: ConfigLocations(environment: environment))
    for warning in config.warnings { StandardError.write("Warning: \(warning)") }
    directories = try CacheDirectories(environment: environment)
    context = try SessionSelector(config: config, environment: environment)
      .select(session: options.session, profile: options.profile)
  }

  /// The session's catalog cache.
  var cache: CatalogCache { CatalogCache(directories: directories, session: context.session) }

  /// Whether a person can answer a sign-in prompt: stdin or stderr is a terminal.
  static var canSignIn: Bool { isatty(STDIN_FILENO) == 1 || isatty(STDERR_FILENO) == 1 }

  /// A loader for the session, and the authenticator behind it (for `--verbose` notes).
  /// It signs in (prompting on the terminal) when there is no usable token and `canSignIn`;
  /// otherwise it fails with "run `ssopick login`".
  func makeLoader(settings: CatalogLoader.Settings) -> (CatalogLoader, SessionAuthenticator) {
    let services = Services(
      environment: environment, loadedConfig: config, directories: directories,
      maxConnections: settings.rate.maxInFlight)
    let login = Self.canSignIn ? services.interactiveLogin() : nil
    let authenticator = services.authenticator(for: context, login: login)
    let portal = PortalClient(endpoint: context.portalEndpoint.url, transport: services.transport)
    return (CatalogLoader(portal: portal, tokens: authenticator, settings: settings), authenticator)
  }
}
