import ArgumentParser
import SSOPickCommands

/// `ssopick exec`: runs a command with role credentials in its environment, by replacing
/// ssopick with it (see `CommandLauncher`).
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

      Exit status: the command's; 127 when the command is not found, 126 when it cannot be \
      run, 2 when ssopick fails before starting it (not signed in, no such role, …).
      """
  )

  @OptionGroup var sessionOptions: SessionOptions
  @OptionGroup var roleOptions: RoleOptions
  @OptionGroup var chainOptions: ChainOptions

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
        action: .exec(command: command, inherited: inherited), chain: try chainOptions.chain(),
        commandLine: "ssopick exec",
        commandName: "ssopick exec", verbose: sessionOptions.verbose
      ).run(in: context))
  }
}
