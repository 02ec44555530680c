import ArgumentParser

/// `ssopick populate`: Write a profile for every account and role.
struct PopulateCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "populate",
    abstract: "Write a profile for every account and role."
  )
}
