import ArgumentParser

/// The error a subcommand throws while a later issue still owns it. It exits 2 and says so,
/// never pretending to have done the work.
struct NotYetImplemented: Error, CustomStringConvertible {
  /// The subcommand's name as typed, e.g. `login`.
  var command: String

  var description: String {
    "ssopick \(command): not yet implemented in this version."
  }
}

/// Declares a subcommand whose behaviour has not landed yet: `run()` throws
/// `NotYetImplemented`, which exits 2.
protocol PlannedCommand: AsyncParsableCommand {}

extension PlannedCommand {
  func run() async throws {
    throw NotYetImplemented(command: Self.configuration.commandName ?? "?")
  }
}
