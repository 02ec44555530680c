import ArgumentParser

/// `ssopick pick`: Open the full-screen picker (the default).
struct PickCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "pick",
    abstract: "Open the full-screen picker (the default)."
  )
}
