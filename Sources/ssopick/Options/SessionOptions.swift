import ArgumentParser
import SSOPickCommands

/// `--session` / `--profile`: which sign-in a command works on (see `SessionSelector`).
struct SessionOptions: ParsableArguments {
  @Option(name: .long, help: "The sso-session to use (a [sso-session NAME] in ~/.aws/config).")
  var session: String?

  @Option(
    name: .long,
    help: "Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.")
  var profile: String?

  @Flag(name: .long, help: "Also report ignored cache files and failed refreshes on stderr.")
  var verbose = false

  func validate() throws {
    if session != nil, profile != nil {
      throw ValidationError("Give --session or --profile, not both.")
    }
  }

  /// The selection for the command layer.
  var selection: SessionSelection { SessionSelection(session: session, profile: profile) }
}
