/// The version of ssopick, shown by `--version` and sent in the `User-Agent`.
public enum SSOPickVersion {
  /// The semantic version string.
  public static let current = "0.1.0-dev"

  /// The `User-Agent` header value for requests to AWS.
  public static var userAgent: String { "ssopick/\(current)" }
}
