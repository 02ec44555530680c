import ArgumentParser
import SSOPickCommands
import SessionEngine

/// `ssopick serve`: the credentials endpoint alone, until interrupted (`ServeUseCase`).
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve a role's credentials on a local endpoint that the AWS SDKs refresh from.",
    discussion: """
      Runs a credentials endpoint on 127.0.0.1 — the one the AWS SDKs and the AWS CLI call \
      when AWS_CONTAINER_CREDENTIALS_FULL_URI is set — for one role, until interrupted \
      (Ctrl-C or SIGTERM). It prints the two variables to set on stdout, as export lines in \
      --shell's syntax (else $SHELL's), with the variables that would win over them removed; \
      the token is a secret and is printed nowhere else. The SDKs fetch credentials there \
      and again before they expire; ssopick renews them from its cache or the portal, \
      refreshing the sign-in silently. When the sign-in itself ends, it says so on stderr and \
      answers 503 (the SDK shows what to run) until you sign in again.

      Only the chosen role is served, only to requests that bring the token, and only on \
      loopback. For a container, share the host's network:

        ssopick serve --profile acme-admin --port 9911
        docker run --network host -e AWS_CONTAINER_CREDENTIALS_FULL_URI \\
          -e AWS_CONTAINER_AUTHORIZATION_TOKEN amazon/aws-cli sts get-caller-identity

      (after setting the two variables in that shell). Exit status: 130 after Ctrl-C, 143 \
      after SIGTERM, 2 when it cannot start (not signed in, no such role, the port in use).
      """
  )

  @OptionGroup var sessionOptions: SessionOptions
  @OptionGroup var roleOptions: RoleOptions
  @OptionGroup var chainOptions: ChainOptions

  @Option(help: "The port on 127.0.0.1 (default: a free one).")
  var port = 0

  @Option(
    name: .long, help: "The syntax of the printed lines: sh, bash, zsh, fish, powershell or cmd.",
    completion: .list(Shell.acceptedNames))
  var shell: String?

  func validate() throws {
    guard (0...65_535).contains(port) else {
      throw ValidationError("--port must be 0–65535, got \(port).")
    }
    if let shell, Shell(name: shell) == nil {
      throw OutputError.unsupportedShell(name: shell, fromEnvironment: false)
    }
  }

  func run() async throws {
    try ExitMapping.finish(
      try await ServeUseCase(
        .init(
          role: roleOptions.request(sessionOptions), chain: try chainOptions.chain(),
          port: UInt16(port), shell: shell.flatMap(Shell.init(name:)),
          verbose: sessionOptions.verbose),
        catchStop: { TerminationSignal() }
      ).run(in: .live()))
  }
}
