import ArgumentParser
import Foundation

/// Maps any error that reaches `main` to a message on stderr and ssopick's exit code:
/// 0 done, 1 nothing chosen, 2 error, 130 cancelled.
///
/// Commands that end without an error but with a non-zero status throw ArgumentParser's
/// `ExitCode` (1 or 130). Every other error exits 2 — including usage errors, which
/// swift-argument-parser would otherwise report with 64.
enum ExitMapping {
  /// Prints the message for `error` and exits with ssopick's code for it.
  static func exit(for error: any Error) -> Never {
    if let explicit = error as? ExitCode {
      Foundation.exit(explicit.rawValue)
    }
    if SSOPick.exitCode(for: error) == .success {
      // --help, --version and other clean exits print to stdout and exit 0.
      SSOPick.exit(withError: error)
    }
    let message = SSOPick.fullMessage(for: error)
    if !message.isEmpty {
      StandardError.write(message)
    }
    Foundation.exit(2)
  }
}

/// Writes whole lines to standard error, unbuffered.
enum StandardError {
  /// Writes `text` and a newline to stderr.
  static func write(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
