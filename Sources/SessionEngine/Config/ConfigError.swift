/// Everything that can be wrong with AWS config and credentials files, or with what ssopick
/// was asked to write into them. Messages name the file and 1-based line where there is one,
/// and never quote a line's text (a credentials file holds secrets).
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A line botocore cannot read; the whole file is unusable until it is fixed.
  case malformedLine(file: String, line: Int, problem: String)
  /// The same section header appears twice; botocore rejects the whole file.
  case duplicateSection(file: String, line: Int, section: String, firstLine: Int)
  /// The same key (compared case-insensitively) appears twice in one section.
  case duplicateKey(file: String, line: Int, key: String, section: String, firstLine: Int)
  /// The selected profile is in neither file.
  case profileNotFound(profile: String, file: String)
  /// `sso_session = NAME` (or `--session NAME`) names a section that does not exist.
  case ssoSessionNotFound(session: String, file: String, profile: String?)
  /// The profile has neither `sso_session` nor `sso_start_url`.
  case notConfiguredForSSO(profile: String, file: String)
  /// An SSO section lacks keys it needs.
  case missingSSOSettings(section: String, file: String, line: Int, missing: [String])
  /// A key has different values in the profile and in its sso-session.
  case inconsistentSSOSetting(
    key: String, profileValue: String, sessionValue: String, profile: String, session: String)
  /// The profile names `sso_account_id` or `sso_role_name` but not both.
  case missingAccountOrRole(profile: String, missing: [String])
  /// `services = NAME` names a `[services NAME]` section that is missing or empty.
  case servicesSectionNotFound(services: String, profile: String, file: String)
  /// A profile, session or section name that cannot be written as a header.
  case invalidName(String, kind: String, reason: String)
  /// A key that cannot be written.
  case invalidKey(String, reason: String)
  /// A value that cannot be written as is.
  case invalidValue(key: String, reason: String)
  /// An `sso_start_url` that is not an https URL with a host.
  case invalidStartURL(String, reason: String)
  /// A region name that does not look like `eu-central-1`.
  case invalidRegion(String)
  /// `sso_registration_scopes` that cannot be used.
  case invalidScopes(String, reason: String)
  /// A path needs the home directory but `HOME` is not set.
  case homeNotSet(needed: String)
  /// An edit would have produced a file botocore cannot read; nothing was written.
  case editWouldBreakFile(file: String, problem: String)
  /// No sign-in (sso-session or legacy SSO profile) is configured.
  case noSSOConfigured(file: String)
  /// Several sign-ins are configured and nothing chose one.
  case ambiguousSession(file: String, choices: [String])
  /// The profile lacks the keys a SAML sign-in needs (`azure_app_id_uri`, and
  /// `azure_tenant_id` unless `saml_idp_url` is set).
  case notConfiguredForSAML(profile: String, file: String, missing: [String])
  /// A setting that cannot be used; `origin` is `FILE, line N` or the environment variable.
  case invalidSetting(key: String, origin: String, reason: String)

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .malformedLine(let file, let line, let problem):
      return "\(file), line \(line): \(problem). AWS tools cannot read this file until it is fixed."
    case .duplicateSection(let file, let line, let section, let firstLine):
      return
        "\(file), line \(line): section [\(section)] appears again (first at line \(firstLine)). "
        + "AWS tools reject the whole file; merge or remove one of them."
    case .duplicateKey(let file, let line, let key, let section, let firstLine):
      return
        "\(file), line \(line): key \"\(key)\" appears again in [\(section)] "
        + "(first at line \(firstLine)). AWS tools reject the whole file; remove one of them."
    case .profileNotFound(let profile, let file):
      return "The config profile \"\(profile)\" could not be found in \(file)."
    case .ssoSessionNotFound(let session, let file, let profile):
      let user = profile.map { "Profile \"\($0)\" names sso_session \"\(session)\", but " } ?? ""
      let start = user.isEmpty ? "There is " : user + "there is "
      return
        start + "no [sso-session \(session)] section in \(file). "
        + "Create it with: ssopick configure --session \(session) --start-url URL --region REGION"
    case .notConfiguredForSSO(let profile, let file):
      return
        "Profile \"\(profile)\" in \(file) is not configured for IAM Identity Center: "
        + "it needs sso_session (or sso_start_url and sso_region)."
    case .missingSSOSettings(let section, let file, let line, let missing):
      return
        "[\(section)] in \(file) (line \(line)) is missing required configuration: "
        + missing.joined(separator: ", ") + "."
    case .inconsistentSSOSetting(
      let key, let profileValue, let sessionValue, let profile, let session):
      return
        "The value for \(key) is inconsistent between profile \"\(profile)\" (\(profileValue)) "
        + "and sso-session \"\(session)\" (\(sessionValue)). Remove it from the profile."
    case .missingAccountOrRole(let profile, let missing):
      return
        "The profile \"\(profile)\" is configured to use SSO but is missing required configuration: "
        + missing.joined(separator: ", ") + "."
    case .servicesSectionNotFound(let services, let profile, let file):
      return
        "Profile \"\(profile)\" says services = \(services), but the \"\(services)\" services "
        + "configuration does not exist in \(file) (or is empty)."
    case .invalidName(let name, let kind, let reason):
      return "Cannot use \"\(name)\" as \(kind) name: \(reason)."
    case .invalidKey(let key, let reason):
      return "Cannot write the key \"\(key)\": \(reason)."
    case .invalidValue(let key, let reason):
      return "Cannot write the value of \(key): \(reason)."
    case .invalidStartURL(let url, let reason):
      return "The start URL \"\(url)\" cannot be used: \(reason)."
    case .invalidRegion(let region):
      return
        "\"\(region)\" is not an AWS region name; use the region of your IAM Identity Center "
        + "instance, e.g. eu-central-1 or us-gov-west-1."
    case .invalidScopes(let scopes, let reason):
      return "The registration scopes \"\(scopes)\" cannot be used: \(reason)."
    case .homeNotSet(let needed):
      return "HOME is not set, so the location of \(needed) is unknown. Set HOME or \(needed)."
    case .editWouldBreakFile(let file, let problem):
      return
        "Refusing to change \(file): the edit would break it (\(problem)). Nothing was written."
    case .noSSOConfigured(let file):
      return "No IAM Identity Center sign-in is configured in \(file). Run "
        + "`ssopick configure --session NAME --start-url https://… --region REGION` first."
    case .notConfiguredForSAML(let profile, let file, let missing):
      return
        "Profile \"\(profile)\" in \(file) is not configured for SAML sign-in: it needs "
        + missing.joined(separator: " and ") + ". Run `ssopick saml configure --profile "
        + "\(profile) --tenant TENANT --app-id-uri URI` (or aws-azure-login --configure)."
    case .invalidSetting(let key, let origin, let reason):
      return "\(origin): \(key) cannot be used: \(reason)."
    case .ambiguousSession(let file, let choices):
      return "\(file) configures several sign-ins (\(choices.joined(separator: ", "))). "
        + "Choose one with --session NAME (or --profile NAME, or AWS_PROFILE)."
    }
  }
}
