/// An AWS partition (spec §6.2): which DNS suffixes its endpoints use. Chosen from a region by
/// exact name, then by the partition's region pattern; an unknown region falls back to `aws`,
/// as in botocore's endpoint rules.
public struct AWSPartition: Sendable, Equatable {
  /// The partition id, e.g. `aws`, `aws-cn`, `aws-us-gov`.
  public var id: String
  /// The DNS suffix of regular endpoints, e.g. `amazonaws.com`.
  public var dnsSuffix: String
  /// The DNS suffix of dual-stack endpoints, e.g. `api.aws`.
  public var dualStackDNSSuffix: String
  /// Leading words a region name of this partition has (`["us", "gov"]` for us-gov-west-1).
  var regionPrefix: [String]
  /// Names of `allowed first words` when the first word varies (the `aws` partition).
  var firstWords: Set<String> = []
  /// Region names listed for the partition that the pattern does not cover.
  var extraRegions: Set<String> = []

  /// Every partition botocore 1.43 knows, in the order its rules try them.
  public static let all: [AWSPartition] = [
    AWSPartition(
      id: "aws", dnsSuffix: "amazonaws.com", dualStackDNSSuffix: "api.aws", regionPrefix: [],
      firstWords: ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
      extraRegions: ["aws-global"]),
    AWSPartition(
      id: "aws-cn", dnsSuffix: "amazonaws.com.cn",
      dualStackDNSSuffix: "api.amazonwebservices.com.cn", regionPrefix: ["cn"],
      extraRegions: ["aws-cn-global"]),
    AWSPartition(
      id: "aws-eusc", dnsSuffix: "amazonaws.eu", dualStackDNSSuffix: "api.amazonwebservices.eu",
      regionPrefix: ["eusc", "de"]),
    AWSPartition(
      id: "aws-iso", dnsSuffix: "c2s.ic.gov", dualStackDNSSuffix: "api.aws.ic.gov",
      regionPrefix: ["us", "iso"], extraRegions: ["aws-iso-global"]),
    AWSPartition(
      id: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", dualStackDNSSuffix: "api.aws.scloud",
      regionPrefix: ["us", "isob"], extraRegions: ["aws-iso-b-global"]),
    AWSPartition(
      id: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", dualStackDNSSuffix: "api.cloud-aws.adc-e.uk",
      regionPrefix: ["eu", "isoe"], extraRegions: ["aws-iso-e-global"]),
    AWSPartition(
      id: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", dualStackDNSSuffix: "api.aws.hci.ic.gov",
      regionPrefix: ["us", "isof"], extraRegions: ["aws-iso-f-global"]),
    AWSPartition(
      id: "aws-us-gov", dnsSuffix: "amazonaws.com", dualStackDNSSuffix: "api.aws",
      regionPrefix: ["us", "gov"], extraRegions: ["aws-us-gov-global"]),
  ]

  /// The partition of `region`.
  public static func forRegion(_ region: String) -> AWSPartition {
    if let exact = all.first(where: { $0.extraRegions.contains(region) }) { return exact }
    return all.first { $0.matches(region) } ?? all[0]
  }

  /// Whether `region` matches the partition's pattern: its prefix words (or one of its first
  /// words), then one word of letters, digits or `_`, then a number.
  func matches(_ region: String) -> Bool {
    let words = region.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    let lead = firstWords.isEmpty ? regionPrefix.count : 1
    guard words.count == lead + 2 else { return false }
    if firstWords.isEmpty {
      guard Array(words.prefix(lead)) == regionPrefix else { return false }
    } else {
      guard firstWords.contains(words[0]) else { return false }
    }
    let word = words[lead]
    let number = words[lead + 1]
    return !word.isEmpty
      && word.unicodeScalars.allSatisfy {
        $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
      }
      && !number.isEmpty && number.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
  }
}
