import ArgumentParser

/// `ssopick login`: Sign in to an sso-session (PKCE or device code).
struct LoginCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "login",
    abstract: "Sign in to an sso-session (PKCE or device code)."
  )
}
