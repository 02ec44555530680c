import ArgumentParser

/// `ssopick list`: Print every account and role.
struct ListCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "Print every account and role."
  )
}
