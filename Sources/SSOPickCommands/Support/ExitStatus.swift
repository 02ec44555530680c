/// The exit statuses every path out of ssopick uses (fzf's convention): one table, so the
/// picker, the commands and the error mapping can never disagree.
public struct ExitStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  /// The process exit status.
  public var rawValue: Int32

  /// Creates a status from its number.
  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }

  /// Chosen or done.
  public static let success = ExitStatus(rawValue: 0)
  /// Nothing matched or nothing was chosen (`list --filter` with no match, Enter on an
  /// empty list).
  public static let nothing = ExitStatus(rawValue: 1)
  /// An error: bad input, a service or network failure, a refused write.
  public static let error = ExitStatus(rawValue: 2)
  /// Cancelled by the user (Esc, Ctrl-C in the picker).
  public static let cancelled = ExitStatus(rawValue: 130)

  /// Ended by signal `number` (128 + N, as shells report it).
  public static func signal(_ number: Int32) -> ExitStatus {
    ExitStatus(rawValue: 128 + number)
  }

  /// The number.
  public var description: String { String(rawValue) }
}
