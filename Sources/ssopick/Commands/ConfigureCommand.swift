import ArgumentParser

/// `ssopick configure`: Write or update an [sso-session] in ~/.aws/config.
struct ConfigureCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "configure",
    abstract: "Write or update an [sso-session] in ~/.aws/config."
  )
}
