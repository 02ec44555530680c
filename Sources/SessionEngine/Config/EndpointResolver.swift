/// An AWS service ssopick calls, with the names used for its endpoint overrides.
public enum AWSService: String, Sendable, CaseIterable {
  /// The OIDC service (`sso-oidc`): client registration, device and PKCE logins, refresh.
  case ssoOIDC = "sso-oidc"
  /// The portal service (`sso`): accounts, roles, role credentials, logout.
  case sso = "sso"
  /// STS: GetCallerIdentity, AssumeRole (role chaining) and AssumeRoleWithSAML.
  case sts = "sts"

  /// The suffix of its `AWS_ENDPOINT_URL_<SUFFIX>` variable.
  public var environmentSuffix: String {
    switch self {
    case .ssoOIDC: return "SSO_OIDC"
    case .sso: return "SSO"
    case .sts: return "STS"
    }
  }

  /// Its key inside a `[services NAME]` section (`sso_oidc`, `sso`, `sts`).
  public var servicesKey: String { environmentSuffix.lowercased() }
}

/// Where an endpoint came from, for `ssopick status` and error messages.
public enum EndpointSource: Sendable, Equatable {
  /// `AWS_ENDPOINT_URL_<SERVICE>`.
  case serviceEnvironment(variable: String)
  /// `AWS_ENDPOINT_URL`.
  case globalEnvironment
  /// `endpoint_url` nested under the service in `[services NAME]`.
  case servicesSection(name: String, origin: ConfigOrigin?)
  /// `endpoint_url` in the active profile.
  case profile(name: String, origin: ConfigOrigin?)
  /// The partition's default host.
  case partitionDefault(partition: String)
}

/// An endpoint URL and where it came from. A custom URL may carry a path prefix; request
/// paths are appended to it.
public struct ResolvedEndpoint: Sendable, Equatable {
  /// The base URL, e.g. `https://oidc.eu-central-1.amazonaws.com`.
  public var url: String
  /// Where it came from.
  public var source: EndpointSource

  /// Creates a resolved endpoint.
  public init(url: String, source: EndpointSource) {
    self.url = url
    self.source = source
  }
}

/// Resolves endpoints the way botocore does (spec §6.2, §6.3). The first non-empty value of
/// these wins, unless `ignore_configured_endpoint_urls = true` in the profile or
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (the variable wins over the profile):
/// 1. `AWS_ENDPOINT_URL_SSO` / `AWS_ENDPOINT_URL_SSO_OIDC` / `AWS_ENDPOINT_URL_STS`;
/// 2. `AWS_ENDPOINT_URL`;
/// 3. the profile's `services = NAME` → `[services NAME]` → `sso =` / `sso_oidc =` nested
///    `endpoint_url` (a missing or empty services section is an error, raised only when this
///    step is reached);
/// 4. the profile's `endpoint_url`.
/// Otherwise the partition's default host, with FIPS (`AWS_USE_FIPS_ENDPOINT`, then the
/// profile's `use_fips_endpoint`) and dual-stack (`AWS_USE_DUALSTACK_ENDPOINT`,
/// `use_dualstack_endpoint`); both flags are ignored when a custom URL is in effect.
///
/// Without a profile (`--session NAME`), only the environment is consulted: an sso-session
/// has no `services` or `endpoint_url` of its own (botocore never reads them there).
public struct EndpointResolver: Sendable {
  /// The environment (for the `AWS_*` variables).
  public var environment: Environment
  /// The active profile, or `nil` when resolving for a session alone.
  public var profile: ConfigSection?
  /// The files (for `[services NAME]` sections).
  public var config: SharedConfig?

  /// Creates a resolver.
  public init(environment: Environment, profile: ConfigSection? = nil, config: SharedConfig? = nil)
  {
    self.environment = environment
    self.profile = profile
    self.config = config
  }

  /// The endpoint for `service` in `region` (the sso region for OIDC and portal).
  public func endpoint(for service: AWSService, region: String) throws(ConfigError)
    -> ResolvedEndpoint
  {
    if !ignoresConfiguredEndpoints, let custom = try configuredEndpoint(for: service) {
      return custom
    }
    let partition = AWSPartition.forRegion(region)
    return ResolvedEndpoint(
      url: Self.defaultURL(
        for: service, region: region, partition: partition, fips: flag("USE_FIPS_ENDPOINT"),
        dualStack: flag("USE_DUALSTACK_ENDPOINT")),
      source: .partitionDefault(partition: partition.id))
  }

  /// Whether configured endpoints are switched off.
  public var ignoresConfiguredEndpoints: Bool {
    if let value = environment.nonEmpty("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") {
      return value.lowercased() == "true"
    }
    return profile?.bool("ignore_configured_endpoint_urls") ?? false
  }

  /// The partition default for `service` (spec §6.2), including the quirk that FIPS in
  /// `aws-us-gov` uses the regular SSO and OIDC hosts.
  public static func defaultURL(
    for service: AWSService, region: String, partition: AWSPartition, fips: Bool, dualStack: Bool
  ) -> String {
    let (plain, fipsName): (String, String)
    switch service {
    case .ssoOIDC: (plain, fipsName) = ("oidc", "oidc-fips")
    case .sso: (plain, fipsName) = ("portal.sso", "portal.sso-fips")
    case .sts: (plain, fipsName) = ("sts", "sts-fips")
    }
    switch (fips, dualStack) {
    case (true, true):
      return "https://\(fipsName).\(region).\(partition.dualStackDNSSuffix)"
    case (true, false):
      if partition.id == "aws-us-gov" { return "https://\(plain).\(region).amazonaws.com" }
      return "https://\(fipsName).\(region).\(partition.dnsSuffix)"
    case (false, true):
      return "https://\(plain).\(region).\(partition.dualStackDNSSuffix)"
    case (false, false):
      return "https://\(plain).\(region).\(partition.dnsSuffix)"
    }
  }

  private func configuredEndpoint(for service: AWSService) throws(ConfigError) -> ResolvedEndpoint?
  {
    let variable = "AWS_ENDPOINT_URL_" + service.environmentSuffix
    if let url = environment.nonEmpty(variable) {
      return ResolvedEndpoint(url: url, source: .serviceEnvironment(variable: variable))
    }
    if let url = environment.nonEmpty("AWS_ENDPOINT_URL") {
      return ResolvedEndpoint(url: url, source: .globalEnvironment)
    }
    guard let profile else { return nil }
    if let group = profile.string("services") {
      guard let section = config?.services[group], !section.values.isEmpty else {
        throw .servicesSectionNotFound(
          services: group, profile: profile.name.name,
          file: config?.configFile ?? profile.origin.file)
      }
      if let url = section.values[service.servicesKey]?.nested?["endpoint_url"], !url.isEmpty {
        return ResolvedEndpoint(
          url: url,
          source: .servicesSection(name: group, origin: section.keyOrigins[service.servicesKey]))
      }
    }
    if let url = profile.string("endpoint_url"), !url.isEmpty {
      return ResolvedEndpoint(
        url: url,
        source: .profile(name: profile.name.name, origin: profile.keyOrigin("endpoint_url")))
    }
    return nil
  }

  func flag(_ suffix: String) -> Bool {
    if let value = environment.nonEmpty("AWS_" + suffix) { return value.lowercased() == "true" }
    return profile?.bool(suffix.lowercased()) ?? false
  }
}
