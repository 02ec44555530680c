import ArgumentParser
import SSOPickCommands

/// `ssopick credential-process`: the Version 1 JSON of spec §10, for
/// `credential_process = ssopick credential-process …` in a profile.
struct CredentialProcessCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "credential-process",
    abstract: "Print credentials for credential_process.",
    discussion: """
      For a profile in ~/.aws/config:

        [profile acme-readonly]
        credential_process = ssopick credential-process --session acme --account 210987654321 --role ReadOnlyAccess

      Prints the JSON that `aws configure export-credentials --format process` prints. \
      Credentials are cached in ~/.aws/cli/cache exactly as the AWS CLI caches them (the two \
      share the files) and reused until 15 minutes before they expire; parallel calls wait \
      for one another, so 20 at once make one request. It never opens a browser unless \
      --allow-login is given: if the sign-in has expired and cannot refresh itself, it fails \
      and says to run `ssopick login` (the SDK shows that message).

      Fastest with --session and a 12-digit --account: a cached credential is then printed \
      without reading the config. --profile NAME uses the profile's sso_session (or legacy \
      sso_start_url), sso_account_id and sso_role_name.
      """
  )

  @Option(name: .long, help: "The sso-session to use.")
  var session: String?

  @Option(
    name: .long, help: "Take the session (and account and role, unless given) from this profile.")
  var profile: String?

  @Option(name: .long, help: "The account's 12-digit id (a name works, but lists accounts first).")
  var account: String?

  @Option(name: .long, help: "The role (permission set) name.")
  var role: String?

  @Flag(name: .customLong("allow-login"), help: "Sign in (browser or device code) when needed.")
  var allowLogin = false

  @OptionGroup var chainOptions: ChainOptions

  func validate() throws {
    if session != nil, profile != nil {
      throw ValidationError("Give --session or --profile, not both.")
    }
    if (account == nil) != (role == nil) {
      throw ValidationError("Give --account and --role together.")
    }
    if profile == nil, account == nil {
      throw ValidationError("Give --account and --role (with --session), or --profile.")
    }
  }

  func run() async throws {
    try ExitMapping.finish(
      try await CredentialProcessUseCase(
        role: RoleRequest(
          selection: SessionSelection(session: session, profile: profile), account: account,
          role: role),
        allowLogin: allowLogin, chain: try chainOptions.chain()
      ).run(in: .live()))
  }
}
