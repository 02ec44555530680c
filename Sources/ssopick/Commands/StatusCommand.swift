import ArgumentParser

/// `ssopick status`: Show each sso-session and its login.
struct StatusCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show each sso-session and its login."
  )
}
