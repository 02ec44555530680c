import ArgumentParser
import SSOPickCommands

/// `ssopick whoami`: whose credentials are these?
struct WhoamiCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whoami",
    abstract: "Show whose AWS credentials are in use, with names and the time left.",
    discussion: """
      Finds the credentials an AWS SDK would use here — the keys in the environment \
      (AWS_ACCESS_KEY_ID…, as `ssopick export` sets them), else those of --profile or \
      AWS_PROFILE (an Identity Center profile, role_arn with source_profile, \
      credential_process, or access keys) — and asks STS GetCallerIdentity who they are. \
      Shows the account with its name (from ssopick's catalog), the role (for Identity Center \
      roles the permission set), the session (user) name, the ARN, where the credentials \
      came from and how long they last. An explicit --profile wins over keys in the \
      environment.

        ssopick whoami
        ssopick whoami --profile acme-admin --json

      --json prints one object with account, accountName, arn, userId, role, permissionSet, \
      sessionName, source ("environment" or "profile"), profile and expiresAt (null when \
      unknown), for prompts and scripts. No credentials, or expired ones: exit 2 with what \
      to run.
      """
  )

  @Option(
    name: .long, help: "Use this profile's credentials (else the environment's, else AWS_PROFILE).")
  var profile: String?

  @Flag(name: .long, help: "Print JSON.")
  var json = false

  @Option(
    name: .long, help: "The region for STS (else the profile's, AWS_REGION, or the sign-in's).")
  var region: String?

  @OptionGroup var chainOptions: ChainOptions

  func run() async throws {
    try ExitMapping.finish(
      try await WhoamiUseCase(
        profile: profile, json: json, chain: try chainOptions.chain(), region: region
      ).run(in: .live()))
  }
}
