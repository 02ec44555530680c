public import FakeIdentityCenter
public import Foundation
import SessionEngine

/// A running `FakeIdentityCenter` plus a temporary `HOME` whose `~/.aws/config` points an
/// sso-session at it — the world a binary test runs `ssopick` in. The fake is reached only
/// through `AWS_ENDPOINT_URL_SSO` / `AWS_ENDPOINT_URL_SSO_OIDC` / `AWS_ENDPOINT_URL_STS`, exactly as a user would
/// point any AWS SDK at another endpoint; nothing in ssopick knows it is a test.
public final class FakeHome: Sendable {
  /// The start URL every test session uses.
  public static let startURL = "https://d-9a6f3c21b7.awsapps.com/start"
  /// The SSO region every test session uses.
  public static let region = "eu-central-1"

  /// The fake service.
  public let center: FakeIdentityCenter
  /// Its base URL.
  public let baseURL: URL
  /// The temporary home folder.
  public let home: String

  /// Starts a fake with `options` and writes `config` (the text of `~/.aws/config`; by
  /// default one `[sso-session acme]`).
  public init(options: FakeIdentityCenter.Options = FakeHome.autoApproving, config: String? = nil)
    async throws
  {
    center = try FakeIdentityCenter(options: options)
    baseURL = try await center.start()
    home =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-home-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(
      atPath: home + "/.aws", withIntermediateDirectories: true)
    try (config ?? Self.sessionConfig(name: "acme")).write(
      toFile: configPath, atomically: true, encoding: .utf8)
  }

  /// Options that approve every sign-in at once.
  public static var autoApproving: FakeIdentityCenter.Options {
    var options = FakeIdentityCenter.Options()
    options.autoApprove = true
    return options
  }

  /// A `[sso-session NAME]` section for the fake's start URL and region.
  public static func sessionConfig(name: String, scopes: String? = "sso:account:access") -> String {
    "[sso-session \(name)]\nsso_start_url = \(startURL)\nsso_region = \(region)\n"
      + (scopes.map { "sso_registration_scopes = \($0)\n" } ?? "")
  }

  /// `~/.aws/config`.
  public var configPath: String { home + "/.aws/config" }

  /// The AWS CLI token file of sso-session `session` (the name is checked against the
  /// spec's vectors in `CacheKeyTests`).
  public func tokenPath(session: String = "acme") -> String {
    home + "/.aws/sso/cache/" + CacheKey.sha1Hex(session) + ".json"
  }

  /// The environment for running `ssopick` (or Python) here: a minimal, predictable set.
  public func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var variables = [
      "HOME": home, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "LANG": "C.UTF-8", "AWS_ENDPOINT_URL_SSO": baseURL.absoluteString,
      "AWS_ENDPOINT_URL_SSO_OIDC": baseURL.absoluteString,
      "AWS_ENDPOINT_URL_STS": baseURL.absoluteString,
    ]
    variables.merge(extra) { $1 }
    return variables
  }

  /// Writes a live token for `session` as `aws sso login` would have (refreshable), and
  /// returns the document.
  @discardableResult
  public func signIn(session: String = "acme", expiresIn: TimeInterval? = nil) throws
    -> TokenCacheDocument
  {
    let document = try center.tokenCacheDocument(
      startURL: Self.startURL, sessionName: session, region: Self.region, expiresIn: expiresIn)
    let path = tokenPath(session: session)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try document.contents.write(toFile: path, atomically: true, encoding: .utf8)
    return document
  }

  /// Stops the fake and removes the home folder.
  public func stop() async {
    await center.stop()
    try? FileManager.default.removeItem(atPath: home)
  }
}
