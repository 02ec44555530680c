import ArgumentParser

/// `ssopick demo`: Try ssopick on a built-in demo organisation.
struct DemoCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Try ssopick on a built-in demo organisation."
  )
}
