import ArgumentParser
import FakeIdentityCenter
import Foundation
import SSOPickCommands

/// `ssopick demo`: the real ssopick flow against a built-in demo organisation, served by the
/// fake Identity Center on loopback, in a temporary home (see ``DemoRun``); with `--serve`,
/// only the fake Identity Center.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Try ssopick on a built-in demo organisation.",
    discussion: """
      Starts a fake IAM Identity Center on 127.0.0.1 with a demo organisation (60 accounts \
      of a fictional company), makes a temporary home (your own ~/.aws is never read or \
      changed) and runs the real ssopick there: configure, login (approved automatically), \
      list, and the full-screen picker. At the end it shows what was written, and where, and \
      removes the temporary home (--keep keeps it). Nothing reaches AWS or the internet.

      With --serve, runs only the fake IAM Identity Center on 127.0.0.1, prints its base URL \
      as the first line of stdout and serves until SIGINT or SIGTERM. Point any AWS SDK at it \
      with AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_STS (it \
      answers GetCallerIdentity and AssumeRole for the role credentials it issued).
      """
  )

  @Flag(help: "Keep the demo's temporary home at the end (not with --serve).")
  var keep = false

  @Flag(help: "Show the SAML mode (Entra ID's gallery app) instead of Identity Center.")
  var saml = false

  @Flag(help: "Run only the fake Identity Center server and print its base URL.")
  var serve = false

  @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
  var port = 0

  @Option(help: "Generate an organisation with this many accounts (default: the built-in one).")
  var accounts: Int?

  @Option(help: "Roles per generated account: a count (4) or a range (1-6).")
  var rolesPerAccount: String?

  @Option(help: "Latency added to every request, in milliseconds.")
  var latencyMs = 0

  @Option(help: "Up to this much random extra latency per request, in milliseconds.")
  var jitterMs = 0

  @Option(help: "Throttle the portal operations to this many requests per second (429 beyond).")
  var throttleRps: Double?

  @Flag(help: "Approve device codes and PKCE authorizations without a browser.")
  var autoApprove = false

  @Option(help: "Serve the organisation in this JSON file instead.")
  var org: String?

  @Option(help: "Seed for the generated organisation.")
  var seed: UInt64 = 1

  func validate() throws {
    guard (0...65_535).contains(port) else {
      throw ValidationError("--port must be 0–65535, got \(port).")
    }
    if let accounts, !(1...Organisation.maximumGeneratedAccounts).contains(accounts) {
      throw ValidationError(
        "--accounts must be 1–\(Organisation.maximumGeneratedAccounts), got \(accounts).")
    }
    if org != nil, accounts != nil {
      throw ValidationError("--org and --accounts cannot be combined: choose one organisation.")
    }
    if rolesPerAccount != nil, accounts == nil {
      throw ValidationError(
        "--roles-per-account needs --accounts (it shapes a generated organisation).")
    }
    _ = try parsedRoles()
    guard latencyMs >= 0, jitterMs >= 0 else {
      throw ValidationError("--latency-ms and --jitter-ms must not be negative.")
    }
    if let throttleRps, !(throttleRps > 0) {
      throw ValidationError("--throttle-rps must be greater than 0.")
    }
  }

  private func parsedRoles() throws -> Organisation.RolesPerAccount {
    guard let text = rolesPerAccount else { return .fixed(4) }
    let limit = Organisation.maximumRolesPerAccount
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 1, let count = Int(parts[0]), (0...limit).contains(count) {
      return .fixed(count)
    }
    if parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), 0 <= low,
      low <= high, high <= limit
    {
      return .range(low...high)
    }
    throw ValidationError(
      "--roles-per-account must be a count (4) or a range (1-6) within 0–\(limit), got \(text).")
  }

  func run() async throws {
    var options = FakeIdentityCenter.Options()
    options.seed = seed
    if let org {
      options.organisation = .file(URL(fileURLWithPath: org))
    } else if let accounts {
      options.organisation = .generated(accounts: accounts, rolesPerAccount: try parsedRoles())
    }
    options.latency = .milliseconds(latencyMs)
    options.jitter = .milliseconds(jitterMs)
    if let throttleRps {
      options.throttlePortal(.init(rps: throttleRps, burst: max(1, Int(throttleRps.rounded(.up)))))
    }
    guard serve else {
      // The demo signs in without a browser: the fake approves the device code shortly
      // after it is shown (the first poll, before anything is shown, still waits).
      options.autoApprove = true
      options.autoApproveDelay = 1.5
      try ExitMapping.finish(
        try await DemoUseCase(options: options, keep: keep, saml: saml).run(in: .live()))
      return
    }
    if keep { throw ValidationError("--keep applies only to the demo, not to --serve.") }
    options.autoApprove = autoApprove
    let termination = TerminationSignal()
    let center = try FakeIdentityCenter(options: options)
    let url = try await center.start(port: UInt16(port))
    FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
    await termination.wait()
    await center.stop()
  }
}
