/// Everything needed to talk to AWS for one sign-in: the session, the profile it was chosen
/// through (if any), and the OIDC and portal endpoints resolved for it (spec §6).
public struct SessionContext: Sendable, Equatable {
  /// The session to sign in to.
  public var session: SSOSession
  /// The profile the session was chosen through, when one was.
  public var profile: SSOProfile?
  /// The SSO OIDC endpoint.
  public var oidcEndpoint: ResolvedEndpoint
  /// The SSO portal endpoint.
  public var portalEndpoint: ResolvedEndpoint

  /// Creates a context.
  public init(
    session: SSOSession, profile: SSOProfile?, oidcEndpoint: ResolvedEndpoint,
    portalEndpoint: ResolvedEndpoint
  ) {
    self.session = session
    self.profile = profile
    self.oidcEndpoint = oidcEndpoint
    self.portalEndpoint = portalEndpoint
  }

  /// A short name for messages: `sso-session acme` or `profile legacy (https://…)`.
  public var displayName: String {
    if let name = session.name { return name }
    if let profile { return "\(profile.name) (\(session.startURL))" }
    return session.startURL
  }
}

/// Chooses the session a command works on:
/// 1. `--session NAME`;
/// 2. `--profile NAME`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE` (CLI v2 order): the
///    profile's session (its `services`/`endpoint_url` apply to the endpoints);
/// 3. otherwise the only sign-in configured — one `[sso-session]`, or legacy profiles that
///    all share one start URL; a `[default]` profile configured for SSO wins.
///
/// Several candidates, or none, is an error that says what to do.
public struct SessionSelector: Sendable {
  /// The files.
  public var config: SharedConfig
  /// The environment (profile variables, endpoint overrides).
  public var environment: Environment

  /// Creates a selector.
  public init(config: SharedConfig, environment: Environment) {
    self.config = config
    self.environment = environment
  }

  /// The context for the given choices.
  public func select(session sessionName: String? = nil, profile profileName: String? = nil)
    throws(ConfigError) -> SessionContext
  {
    if let sessionName, !sessionName.isEmpty {
      return try context(for: config.ssoSession(named: sessionName), profile: nil)
    }
    let explicitProfile =
      profileName.flatMap { $0.isEmpty ? nil : $0 } ?? environment.nonEmpty("AWS_PROFILE")
      ?? environment.nonEmpty("AWS_DEFAULT_PROFILE")
    if let explicitProfile {
      let profile = try config.ssoProfile(named: explicitProfile)
      return try context(for: profile.session, profile: profile)
    }
    if config.profiles["default"] != nil, let profile = try? config.ssoProfile(named: "default") {
      return try context(for: profile.session, profile: profile)
    }
    let candidates = try allSessions()
    switch candidates.count {
    case 0:
      throw .noSSOConfigured(file: config.configFile)
    case 1:
      return try context(for: candidates[0].session, profile: candidates[0].profile)
    default:
      throw .ambiguousSession(
        file: config.configFile, choices: candidates.map { $0.session.name ?? $0.session.startURL })
    }
  }

  /// The contexts a command over every sign-in works on (the picker, `list`): the one
  /// ``select(session:profile:)`` chooses when the choices (or the configuration) name one,
  /// else — several configured and none chosen — every one of them, in
  /// ``allSessions()``'s order.
  public func selectAll(session sessionName: String? = nil, profile profileName: String? = nil)
    throws(ConfigError) -> [SessionContext]
  {
    do {
      return [try select(session: sessionName, profile: profileName)]
    } catch {
      guard case .ambiguousSession = error else { throw error }
      var contexts: [SessionContext] = []
      for candidate in try allSessions() {
        contexts.append(try context(for: candidate.session, profile: candidate.profile))
      }
      return contexts
    }
  }

  /// Every sign-in configured: each `[sso-session]` (sorted by name), then each distinct
  /// start URL of legacy profiles (through the first profile, by name, that uses it).
  /// Sections that are not complete enough to sign in are skipped.
  public func allSessions() throws(ConfigError) -> [(session: SSOSession, profile: SSOProfile?)] {
    var result: [(session: SSOSession, profile: SSOProfile?)] = []
    for name in config.ssoSessions.keys.sorted() {
      if let session = try? config.ssoSession(named: name) { result.append((session, nil)) }
    }
    var legacyURLs: Set<String> = []
    // Only a profile without `sso_session` but with its own SSO settings can be legacy; the
    // others (SharedConfig knows them without reading them) are skipped before the sort.
    let legacyCandidates = config.profilesMaybeLegacy.filter { name in
      guard let section = config.profiles[name] else { return false }
      return section.string("sso_session") == nil
        && (section.value(forKey: "sso_start_url") != nil
          || section.value(forKey: "sso_region") != nil)
    }
    for name in legacyCandidates.sorted() {
      guard let profile = try? config.ssoProfile(named: name), profile.session.isLegacy,
        legacyURLs.insert(profile.session.startURL).inserted
      else { continue }
      result.append((profile.session, profile))
    }
    return result
  }

  /// The context for `session`, with endpoints resolved through `profile` when given.
  public func context(for session: SSOSession, profile: SSOProfile?) throws(ConfigError)
    -> SessionContext
  {
    let resolver = EndpointResolver(
      environment: environment, profile: profile?.section, config: config)
    return SessionContext(
      session: session, profile: profile,
      oidcEndpoint: try resolver.endpoint(for: .ssoOIDC, region: session.region),
      portalEndpoint: try resolver.endpoint(for: .sso, region: session.region))
  }
}
