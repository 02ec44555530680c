extension ConfigDocument {
  /// Creates or updates `[sso-session NAME]` for `ssopick configure` (config files only).
  ///
  /// `nil` arguments keep the current value. A new section needs a start URL and a region;
  /// its scopes default to `sso:account:access`. Values are validated before anything changes.
  @discardableResult
  public mutating func writeSSOSession(
    name: String, startURL: String?, region: String?, scopes: String?
  ) throws(ConfigError) -> ConfigChange {
    if let startURL { try SSOSession.validateStartURL(startURL) }
    if let region { try SSOSession.validateRegion(region) }
    if let scopes { try SSOSession.validateScopes(scopes) }
    let section = ConfigSectionName.ssoSession(name)
    var edits: [ConfigEdit] = []
    if self.section(section) == nil {
      guard let startURL, let region else {
        throw .invalidValue(
          key: "sso-session \(name)", reason: "a new sso-session needs a start URL and a region")
      }
      edits = [
        .set(key: "sso_start_url", value: startURL),
        .set(key: "sso_region", value: region),
        .set(key: "sso_registration_scopes", value: scopes ?? SSOSession.defaultRegistrationScopes),
      ]
    } else {
      if let startURL { edits.append(.set(key: "sso_start_url", value: startURL)) }
      if let region { edits.append(.set(key: "sso_region", value: region)) }
      if let scopes { edits.append(.set(key: "sso_registration_scopes", value: scopes)) }
    }
    return try update(section, edits)
  }
}
