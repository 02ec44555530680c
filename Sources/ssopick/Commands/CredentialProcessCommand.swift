import ArgumentParser

/// `ssopick credential-process`: Print credentials for credential_process.
struct CredentialProcessCommand: PlannedCommand {
  static let configuration = CommandConfiguration(
    commandName: "credential-process",
    abstract: "Print credentials for credential_process."
  )
}
