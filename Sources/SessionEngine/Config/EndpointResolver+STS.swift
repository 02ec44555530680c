/// Where STS calls go and the region they are signed for (spec §17.1).
public struct STSEndpoint: Sendable, Equatable {
  /// The base URL, e.g. `https://sts.eu-central-1.amazonaws.com`.
  public var url: String
  /// The SigV4 signing region: the endpoint's region (`us-east-1` for the global endpoint).
  public var signingRegion: String
  /// Where the URL came from.
  public var source: EndpointSource

  /// Creates a value.
  public init(url: String, signingRegion: String, source: EndpointSource) {
    self.url = url
    self.signingRegion = signingRegion
    self.source = source
  }

  /// The legacy global endpoint.
  public static let globalURL = "https://sts.amazonaws.com"
}

/// `sts_regional_endpoints`: whether STS calls go to the region's endpoint or, for the regions
/// that had it, to the global one.
public enum STSRegionalEndpoints: String, Sendable, Equatable {
  /// The region's own endpoint (the default of current botocore and the AWS CLI v2).
  case regional
  /// `https://sts.amazonaws.com` for botocore's legacy-global regions.
  case legacy
}

extension EndpointResolver {
  /// The regions that used the global STS endpoint under `sts_regional_endpoints = legacy`
  /// (botocore's `LEGACY_GLOBAL_STS_REGIONS`).
  public static let legacyGlobalSTSRegions: Set<String> = [
    "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global",
    "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  ]

  /// The region for calls made with the profile's credentials (STS): `AWS_REGION`, then
  /// `AWS_DEFAULT_REGION`, then the profile's `region` (the AWS CLI v2's order); `nil` when
  /// none is set.
  public var region: String? {
    environment.nonEmpty("AWS_REGION") ?? environment.nonEmpty("AWS_DEFAULT_REGION")
      ?? profile?.string("region").flatMap { $0.isEmpty ? nil : $0 }
  }

  /// `AWS_STS_REGIONAL_ENDPOINTS`, else the profile's `sts_regional_endpoints`, else
  /// `regional`.
  ///
  /// - Throws: `ConfigError.invalidValue` for anything but `regional` or `legacy` (botocore
  ///   refuses it too).
  public func stsRegionalEndpoints() throws(ConfigError) -> STSRegionalEndpoints {
    let raw =
      environment.nonEmpty("AWS_STS_REGIONAL_ENDPOINTS")
      ?? profile?.string("sts_regional_endpoints").flatMap { $0.isEmpty ? nil : $0 }
    guard let raw else { return .regional }
    guard let value = STSRegionalEndpoints(rawValue: raw.lowercased()) else {
      throw .invalidValue(
        key: "sts_regional_endpoints", reason: "must be regional or legacy, not \(raw)")
    }
    return value
  }

  /// The STS endpoint for `region` (spec §17.1): a configured endpoint (`AWS_ENDPOINT_URL_STS`,
  /// `AWS_ENDPOINT_URL`, the `services` section's `sts`, the profile's `endpoint_url`; off with
  /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`) signed for `region` (or `us-east-1` without one);
  /// else the global `https://sts.amazonaws.com` signed for `us-east-1` when there is no region,
  /// or when `sts_regional_endpoints = legacy` and the region is one of
  /// ``legacyGlobalSTSRegions`` (and neither FIPS nor dual-stack is asked for); else the
  /// region's own host in its partition (`https://sts.<region>.<dnsSuffix>`, FIPS and
  /// dual-stack variants as spec §6.2).
  public func stsEndpoint(region: String?) throws(ConfigError) -> STSEndpoint {
    let region = region.flatMap { $0.isEmpty ? nil : $0 }
    let signingRegion = region ?? "us-east-1"
    let resolved = try endpoint(for: .sts, region: signingRegion)
    if case .partitionDefault = resolved.source {
      let fips = flag("USE_FIPS_ENDPOINT")
      let dualStack = flag("USE_DUALSTACK_ENDPOINT")
      let legacy = try stsRegionalEndpoints() == .legacy
      if region == nil
        || (legacy && !fips && !dualStack && Self.legacyGlobalSTSRegions.contains(signingRegion))
        || (region == "aws-global" && !fips && !dualStack)
      {
        return STSEndpoint(
          url: STSEndpoint.globalURL, signingRegion: "us-east-1",
          source: .partitionDefault(partition: "aws"))
      }
    }
    return STSEndpoint(url: resolved.url, signingRegion: signingRegion, source: resolved.source)
  }
}
