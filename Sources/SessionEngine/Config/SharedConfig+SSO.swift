extension SharedConfig {
  /// The `[sso-session NAME]` section resolved (used by `--session NAME`, no profile).
  /// Throws when it is missing or lacks `sso_start_url` or `sso_region`.
  public func ssoSession(named name: String) throws(ConfigError) -> SSOSession {
    guard let section = ssoSessions[name] else {
      throw .ssoSessionNotFound(session: name, file: configFile, profile: nil)
    }
    return try Self.session(from: section, name: name, label: "sso-session \(name)")
  }

  /// The profile `name` resolved for IAM Identity Center, following botocore's rules
  /// (spec §9.3):
  /// - with `sso_session`, the section must exist, a key set in both the profile and the
  ///   session must have the same value, and the session needs `sso_start_url` and
  ///   `sso_region`;
  /// - without it (legacy), the profile itself needs `sso_start_url` and `sso_region`.
  public func ssoProfile(named name: String) throws(ConfigError) -> SSOProfile {
    guard let profile = profiles[name] else {
      throw .profileNotFound(profile: name, file: configFile)
    }
    var merged = profile.values
    let session: SSOSession
    if let sessionName = profile.string("sso_session") {
      guard let sessionSection = ssoSessions[sessionName] else {
        throw .ssoSessionNotFound(session: sessionName, file: configFile, profile: name)
      }
      for (key, value) in sessionSection.values.sorted(by: { $0.key < $1.key }) {
        if let own = merged[key], own != value {
          throw .inconsistentSSOSetting(
            key: key, profileValue: own.description, sessionValue: value.description,
            profile: name, session: sessionName)
        }
        merged[key] = value
      }
      session = try Self.session(
        from: sessionSection, name: sessionName, label: "sso-session \(sessionName)")
    } else {
      guard
        profile.value(forKey: "sso_start_url") != nil || profile.value(forKey: "sso_region") != nil
      else {
        throw .notConfiguredForSSO(profile: name, file: profile.origin.file)
      }
      session = try Self.session(from: profile, name: nil, label: "profile \(name)")
    }
    return SSOProfile(
      name: name, session: session, accountID: merged["sso_account_id"]?.string,
      roleName: merged["sso_role_name"]?.string, region: merged["region"]?.string,
      section: profile)
  }

  private static func session(from section: ConfigSection, name: String?, label: String)
    throws(ConfigError) -> SSOSession
  {
    let startURL = section.string("sso_start_url")
    let region = section.string("sso_region")
    guard let startURL, let region else {
      throw .missingSSOSettings(
        section: label, file: section.origin.file, line: section.origin.line,
        missing: [startURL == nil ? "sso_start_url" : nil, region == nil ? "sso_region" : nil]
          .compactMap { $0 })
    }
    return SSOSession(
      name: name, startURL: startURL, region: region,
      registrationScopes: section.string("sso_registration_scopes").map(SSOSession.parseScopes)
        ?? [],
      origin: section.origin)
  }
}
