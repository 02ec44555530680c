import ArgumentParser
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
    let services = try Services()
    let contexts: [SessionContext] =
      all
      ? try services.selector.allSessions().map {
        try services.selector.context(for: $0.session, profile: $0.profile)
      }
      : [try services.context(sessionOptions)]
    for context in contexts {
      let authenticator = services.authenticator(for: context, login: nil)
      let outcome = try await authenticator.logout()
      if let problem = outcome.serviceProblem {
        StandardError.write(
          "Warning: could not end \(context.displayName) at the service (\(problem)); "
            + "the local sign-in was removed anyway.")
      }
      StandardError.write(
        outcome.hadToken
          ? "Signed out of \(context.displayName)." : "Not signed in to \(context.displayName).")
    }
  }
}
