import ArgumentParser
import SSOPickCommands

/// `ssopick exec`: runs a command with role credentials in its environment, by replacing
/// ssopick with it (see `CommandLauncher`); with `--refresh`, as a child that gets them from
/// a credentials endpoint ssopick serves while it runs (`RefreshingExec`).
struct ExecCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exec",
    abstract: "Run a command with role credentials in its environment.",
    discussion: """
      ssopick gets the credentials, puts them in the environment exactly as `ssopick export` \
      would (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, \
      AWS_CREDENTIAL_EXPIRATION, AWS_REGION/AWS_DEFAULT_REGION when known, SSOPICK_*; \
      AWS_PROFILE removed), then *becomes* the command (execve): same process, terminal, \
      stdin, stdout and stderr, so signals go straight to it and its exit status is \
      ssopick's. PATH is searched as a shell does.

        ssopick exec --account 210987654321 --role ReadOnlyAccess -- aws s3 ls
        ssopick exec --profile acme-admin -- terraform plan

      With --refresh (also spelled --refresh-credentials), for commands that outlive their \
      keys (a long terraform apply, a dev server): ssopick stays alive and serves the role's \
      credentials on 127.0.0.1 (a free port, a new random token) for as long as the command \
      runs, and gives the command AWS_CONTAINER_CREDENTIALS_FULL_URI and \
      AWS_CONTAINER_AUTHORIZATION_TOKEN instead of keys (AWS_PROFILE, AWS_DEFAULT_PROFILE and \
      the key variables removed, since the SDKs would prefer them). The SDKs fetch the \
      credentials there and again before they expire; ssopick renews them from its cache or \
      the portal, refreshing the sign-in silently. When the sign-in itself ends, ssopick says \
      so on stderr and the SDK's next refresh fails with what to run. Signals that other \
      processes send to ssopick are passed on to the command (Ctrl-C reaches it directly), \
      and ssopick exits with the command's status, or 128+N for signal N.

        ssopick exec --refresh --profile acme-admin -- terraform apply

      Exit status: the command's; 127 when the command is not found, 126 when it cannot be \
      run, 2 when ssopick fails before starting it (not signed in, no such role, …).
      """
  )

  @OptionGroup var sessionOptions: SessionOptions
  @OptionGroup var roleOptions: RoleOptions
  @OptionGroup var chainOptions: ChainOptions

  @Flag(
    name: [.long, .customLong("refresh-credentials")],
    help: "Serve the credentials on a local endpoint that renews them while the command runs.")
  var refresh = false

  @Argument(
    parsing: .postTerminator,
    help: ArgumentHelp("The command and its arguments, after --.", valueName: "command"))
  var command: [String] = []

  func validate() throws {
    if command.isEmpty {
      throw ValidationError(
        "Give the command to run after --, e.g. ssopick exec --profile p -- aws sts get-caller-identity"
      )
    }
  }

  func run() async throws {
    let context = CommandContext.live()
    // Descriptors open now (the caller's) are passed on; ones opened below are not.
    let inherited = context.launcher.descriptorSnapshot()
    try ExitMapping.finish(
      try await RoleUseCase(
        role: roleOptions.request(sessionOptions),
        action: refresh
          ? .execRefreshing(command: command, inherited: inherited)
          : .exec(command: command, inherited: inherited),
        chain: try chainOptions.chain(),
        commandLine: "ssopick exec",
        commandName: "ssopick exec", verbose: sessionOptions.verbose
      ).run(in: context))
  }
}
