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
  /// The names of the profiles that may have their own `sso_start_url` or `sso_region` (may
  /// be legacy SSO profiles): every other profile certainly has neither.
  private(set) var profilesMaybeLegacy: Set<String> = []
  /// Things that are wrong but do not stop ssopick (e.g. a byte order mark, which stops the
  /// AWS CLI).
  public private(set) var warnings: [String] = []

  /// Reads `config` and, optionally, `credentials`.
  public init(config: ConfigDocument, credentials: ConfigDocument? = nil) throws(ConfigError) {
    configFile = config.path
    credentialsFile = credentials?.path ?? ""
    for document in [config, credentials].compactMap({ $0 }) where document.hasByteOrderMark {
      warnings.append(
        "\(document.path) starts with a UTF-8 byte order mark; the AWS CLI and SDKs cannot "
          + "read it. Save it as UTF-8 without BOM.")
    }
    // One pass per file (both are validated, so no header repeats except [DEFAULT]). Sections
    // keep pointing at their lines (see `ConfigSection`).
    var profiles = [String: ConfigSection](
      minimumCapacity: config.sectionCount + (credentials?.sectionCount ?? 0))
    var ssoSessions: [String: ConfigSection] = [:]
    var services: [String: ConfigSection] = [:]
    var otherSections: [String: ConfigSection] = [:]
    var mayBeLegacy: Set<String> = []
    defer {
      self.profiles = profiles
      self.ssoSessions = ssoSessions
      self.services = services
      self.otherSections = otherSections
      self.profilesMaybeLegacy = mayBeLegacy
    }
    func noteLegacy(_ name: String, _ maybe: Bool) {
      if maybe {
        mayBeLegacy.insert(name)
      } else if !mayBeLegacy.isEmpty {
        mayBeLegacy.remove(name)
      }
    }
    // Validation (which throws for the first duplicate, config file first) walks each file
    // once and hands over each section as it goes.
    let configPath = config.path
    let configSource = ConfigSectionLines.Source(document: config)
    try config.validate { outline in
      let header = outline.header
      guard !config.isDefaultHeader(header),
        let name = config.sectionName(at: header, flavor: .config)
      else { return }
      let origin = ConfigOrigin(file: configPath, line: header + 1)
      let lines = ConfigSectionLines(source: configSource, outline: outline)
      switch name {
      case .profile(let profile):
        noteLegacy(profile, lines.mayHaveLegacySSOSettings)
        profiles[profile] = ConfigSection(name: name, origin: origin, lines: lines)
      case .ssoSession(let session):
        ssoSessions[session] = ConfigSection(name: name, origin: origin, lines: lines)
      case .services(let group):
        services[group] = ConfigSection(name: name, origin: origin, lines: lines)
      case .other(let header):
        otherSections[header] = ConfigSection(name: name, origin: origin, lines: lines)
      }
    }
    guard let credentials else { return }
    let credentialsPath = credentials.path
    let credentialsSource = ConfigSectionLines.Source(document: credentials)
    try credentials.validate { outline in
      let header = outline.header
      guard !credentials.isDefaultHeader(header) else { return }
      let name = credentials.string(credentials.records[header].name)
      let added = ConfigSection(
        name: .profile(name), origin: ConfigOrigin(file: credentialsPath, line: header + 1),
        lines: ConfigSectionLines(source: credentialsSource, outline: outline))
      guard var profile = profiles[name] else {
        noteLegacy(name, added.mayHaveLegacySSOSettings)
        profiles[name] = added
        return
      }
      profile.values.merge(added.values) { _, new in new }
      profile.keyOrigins.merge(added.keyOrigins) { _, new in new }
      noteLegacy(name, profile.mayHaveLegacySSOSettings)
      profiles[name] = profile
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
}
