/// The AWS shared config and credentials files read together, the way botocore's
/// `load_config` and session `full_config` read them: profiles (with the credentials file's
/// keys merged in), sso-sessions, services groups and other sections.
///
/// Building one validates both files: a duplicate section or key throws with file and line,
/// because every AWS tool on the machine rejects such a file.
public struct SharedConfig: Sendable, Equatable {
  /// The config file's path (for messages).
  public var configFile: String
  /// The credentials file's path (for messages).
  public var credentialsFile: String
  /// Profiles by name.
  public private(set) var profiles: [String: ConfigSection] = [:]
  /// `[sso-session NAME]` sections by name.
  public private(set) var ssoSessions: [String: ConfigSection] = [:]
  /// `[services NAME]` sections by name.
  public private(set) var services: [String: ConfigSection] = [:]
  /// Every other section of the config file, by header.
  public private(set) var otherSections: [String: ConfigSection] = [:]
  /// Things that are wrong but do not stop ssopick (e.g. a byte order mark, which stops the
  /// AWS CLI).
  public private(set) var warnings: [String] = []

  /// Reads `config` and, optionally, `credentials`.
  public init(config: ConfigDocument, credentials: ConfigDocument? = nil) throws(ConfigError) {
    configFile = config.path
    credentialsFile = credentials?.path ?? ""
    try config.validate()
    try credentials?.validate()
    for document in [config, credentials].compactMap({ $0 }) where document.hasByteOrderMark {
      warnings.append(
        "\(document.path) starts with a UTF-8 byte order mark; the AWS CLI and SDKs cannot "
          + "read it. Save it as UTF-8 without BOM.")
    }
    for raw in config.rawSections() {
      guard let name = ConfigSectionName(header: raw.header, flavor: .config) else { continue }
      let section = Self.section(name, raw, file: config.path)
      switch name {
      case .profile(let profile): profiles[profile] = section
      case .ssoSession(let session): ssoSessions[session] = section
      case .services(let group): services[group] = section
      case .other(let header): otherSections[header] = section
      }
    }
    guard let credentials else { return }
    for raw in credentials.rawSections() {
      let added = Self.section(.profile(raw.header), raw, file: credentials.path)
      guard var profile = profiles[raw.header] else {
        profiles[raw.header] = added
        continue
      }
      profile.values.merge(added.values) { _, new in new }
      profile.keyOrigins.merge(added.keyOrigins) { _, new in new }
      profiles[raw.header] = profile
    }
  }

  /// Reads the files at `locations`; a missing file counts as empty.
  public static func load(from locations: ConfigLocations) throws -> SharedConfig {
    let config = try ConfigFileStore(path: locations.configFile, flavor: .config).load()
    let credentials = try ConfigFileStore(path: locations.credentialsFile, flavor: .credentials)
      .load()
    return try SharedConfig(config: config, credentials: credentials)
  }

  /// The profile to use, in the AWS CLI v2 order: an explicit `--profile`, then `AWS_PROFILE`,
  /// then `AWS_DEFAULT_PROFILE`, then `default` (empty values count as unset).
  public static func selectedProfileName(explicit: String?, environment: Environment) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    return environment.nonEmpty("AWS_PROFILE") ?? environment.nonEmpty("AWS_DEFAULT_PROFILE")
      ?? "default"
  }

  private static func section(
    _ name: ConfigSectionName, _ raw: ConfigDocument.RawSection, file: String
  ) -> ConfigSection {
    ConfigSection(
      name: name, origin: ConfigOrigin(file: file, line: raw.line), values: raw.values,
      keyOrigins: raw.keyLines.mapValues { ConfigOrigin(file: file, line: $0) })
  }
}
