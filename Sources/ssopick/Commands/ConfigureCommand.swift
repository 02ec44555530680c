import ArgumentParser
import SSOPickCommands

/// `ssopick configure`: writes or updates an `[sso-session NAME]` section in the AWS config
/// file, the way `aws configure sso-session` does, without touching anything else.
struct ConfigureCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "configure",
    abstract: "Write or update an [sso-session] in ~/.aws/config.",
    discussion: """
      Creates the section, or updates only the values you give (the rest of the file is kept \
      byte for byte). With options missing and a terminal attached, it asks for them; \
      without a terminal, a new session needs --session, --start-url and --region.

      The file is $AWS_CONFIG_FILE, or ~/.aws/config. What changed is reported on stderr.
      """
  )

  @Option(name: .long, help: "The sso-session name, e.g. acme.")
  var session: String?

  @Option(name: .customLong("start-url"), help: "The AWS access portal URL (https://…/start).")
  var startURL: String?

  @Option(name: .long, help: "The region of the IAM Identity Center instance, e.g. eu-central-1.")
  var region: String?

  @Option(
    name: .long,
    help: "Comma-separated registration scopes (new sessions default to sso:account:access).")
  var scopes: String?

  func run() async throws {
    try ExitMapping.finish(
      try await ConfigureUseCase(
        .init(session: session, startURL: startURL, region: region, scopes: scopes)
      ).run(in: .live()))
  }
}
