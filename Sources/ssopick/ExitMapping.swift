import ArgumentParser
import SSOPickCommands

/// Maps use-case results and errors to ssopick's named exit statuses (`ExitStatus`: 0 done,
/// 1 nothing chosen, 2 error, 130 cancelled, 128+N signal N).
///
/// Every error that reaches `main` is said on stderr through the console (so it is escaped
/// like every other message) and exits 2 — usage errors included, which
/// swift-argument-parser would otherwise report with 64. `--help` and `--version` print to
/// stdout and exit 0.
enum ExitMapping {
  /// Ends the command with `status`: returns for success, throws `ExitCode` otherwise.
  static func finish(_ status: ExitStatus) throws {
    guard status != .success else { return }
    throw ExitCode(status.rawValue)
  }

  /// Says the message for `error` and exits with ssopick's status for it.
  static func exit(for error: any Error, console: Console) -> Never {
    if let explicit = error as? ExitCode {
      SSOPick.exit(withError: explicit)
    }
    if SSOPick.exitCode(for: error) == .success {
      SSOPick.exit(withError: error)
    }
    let message = SSOPick.fullMessage(for: error)
    if !message.isEmpty { console.say(message) }
    SSOPick.exit(withError: ExitCode(ExitStatus.error.rawValue))
  }
}
