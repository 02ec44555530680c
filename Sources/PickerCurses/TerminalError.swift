import CNcursesShim
import Foundation

/// Why the picker's terminal could not be opened.
public struct TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Reason: Sendable, Equatable {
    /// The device could not be opened (no controlling terminal, e.g. under cron or in CI).
    case cannotOpen
    /// The path is not a terminal.
    case notATerminal
    /// curses does not know the terminal type.
    case unknownTerminalType
  }

  /// What went wrong.
  public var reason: Reason
  /// The device.
  public var path: String
  /// The terminal type tried.
  public var terminalType: String?
  /// The system's explanation, when there is one.
  public var systemReason: String?

  init(code: Int32, systemError: Int32, options: CursesTerminal.Options) {
    switch code {
    case Int32(CNCS_ERR_NOT_A_TTY): reason = .notATerminal
    case Int32(CNCS_ERR_NEWTERM): reason = .unknownTerminalType
    default: reason = .cannotOpen
    }
    path = options.path
    terminalType = options.terminalType ?? ProcessInfo.processInfo.environment["TERM"]
    systemReason = systemError == 0 ? nil : String(cString: strerror(systemError))
  }

  /// A message that says what to do.
  public var description: String {
    let alternative =
      "For scripts, use `ssopick list` (or `ssopick export --account ID --role ROLE`)."
    switch reason {
    case .cannotOpen:
      return "The picker needs a terminal, and \(path) cannot be opened"
        + (systemReason.map { " (\($0))" } ?? "") + ". " + alternative
    case .notATerminal:
      return "The picker needs a terminal, and \(path) is not one. " + alternative
    case .unknownTerminalType:
      let type = terminalType.map { "'\($0)'" } ?? "(TERM is not set)"
      return "The terminal type \(type) is unknown to curses; set TERM to one it knows "
        + "(e.g. TERM=xterm-256color). " + alternative
    }
  }
}
