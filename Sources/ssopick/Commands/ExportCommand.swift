import ArgumentParser

/// `ssopick export`: Print credentials as shell export lines.
struct ExportCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Print credentials as shell export lines."
  )
}
