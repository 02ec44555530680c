import ArgumentParser

/// `ssopick console`: Open the AWS console for an account and role.
struct ConsoleCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "console",
    abstract: "Open the AWS console for an account and role."
  )
}
