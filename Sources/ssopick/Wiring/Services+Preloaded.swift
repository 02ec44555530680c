import CurlTransport
import SessionEngine

extension Services {
  /// The services for config files that were already loaded (and their warnings already
  /// printed), so a command that first looked at the catalog cache does not read and warn
  /// twice. Builds the transport as `init(environment:)` does, allowing `maxConnections`
  /// connections (over HTTP/1.1 each request in flight needs its own).
  init(
    environment: Environment, loadedConfig: SharedConfig, directories: CacheDirectories,
    maxConnections: Int
  ) {
    self.environment = environment
    self.config = loadedConfig
    self.directories = directories
    let profileName = SharedConfig.selectedProfileName(explicit: nil, environment: environment)
    var configuration = CurlTransport.Configuration.resolve(
      environment: environment.variables,
      configCABundle: loadedConfig.profiles[profileName]?.string("ca_bundle"))
    configuration.userAgent = SSOPickVersion.userAgent
    configuration.maxConnections = max(configuration.maxConnections, maxConnections)
    transport = CurlTransport(configuration: configuration)
  }
}
