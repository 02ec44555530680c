/// What a cell of a ``Frame`` means, not how it looks: the terminal layer turns each style
/// into attributes and colours (reverse video, bold, a colour pair), and into attributes only
/// for monochrome terminals and `NO_COLOR`.
public enum CellStyle: UInt8, CaseIterable, Hashable, Sendable {
  /// Ordinary text.
  case plain
  /// The title bar at the top.
  case title
  /// Secondary text: account ids, e-mail addresses, counts, hints.
  case muted
  /// A character the query matched.
  case match
  /// The highlighted (cursor) row.
  case selected
  /// A matched character in the highlighted row.
  case selectedMatch
  /// The query prompt (`>`).
  case prompt
  /// A row whose roles are still loading, and the progress indicator.
  case loading
  /// Something went wrong (a failed account, a failed listing, an expired login).
  case error
  /// A passing problem (throttling).
  case warning
  /// A key name in the help overlay.
  case key
  /// The border of the help overlay.
  case border

  /// The one-letter code used in snapshot files (see ``Frame/snapshot``).
  public var code: Character {
    switch self {
    case .plain: "."
    case .title: "T"
    case .muted: "m"
    case .match: "M"
    case .selected: "S"
    case .selectedMatch: "X"
    case .prompt: "P"
    case .loading: "L"
    case .error: "E"
    case .warning: "W"
    case .key: "K"
    case .border: "B"
    }
  }
}
