import ArgumentParser
import SessionEngine

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
      """
  )

  @OptionGroup var sessionOptions: SessionOptions
  @OptionGroup var roleOptions: RoleOptions

  @Flag(name: .long, help: "Print the sign-in URL on stdout instead of opening a browser.")
  var print = false

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
    let services = try Services()
    let target = try RoleTarget(
      services: services, sessionOptions: sessionOptions, roleOptions: roleOptions,
      command: "ssopick console", login: .whenAtTerminal)
    let signIn = try ConsoleSignIn(
      ssoRegion: target.context.session.region, region: target.region,
      environment: services.environment, transport: services.transport)
    let destinationURL = try signIn.destination(destination)
    let launcher = BrowserLauncher(environment: services.environment)
    if !print, let reason = launcher.headlessReason {
      throw OutputError.noBrowser(reason: reason)
    }
    let (account, credentials) = try await target.accountAndCredentials()
    let url = try await signIn.signInURL(
      credentials, destination: destinationURL, sessionDuration: sessionDuration)
    if print {
      StandardOutput.write(url + "\n")
      return
    }
    guard launcher.open(url) else { throw OutputError.noBrowser(reason: nil) }
    StandardError.write(
      "Opened the AWS console for \(account.accountName) (\(account.accountID)) as "
        + "\(target.roleName) in your browser.")
  }
}
