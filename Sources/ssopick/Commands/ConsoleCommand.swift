import ArgumentParser
import SSOPickCommands

/// `ssopick console`: signs in to the AWS Management Console as a role, in the browser.
struct ConsoleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "console",
    abstract: "Open the AWS console for an account and role.",
    discussion: """
      Exchanges the role's credentials for a console sign-in URL (AWS federation: \
      signin.aws.amazon.com, or the us-gov / China partition's host) and opens it with \
      $BROWSER, open, wslview or xdg-open. --print prints it on stdout instead. The URL \
      signs anyone in for 15 minutes: ssopick never writes it anywhere else.

        ssopick console --account "Acme Prod" --role ReadOnlyAccess
        ssopick console --profile acme-admin --destination /s3/home --region eu-west-1

      --destination takes a console URL or a path on the console host; --region picks the \
      console's region (else the profile's, else the sign-in's). SSOPICK_FEDERATION_ENDPOINT \
      replaces the federation URL (e.g. for a proxy or a test server).

      --portal opens the access portal's own shortcut instead \
      (<start URL>/#/console?account_id=…&role_name=…): it needs no credentials (the \
      browser's portal session signs in) and works with the console's multi-session mode. \
      SSOPICK_CONSOLE=portal makes that the default, here and for the picker's Ctrl-O \
      (--no-portal overrides it).

        ssopick console --portal --account "Acme Prod" --role ReadOnlyAccess
      """
  )

  @OptionGroup var sessionOptions: SessionOptions
  @OptionGroup var roleOptions: RoleOptions
  @OptionGroup var chainOptions: ChainOptions

  @Flag(name: .long, help: "Print the sign-in URL on stdout instead of opening a browser.")
  var print = false

  @Flag(
    inversion: .prefixedNo,
    help: "Open the access portal's console shortcut (no credentials) instead of a sign-in URL.")
  var portal: Bool?

  @Option(name: .long, help: "A console URL or path (e.g. /s3/home) to open.")
  var destination: String?

  @Option(
    name: .customLong("session-duration"),
    help: ArgumentHelp("Console session length, 900–43200 seconds.", valueName: "seconds"))
  var sessionDuration: Int?

  func validate() throws {
    if let sessionDuration, !(900...43_200).contains(sessionDuration) {
      throw ValidationError("--session-duration must be 900–43200 seconds.")
    }
  }

  func run() async throws {
    try ExitMapping.finish(
      try await RoleUseCase(
        role: roleOptions.request(sessionOptions),
        action: .console(
          ConsoleRequest(
            destination: destination, sessionDuration: sessionDuration, print: print,
            portal: portal)),
        chain: try chainOptions.chain(),
        commandLine: "ssopick console", commandName: "ssopick console",
        verbose: sessionOptions.verbose
      ).run(in: .live()))
  }
}
