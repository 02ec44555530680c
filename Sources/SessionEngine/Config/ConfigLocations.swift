/// Where the shared config and credentials files are (spec §9.1).
public struct ConfigLocations: Sendable, Equatable {
  /// The config file: `AWS_CONFIG_FILE` or `~/.aws/config`.
  public var configFile: String
  /// The credentials file: `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
  public var credentialsFile: String

  /// Uses the given paths as they are.
  public init(configFile: String, credentialsFile: String) {
    self.configFile = configFile
    self.credentialsFile = credentialsFile
  }

  /// Finds the files from `environment`, expanding `$VAR`, `${VAR}` and a leading `~` the way
  /// botocore does. An empty variable counts as unset.
  public init(environment: Environment) throws(ConfigError) {
    configFile = try Self.path(
      variable: "AWS_CONFIG_FILE", fallback: ".aws/config", environment: environment)
    credentialsFile = try Self.path(
      variable: "AWS_SHARED_CREDENTIALS_FILE", fallback: ".aws/credentials",
      environment: environment)
  }

  private static func path(variable: String, fallback: String, environment: Environment)
    throws(ConfigError) -> String
  {
    if let value = environment.nonEmpty(variable) {
      return environment.expandingPath(value)
    }
    guard let home = environment.homeDirectory else { throw .homeNotSet(needed: variable) }
    return (home.hasSuffix("/") ? home : home + "/") + fallback
  }
}
