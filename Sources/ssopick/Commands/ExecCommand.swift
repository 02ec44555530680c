import ArgumentParser

/// `ssopick exec`: Run a command with role credentials in its environment.
struct ExecCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "exec",
    abstract: "Run a command with role credentials in its environment."
  )
}
