/// The non-API hosts of spec §6.4 for a partition: console federation (sign-in token and
/// login URL), the console home page, and the SAML sign-in endpoint.
public struct ConsoleEndpoints: Sendable, Equatable {
  /// The federation endpoint, e.g. `https://signin.aws.amazon.com/federation`.
  public var federationURL: String
  /// Where the console opens, e.g. `https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1`.
  public var consoleHomeURL: String
  /// Where an identity provider posts a SAML assertion.
  public var samlURL: String

  /// The hosts for `region`'s partition; `nil` for partitions whose hosts are not known
  /// (`aws-eusc` and the ISO partitions: spec §6.4 has no verified value).
  public static func forRegion(_ region: String?) -> ConsoleEndpoints? {
    let partition = AWSPartition.forRegion(region ?? "us-east-1")
    switch partition.id {
    case "aws":
      let home =
        region.map { "https://\($0).console.aws.amazon.com/console/home?region=\($0)" }
        ?? "https://console.aws.amazon.com/"
      return ConsoleEndpoints(
        federationURL: "https://signin.aws.amazon.com/federation", consoleHomeURL: home,
        samlURL: "https://signin.aws.amazon.com/saml")
    case "aws-us-gov":
      return ConsoleEndpoints(
        federationURL: "https://signin.amazonaws-us-gov.com/federation",
        consoleHomeURL: "https://console.amazonaws-us-gov.com/",
        samlURL: "https://signin.amazonaws-us-gov.com/saml")
    case "aws-cn":
      return ConsoleEndpoints(
        federationURL: "https://signin.amazonaws.cn/federation",
        consoleHomeURL: "https://console.amazonaws.cn/",
        samlURL: "https://signin.amazonaws.cn/saml")
    default:
      return nil
    }
  }
}
