import CurlTransport
import Foundation
import SessionEngine

/// The concrete objects one run of ssopick works with, built from the real environment:
/// files, caches, the libcurl transport and the selected session.
struct Services {
  let environment: Environment
  let config: SharedConfig
  let directories: CacheDirectories
  let transport: CurlTransport

  /// Loads the config files (a malformed file is an error naming file and line).
  init(environment: Environment = .current) throws {
    self.environment = environment
    config = try SharedConfig.load(from: ConfigLocations(environment: environment))
    for warning in config.warnings { StandardError.write("Warning: \(warning)") }
    directories = try CacheDirectories(environment: environment)
    // botocore reads ca_bundle from the active profile; AWS_CA_BUNDLE wins over it.
    let profileName = SharedConfig.selectedProfileName(explicit: nil, environment: environment)
    var configuration = CurlTransport.Configuration.resolve(
      environment: environment.variables,
      configCABundle: config.profiles[profileName]?.string("ca_bundle"))
    configuration.userAgent = SSOPickVersion.userAgent
    transport = CurlTransport(configuration: configuration)
  }

  var selector: SessionSelector { SessionSelector(config: config, environment: environment) }

  /// The session chosen by `options` (or the only one configured).
  func context(_ options: SessionOptions) throws -> SessionContext {
    try selector.select(session: options.session, profile: options.profile)
  }

  /// An authenticator for `context`; it signs in (prompting on the terminal) only when
  /// `login` settings are given.
  func authenticator(
    for context: SessionContext, login: SessionAuthenticator.InteractiveLogin?
  ) -> SessionAuthenticator {
    SessionAuthenticator(
      context: context, directories: directories, transport: transport, interactive: login)
  }

  /// Interactive sign-in settings that prompt on the terminal.
  func interactiveLogin(flow: LoginFlow? = nil, openBrowser: Bool = true)
    -> SessionAuthenticator.InteractiveLogin
  {
    let launcher = BrowserLauncher(environment: environment)
    return SessionAuthenticator.InteractiveLogin(
      requestedFlow: flow, headlessReason: launcher.headlessReason,
      presenter: TerminalLoginPresenter(launcher: openBrowser ? launcher : nil))
  }

  /// Prints the authenticator's notes when `--verbose` was given.
  func report(_ authenticator: SessionAuthenticator, verbose: Bool) async {
    guard verbose else { return }
    for note in await authenticator.notes { StandardError.write("ssopick: \(note)") }
  }
}
