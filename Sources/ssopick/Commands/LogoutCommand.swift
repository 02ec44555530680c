import ArgumentParser
import SSOPickCommands
import SessionEngine

/// `ssopick logout`: signs out of one session (or all), unlike `aws sso logout`, which
/// always ends every session.
struct LogoutCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logout",
    abstract: "Sign out of an sso-session.",
    discussion: """
      Ends the session at IAM Identity Center, removes its token from ~/.aws/sso/cache and \
      ssopick's own caches for it (catalog, recent choices). Other sessions are untouched; \
      --all signs out of every configured session.
      """
  )

  @OptionGroup var sessionOptions: SessionOptions

  @Flag(name: .long, help: "Sign out of every configured session.")
  var all = false

  func validate() throws {
    if all, sessionOptions.session != nil || sessionOptions.profile != nil {
      throw ValidationError("Give --all or --session/--profile, not both.")
    }
  }

  func run() async throws {
    try ExitMapping.finish(
      try await LogoutUseCase(selection: sessionOptions.selection, all: all).run(in: .live()))
  }
}
