import Foundation
import Testing

@testable import SessionEngine

@Suite("STS endpoints: regional per partition, overrides, legacy global")
struct STSEndpointTests {
  func resolve(
    _ variables: [String: String] = [:], profile text: String? = nil, region: String?
  ) throws -> STSEndpoint {
    var profile: ConfigSection?
    var shared: SharedConfig?
    if let text {
      let config = try SharedConfig(
        config: ConfigDocument(parsing: text, path: "/h/.aws/config", flavor: .config))
      shared = config
      profile = config.profiles["p"]
    }
    return try EndpointResolver(
      environment: Environment(variables), profile: profile, config: shared
    )
    .stsEndpoint(region: region)
  }

  @Test func regionalByDefaultInEveryPartition() throws {
    let cases: [(String, String)] = [
      ("eu-central-1", "https://sts.eu-central-1.amazonaws.com"),
      ("cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn"),
      ("us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com"),
      ("eusc-de-east-1", "https://sts.eusc-de-east-1.amazonaws.eu"),
      ("us-east-1", "https://sts.us-east-1.amazonaws.com"),
    ]
    for (region, url) in cases {
      let endpoint = try resolve(region: region)
      #expect(endpoint.url == url)
      #expect(endpoint.signingRegion == region)
    }
    #expect(
      try resolve(["AWS_USE_FIPS_ENDPOINT": "true"], region: "us-east-1").url
        == "https://sts-fips.us-east-1.amazonaws.com")
  }

  @Test func legacyAndNoRegionUseTheGlobalEndpointSignedForUSEast1() throws {
    let global = try resolve(["AWS_STS_REGIONAL_ENDPOINTS": "legacy"], region: "eu-west-1")
    #expect(
      global
        == STSEndpoint(
          url: "https://sts.amazonaws.com", signingRegion: "us-east-1",
          source: .partitionDefault(partition: "aws")))
    #expect(try resolve(region: nil).url == "https://sts.amazonaws.com")
    #expect(try resolve(region: nil).signingRegion == "us-east-1")
    // Legacy only for botocore's list of regions.
    #expect(
      try resolve(["AWS_STS_REGIONAL_ENDPOINTS": "legacy"], region: "af-south-1").url
        == "https://sts.af-south-1.amazonaws.com")
    let profile = "[profile p]\nsts_regional_endpoints = legacy\n"
    #expect(try resolve(profile: profile, region: "us-west-2").url == "https://sts.amazonaws.com")
    // The variable wins over the profile.
    #expect(
      try resolve(["AWS_STS_REGIONAL_ENDPOINTS": "regional"], profile: profile, region: "us-west-2")
        .url == "https://sts.us-west-2.amazonaws.com")
    #expect(throws: ConfigError.self) {
      try resolve(["AWS_STS_REGIONAL_ENDPOINTS": "global"], region: "us-west-2")
    }
  }

  @Test func overridesWinAndAreSignedForTheRegion() throws {
    let profile = """
      [profile p]
      services = fakes
      region = eu-west-3
      [services fakes]
      sts =
          endpoint_url = http://services-sts.test
      """
    let env = try resolve(
      ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9000", "AWS_ENDPOINT_URL": "http://all.test"],
      profile: profile, region: "eu-central-1")
    #expect(env.url == "http://127.0.0.1:9000")
    #expect(env.signingRegion == "eu-central-1")
    #expect(env.source == .serviceEnvironment(variable: "AWS_ENDPOINT_URL_STS"))
    #expect(
      try resolve(["AWS_ENDPOINT_URL": "http://all.test"], region: "eu-central-1").url
        == "http://all.test")
    let services = try resolve(profile: profile, region: nil)
    #expect(services.url == "http://services-sts.test")
    #expect(services.signingRegion == "us-east-1")
    let legacy = try resolve(
      ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9000", "AWS_STS_REGIONAL_ENDPOINTS": "legacy"],
      region: "us-east-1")
    #expect(legacy.url == "http://127.0.0.1:9000")
    let ignored = try resolve(
      [
        "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9000",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
      ],
      profile: profile, region: "eu-central-1")
    #expect(ignored.url == "https://sts.eu-central-1.amazonaws.com")
  }

  @Test func regionComesFromTheEnvironmentThenTheProfile() throws {
    let config = try SharedConfig(
      config: ConfigDocument(
        parsing: "[profile p]\nregion = eu-west-3\n", path: "/h/.aws/config", flavor: .config))
    func region(_ variables: [String: String]) -> String? {
      EndpointResolver(
        environment: Environment(variables), profile: config.profiles["p"], config: config
      )
      .region
    }
    #expect(region([:]) == "eu-west-3")
    #expect(region(["AWS_DEFAULT_REGION": "us-west-1"]) == "us-west-1")
    #expect(
      region(["AWS_DEFAULT_REGION": "us-west-1", "AWS_REGION": "ap-south-1"]) == "ap-south-1")
  }
}
