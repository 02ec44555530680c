import Foundation

/// A profile that signs in through a SAML identity provider (Entra ID's AWS gallery app) and
/// STS AssumeRoleWithSAML, read from aws-azure-login's keys (spec §12.5) plus ssopick's own:
///
/// ```ini
/// [profile acme-prod]
/// azure_tenant_id = 0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b
/// azure_app_id_uri = https://signin.aws.amazon.com/saml\#2
/// azure_default_username = jane.doe@acme.example
/// azure_default_role_arn = arn:aws:iam::210987654321:role/PlatformAdmin
/// azure_default_duration_hours = 8
/// region = eu-central-1
/// saml_idp_url = https://login.microsoftonline.com/0e5f6c1a-…/saml2
/// saml_assertion_source = loopback
/// ```
///
/// Values are read as aws-azure-login reads them (``AzureINIValue``), and the environment
/// variables of the same names override them, lower case first, then upper case
/// (`AZURE_TENANT_ID`, …), as aws-azure-login does. Build one with
/// ``SharedConfig/samlProfile(named:environment:)``.
public struct SAMLProfile: Sendable, Equatable {
  /// How the assertion reaches ssopick (spec §12.4).
  public enum AssertionSource: String, Sendable, Equatable, CaseIterable {
    /// The IdP posts it to ssopick's loopback listener (needs a registered reply URL).
    case loopback
    /// The user pastes it, or gives a file or standard input.
    case paste
  }

  /// The profile's name.
  public var name: String
  /// `azure_tenant_id`: the Entra tenant (GUID or domain); `nil` only when `saml_idp_url`
  /// names the IdP instead.
  public var tenantID: String?
  /// `azure_app_id_uri`: the app's identifier, the `Issuer` of the AuthnRequest, `#N` kept.
  public var appIDURI: String
  /// `azure_default_username`: the sign-in hint (`login_hint`).
  public var defaultUsername: String?
  /// `azure_default_role_arn`: the role(s) chosen without asking (a comma list allowed).
  public var defaultRoleARNs: [String]
  /// `azure_default_duration_hours`: 1–12.
  public var defaultDurationHours: Int?
  /// The profile's `region`: the regional STS endpoint (the environment does not override
  /// it here; the STS endpoint resolution does).
  public var region: String?
  /// `saml_idp_url`, else `https://login.microsoftonline.com/<tenant>/saml2`.
  public var idpURL: String
  /// `saml_assertion_source`, else `loopback`.
  public var assertionSource: AssertionSource
  /// `saml_principal_arn`: the SAML provider ARN to use with an encrypted assertion (whose
  /// roles cannot be read), together with ``defaultRoleARNs``.
  public var principalARN: String?
  /// The profile's section (for endpoint overrides and messages).
  public var section: ConfigSection
  /// The keys whose value came from the environment, with the variable's name.
  public var environmentOverrides: [String: String]
  /// Things that are odd but do not stop the sign-in, to show once.
  public var warnings: [String]

  /// Creates a profile.
  public init(
    name: String, tenantID: String?, appIDURI: String, defaultUsername: String? = nil,
    defaultRoleARNs: [String] = [], defaultDurationHours: Int? = nil, region: String? = nil,
    idpURL: String, assertionSource: AssertionSource = .loopback, principalARN: String? = nil,
    section: ConfigSection, environmentOverrides: [String: String] = [:], warnings: [String] = []
  ) {
    self.name = name
    self.tenantID = tenantID
    self.appIDURI = appIDURI
    self.defaultUsername = defaultUsername
    self.defaultRoleARNs = defaultRoleARNs
    self.defaultDurationHours = defaultDurationHours
    self.region = region
    self.idpURL = idpURL
    self.assertionSource = assertionSource
    self.principalARN = principalARN
    self.section = section
    self.environmentOverrides = environmentOverrides
    self.warnings = warnings
  }

  /// The keys read, in the order `saml configure` writes them.
  public enum Key {
    /// `azure_tenant_id`.
    public static let tenantID = "azure_tenant_id"
    /// `azure_app_id_uri`.
    public static let appIDURI = "azure_app_id_uri"
    /// `azure_default_username`.
    public static let defaultUsername = "azure_default_username"
    /// `azure_default_role_arn`.
    public static let defaultRoleARN = "azure_default_role_arn"
    /// `azure_default_duration_hours`.
    public static let defaultDurationHours = "azure_default_duration_hours"
    /// `region`.
    public static let region = "region"
    /// `saml_idp_url` (ssopick's).
    public static let idpURL = "saml_idp_url"
    /// `saml_assertion_source` (ssopick's).
    public static let assertionSource = "saml_assertion_source"
    /// `saml_principal_arn` (ssopick's).
    public static let principalARN = SAMLError.principalARNKey

    /// Every key a SAML profile may have, environment-overridable ones first.
    public static let all = [
      tenantID, appIDURI, defaultUsername, defaultRoleARN, defaultDurationHours, idpURL,
      assertionSource, principalARN, region,
    ]
    /// The keys the environment overrides (`region` is not among them, as in aws-azure-login).
    static let fromEnvironment = Array(all.dropLast())
    /// The keys that make a profile a SAML profile.
    static let markers = [tenantID, appIDURI, idpURL]
  }

  /// Entra ID's SAML endpoint for `tenant`.
  public static func defaultIdPURL(tenant: String) -> String {
    "https://login.microsoftonline.com/\(PercentEncoding.encode(tenant))/saml2"
  }

  /// The shortest and longest `DurationSeconds` in hours aws-azure-login accepts.
  public static let durationHours = 1...12

  /// The app identifier without a `#N` suffix (the AWS sign-in URL of the gallery app).
  public var appIDURIWithoutSuffix: String {
    guard let hash = appIDURI.lastIndex(of: "#") else { return appIDURI }
    return String(appIDURI[..<hash])
  }

  /// Whether `other` signs in with the same identity provider, tenant and app, so one
  /// assertion serves both (`saml login --all-profiles`).
  public func sharesSignIn(with other: SAMLProfile) -> Bool {
    idpURL == other.idpURL && appIDURI == other.appIDURI
      && tenantID?.lowercased() == other.tenantID?.lowercased()
  }
}

extension SharedConfig {
  /// Whether `section` is a SAML profile: it has `azure_tenant_id`, `azure_app_id_uri` or
  /// `saml_idp_url` (in the file; the environment does not make a profile a SAML one).
  public static func isSAMLProfile(_ section: ConfigSection) -> Bool {
    SAMLProfile.Key.markers.contains { section.value(forKey: $0) != nil }
  }

  /// The names of the SAML profiles, sorted.
  public var samlProfileNames: [String] {
    profiles.filter { Self.isSAMLProfile($0.value) }.map(\.key).sorted()
  }

  /// The profile `name` read as a SAML profile, with the environment's overrides.
  ///
  /// - Throws: ``ConfigError/profileNotFound(profile:file:)``,
  ///   ``ConfigError/notConfiguredForSAML(profile:file:missing:)`` when `azure_app_id_uri`, or
  ///   both `azure_tenant_id` and `saml_idp_url`, are missing, and
  ///   ``ConfigError/invalidSetting(key:origin:reason:)`` for a value that cannot be used
  ///   (naming the file and line, or the environment variable).
  public func samlProfile(named name: String, environment: Environment) throws(ConfigError)
    -> SAMLProfile
  {
    guard let section = profiles[name] else {
      throw .profileNotFound(profile: name, file: configFile)
    }
    var values: [String: String] = [:]
    var origins: [String: String] = [:]
    var overrides: [String: String] = [:]
    var warnings: [String] = []
    for key in SAMLProfile.Key.all {
      guard let raw = section.value(forKey: key) else { continue }
      let origin = section.keyOrigin(key).map(\.description) ?? section.origin.description
      guard let string = raw.string else {
        throw .invalidSetting(key: key, origin: origin, reason: "it must be a single value")
      }
      let (value, cut) = AzureINIValue.decode(string)
      if cut {
        warnings.append(
          "\(origin): \(key) has an unescaped '#' or ';', which aws-azure-login and ssopick "
            + "read as the start of a comment (the value used is \"\(UntrustedText.escaped(value))\"). "
            + "Write \\# (or \\;) to keep the character, as aws-azure-login --configure does.")
      }
      values[key] = value
      origins[key] = origin
    }
    for key in SAMLProfile.Key.fromEnvironment {
      for variable in [key, key.uppercased()] {
        guard let value = environment.nonEmpty(variable) else { continue }
        values[key] = value
        origins[key] = "the environment variable \(variable)"
        overrides[key] = variable
        break
      }
    }
    func value(_ key: String) -> String? {
      values[key].flatMap { $0.isEmpty ? nil : $0 }
    }
    func invalid(_ key: String, _ reason: String) -> ConfigError {
      .invalidSetting(key: key, origin: origins[key] ?? section.origin.description, reason: reason)
    }
    let tenant = value(SAMLProfile.Key.tenantID)
    let explicitIdP = value(SAMLProfile.Key.idpURL)
    var missing: [String] = []
    if tenant == nil, explicitIdP == nil { missing.append(SAMLProfile.Key.tenantID) }
    let appIDURI = value(SAMLProfile.Key.appIDURI)
    if appIDURI == nil { missing.append(SAMLProfile.Key.appIDURI) }
    guard let appIDURI, missing.isEmpty else {
      throw .notConfiguredForSAML(profile: name, file: section.origin.file, missing: missing)
    }
    if let tenant, tenant.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "?" }) {
      throw invalid(SAMLProfile.Key.tenantID, "a tenant is a GUID or a domain name")
    }
    let idpURL = explicitIdP ?? SAMLProfile.defaultIdPURL(tenant: tenant ?? "")
    if let explicitIdP, let reason = Self.idpURLProblem(explicitIdP) {
      throw invalid(SAMLProfile.Key.idpURL, reason)
    }
    var hours: Int?
    if let text = value(SAMLProfile.Key.defaultDurationHours) {
      guard let parsed = Int(text), SAMLProfile.durationHours.contains(parsed) else {
        throw invalid(
          SAMLProfile.Key.defaultDurationHours, "it must be a whole number of hours, 1–12")
      }
      hours = parsed
    }
    var source = SAMLProfile.AssertionSource.loopback
    if let text = value(SAMLProfile.Key.assertionSource) {
      guard let parsed = SAMLProfile.AssertionSource(rawValue: text.lowercased()) else {
        throw invalid(SAMLProfile.Key.assertionSource, "it must be loopback or paste")
      }
      source = parsed
    }
    let roles = (value(SAMLProfile.Key.defaultRoleARN) ?? "").split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    for role in roles where SAMLRole.iamResource(role, type: "role") == nil {
      throw invalid(
        SAMLProfile.Key.defaultRoleARN,
        "each entry must be a role ARN such as arn:aws:iam::123456789012:role/NAME")
    }
    let principal = value(SAMLProfile.Key.principalARN)
    if let principal, SAMLRole.iamResource(principal, type: "saml-provider") == nil {
      throw invalid(
        SAMLProfile.Key.principalARN,
        "it must be a SAML provider ARN such as arn:aws:iam::123456789012:saml-provider/NAME")
    }
    return SAMLProfile(
      name: name, tenantID: tenant, appIDURI: appIDURI,
      defaultUsername: value(SAMLProfile.Key.defaultUsername), defaultRoleARNs: roles,
      defaultDurationHours: hours, region: value(SAMLProfile.Key.region), idpURL: idpURL,
      assertionSource: source, principalARN: principal, section: section,
      environmentOverrides: overrides, warnings: warnings)
  }

  /// Why `url` cannot be the IdP's SAML endpoint: it must be `https://HOST…`, or plain `http`
  /// to a loopback host (tests, the demo).
  static func idpURLProblem(_ url: String) -> String? {
    guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
      let host = components.host, !host.isEmpty
    else { return "it must be a URL such as https://login.microsoftonline.com/TENANT/saml2" }
    if scheme == "https" { return nil }
    if scheme == "http", ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) {
      return nil
    }
    return "it must be an https URL (plain http only to 127.0.0.1 or localhost)"
  }
}
