import ArgumentParser

/// `ssopick logout`: Sign out of an sso-session.
struct LogoutCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "logout",
    abstract: "Sign out of an sso-session."
  )
}
