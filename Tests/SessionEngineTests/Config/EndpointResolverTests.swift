import Testing

@testable import SessionEngine

@Suite("Endpoint resolution (spec §6)")
struct EndpointResolverTests {
  static let defaults: [(region: String, fips: Bool, dual: Bool, oidc: String, portal: String)] = [
    (
      "eu-central-1", false, false, "https://oidc.eu-central-1.amazonaws.com",
      "https://portal.sso.eu-central-1.amazonaws.com"
    ),
    (
      "us-east-1", true, false, "https://oidc-fips.us-east-1.amazonaws.com",
      "https://portal.sso-fips.us-east-1.amazonaws.com"
    ),
    (
      "us-east-1", false, true, "https://oidc.us-east-1.api.aws",
      "https://portal.sso.us-east-1.api.aws"
    ),
    (
      "us-east-1", true, true, "https://oidc-fips.us-east-1.api.aws",
      "https://portal.sso-fips.us-east-1.api.aws"
    ),
    (
      "cn-northwest-1", false, false, "https://oidc.cn-northwest-1.amazonaws.com.cn",
      "https://portal.sso.cn-northwest-1.amazonaws.com.cn"
    ),
    (
      "cn-north-1", false, true, "https://oidc.cn-north-1.api.amazonwebservices.com.cn",
      "https://portal.sso.cn-north-1.api.amazonwebservices.com.cn"
    ),
    (
      "us-gov-west-1", false, false, "https://oidc.us-gov-west-1.amazonaws.com",
      "https://portal.sso.us-gov-west-1.amazonaws.com"
    ),
    // FIPS in aws-us-gov keeps the regular hosts.
    (
      "us-gov-west-1", true, false, "https://oidc.us-gov-west-1.amazonaws.com",
      "https://portal.sso.us-gov-west-1.amazonaws.com"
    ),
    (
      "us-gov-east-1", true, true, "https://oidc-fips.us-gov-east-1.api.aws",
      "https://portal.sso-fips.us-gov-east-1.api.aws"
    ),
    (
      "eusc-de-east-1", false, false, "https://oidc.eusc-de-east-1.amazonaws.eu",
      "https://portal.sso.eusc-de-east-1.amazonaws.eu"
    ),
    (
      "us-iso-east-1", false, false, "https://oidc.us-iso-east-1.c2s.ic.gov",
      "https://portal.sso.us-iso-east-1.c2s.ic.gov"
    ),
    (
      "us-isob-east-1", true, false, "https://oidc-fips.us-isob-east-1.sc2s.sgov.gov",
      "https://portal.sso-fips.us-isob-east-1.sc2s.sgov.gov"
    ),
    (
      "eu-isoe-west-1", false, false, "https://oidc.eu-isoe-west-1.cloud.adc-e.uk",
      "https://portal.sso.eu-isoe-west-1.cloud.adc-e.uk"
    ),
    (
      "us-isof-south-1", false, true, "https://oidc.us-isof-south-1.api.aws.hci.ic.gov",
      "https://portal.sso.us-isof-south-1.api.aws.hci.ic.gov"
    ),
    // An unknown region falls back to the aws partition.
    (
      "xx-fake-1", false, false, "https://oidc.xx-fake-1.amazonaws.com",
      "https://portal.sso.xx-fake-1.amazonaws.com"
    ),
  ]

  @Test("partition defaults, FIPS and dual-stack", arguments: defaults.indices)
  func partitionDefaults(index: Int) throws {
    let row = Self.defaults[index]
    var variables: [String: String] = [:]
    if row.fips { variables["AWS_USE_FIPS_ENDPOINT"] = "true" }
    if row.dual { variables["AWS_USE_DUALSTACK_ENDPOINT"] = "TRUE" }
    let resolver = EndpointResolver(environment: Environment(variables))
    #expect(try resolver.endpoint(for: .ssoOIDC, region: row.region).url == row.oidc)
    #expect(try resolver.endpoint(for: .sso, region: row.region).url == row.portal)
  }

  @Test("partition choice by name and pattern")
  func partitions() {
    #expect(AWSPartition.forRegion("us-gov-west-1").id == "aws-us-gov")
    #expect(AWSPartition.forRegion("aws-us-gov-global").id == "aws-us-gov")
    #expect(AWSPartition.forRegion("us-iso-west-1").id == "aws-iso")
    #expect(AWSPartition.forRegion("eusc-de-east-1").id == "aws-eusc")
    #expect(AWSPartition.forRegion("eusc-fr-east-1").id == "aws")
    #expect(AWSPartition.forRegion("il-central-1").id == "aws")
    #expect(
      EndpointResolver.defaultURL(
        for: .sts, region: "us-gov-west-1", partition: AWSPartition.forRegion("us-gov-west-1"),
        fips: true, dualStack: false) == "https://sts.us-gov-west-1.amazonaws.com")
  }

  func profile(_ text: String, name: String = "p") throws -> (SharedConfig, ConfigSection) {
    let shared = try SharedConfig(
      config: ConfigDocument(parsing: text, path: "/h/.aws/config", flavor: .config))
    return (shared, try #require(shared.profiles[name]))
  }

  static let fullProfile = """
    [profile p]
    services = fakes
    endpoint_url = http://profile.test
    use_fips_endpoint = true
    [services fakes]
    sso =
        endpoint_url = http://services-sso.test
    sso_oidc =
        endpoint_url = http://services-oidc.test/prefix/
    """

  @Test("override precedence: service variable, global variable, services section, profile")
  func precedence() throws {
    let (shared, section) = try profile(Self.fullProfile)
    func resolve(_ variables: [String: String], _ service: AWSService) throws -> ResolvedEndpoint {
      try EndpointResolver(environment: Environment(variables), profile: section, config: shared)
        .endpoint(for: service, region: "eu-central-1")
    }
    let all = [
      "AWS_ENDPOINT_URL_SSO": "http://env-sso.test", "AWS_ENDPOINT_URL": "http://env.test",
    ]
    #expect(
      try resolve(all, .sso)
        == ResolvedEndpoint(
          url: "http://env-sso.test", source: .serviceEnvironment(variable: "AWS_ENDPOINT_URL_SSO"))
    )
    #expect(
      try resolve(all, .ssoOIDC)
        == ResolvedEndpoint(url: "http://env.test", source: .globalEnvironment))
    #expect(
      try resolve(["AWS_ENDPOINT_URL_SSO_OIDC": "http://env-oidc.test"], .ssoOIDC).url
        == "http://env-oidc.test")
    let fromServices = try resolve([:], .ssoOIDC)
    #expect(fromServices.url == "http://services-oidc.test/prefix/")
    #expect(
      fromServices.source
        == .servicesSection(name: "fakes", origin: ConfigOrigin(file: "/h/.aws/config", line: 8)))
    // No sts block in the services section: the profile's endpoint_url applies to all.
    let fromProfile = try resolve([:], .sts)
    #expect(fromProfile.url == "http://profile.test")
    #expect(
      fromProfile.source
        == .profile(name: "p", origin: ConfigOrigin(file: "/h/.aws/config", line: 3)))
    // An empty variable counts as unset.
    #expect(
      try resolve(["AWS_ENDPOINT_URL_SSO": "", "AWS_ENDPOINT_URL": ""], .sso).url
        == "http://services-sso.test")
  }

  @Test("ignore_configured_endpoint_urls switches every override off; the variable wins")
  func ignoreFlag() throws {
    let (shared, section) = try profile(
      Self.fullProfile
        + "\n[profile q]\nendpoint_url = http://q.test\nignore_configured_endpoint_urls = true\n")
    let env = ["AWS_ENDPOINT_URL_SSO": "http://env-sso.test"]
    let ignoring = EndpointResolver(
      environment: Environment(env.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 }),
      profile: section, config: shared)
    // Profile p has use_fips_endpoint = true: the default host is the FIPS one.
    #expect(
      try ignoring.endpoint(for: .sso, region: "us-east-1").url
        == "https://portal.sso-fips.us-east-1.amazonaws.com")
    let q = try #require(shared.profiles["q"])
    let byProfile = EndpointResolver(environment: Environment(env), profile: q, config: shared)
    #expect(
      try byProfile.endpoint(for: .sso, region: "us-east-1").url
        == "https://portal.sso.us-east-1.amazonaws.com")
    let overridden = EndpointResolver(
      environment: Environment(
        env.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"]) { $1 }),
      profile: q, config: shared)
    #expect(try overridden.endpoint(for: .sso, region: "us-east-1").url == "http://env-sso.test")
  }

  @Test("a custom endpoint ignores FIPS and dual-stack and keeps its path prefix")
  func customIgnoresFlags() throws {
    let resolver = EndpointResolver(
      environment: Environment([
        "AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:18080/prefix/",
        "AWS_USE_FIPS_ENDPOINT": "true", "AWS_USE_DUALSTACK_ENDPOINT": "true",
      ]))
    #expect(
      try resolver.endpoint(for: .ssoOIDC, region: "us-east-1").url
        == "http://127.0.0.1:18080/prefix/")
  }

  @Test("a missing or empty services section is an error, only when it is consulted")
  func missingServices() throws {
    let (shared, section) = try profile(
      "[profile p]\nservices = ghost\n[services empty]\n[profile e]\nservices = empty\n")
    let resolver = EndpointResolver(environment: Environment(), profile: section, config: shared)
    #expect(
      throws: ConfigError.servicesSectionNotFound(
        services: "ghost", profile: "p", file: "/h/.aws/config")
    ) { try resolver.endpoint(for: .sso, region: "eu-west-1") }
    let empty = EndpointResolver(
      environment: Environment(), profile: shared.profiles["e"], config: shared)
    #expect(throws: ConfigError.self) { try empty.endpoint(for: .sso, region: "eu-west-1") }
    let envFirst = EndpointResolver(
      environment: Environment(["AWS_ENDPOINT_URL": "http://x.test"]), profile: section,
      config: shared)
    #expect(try envFirst.endpoint(for: .sso, region: "eu-west-1").url == "http://x.test")
  }

  @Test("a session alone (no profile) uses only the environment")
  func sessionOnly() throws {
    let resolver = EndpointResolver(environment: Environment(["AWS_USE_FIPS_ENDPOINT": "true"]))
    #expect(
      try resolver.endpoint(for: .sso, region: "us-east-1").url
        == "https://portal.sso-fips.us-east-1.amazonaws.com")
    #expect(
      try resolver.endpoint(for: .sso, region: "us-east-1").source
        == .partitionDefault(partition: "aws"))
  }

  @Test("console hosts per partition (spec §6.4)")
  func consoleHosts() {
    let aws = ConsoleEndpoints.forRegion("eu-west-1")
    #expect(aws?.federationURL == "https://signin.aws.amazon.com/federation")
    #expect(
      aws?.consoleHomeURL
        == "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1")
    #expect(ConsoleEndpoints.forRegion(nil)?.consoleHomeURL == "https://console.aws.amazon.com/")
    #expect(
      ConsoleEndpoints.forRegion("us-gov-west-1")?.federationURL
        == "https://signin.amazonaws-us-gov.com/federation")
    #expect(
      ConsoleEndpoints.forRegion("us-gov-west-1")?.consoleHomeURL
        == "https://console.amazonaws-us-gov.com/")
    #expect(
      ConsoleEndpoints.forRegion("cn-north-1")?.federationURL
        == "https://signin.amazonaws.cn/federation")
    #expect(ConsoleEndpoints.forRegion("cn-north-1")?.samlURL == "https://signin.amazonaws.cn/saml")
    #expect(ConsoleEndpoints.forRegion("eusc-de-east-1") == nil)
    #expect(ConsoleEndpoints.forRegion("us-iso-east-1") == nil)
  }
}
