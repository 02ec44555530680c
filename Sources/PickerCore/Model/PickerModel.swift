public import Foundation
import SessionEngine

/// Everything the picker shows and knows: rows, query, highlight, loading state, the clock,
/// and (once decided) the outcome. Changed only by `Picker.update`; drawn by `Picker.view`.
public struct PickerModel: Sendable {
  /// How the picker was opened.
  public let configuration: PickerConfiguration
  var store: PickerRowStore
  /// The query as typed.
  public internal(set) var query: String
  /// ``query`` parsed, as of the last time the list was made (parsing a pasted page for
  /// every row drawn would cost more than drawing).
  var search = SearchQuery("")
  /// The rows shown, best first (indices for ``row(_:)``).
  public internal(set) var visible: [Int] = []
  /// The position of the highlighted row in ``visible``.
  public internal(set) var cursor = 0
  /// The position in ``visible`` of the first row on screen.
  public internal(set) var scroll = 0
  /// The terminal's size.
  public internal(set) var size: TerminalSize
  /// Each session's listing and sign-in (one entry for a picker over one session), indexed
  /// by ``PickerRow/source``.
  public internal(set) var sessions: [SessionState]
  /// The catalog listing's state: the session's, or every session's combined.
  public var loading: LoadingStatus {
    LoadingStatus.combined(sessions.map(\.loading), names: configuration.sessions.map(\.name))
  }
  /// A short message for the status line, until the given time.
  public internal(set) var notice: Notice?
  /// Whether the help overlay is shown.
  public internal(set) var showsHelp = false
  /// The clock, as of the last tick.
  public internal(set) var now: Date
  /// When the (first) session's access token expires, if known.
  public var loginExpiresAt: Date? { sessions[0].loginExpiresAt }
  /// Whether the (first) session's login renews itself when the access token expires.
  public var loginRenewable: Bool { sessions[0].loginRenewable }
  /// How the picker ended, once it has.
  public internal(set) var outcome: PickerOutcome?
  /// Increases with every tick while loading (the spinner's frame).
  public internal(set) var spinnerPhase = 0
  /// Whether `--select-1` may still choose by itself.
  public internal(set) var selectOnePending: Bool
  var selection: SelectionIntent = .top
  var prioritized: Set<PickerRow.Key> = []
  var lastPrioritized: PickerRow.Key?

  /// What the next refilter does with the highlight.
  enum SelectionIntent: Hashable, Sendable {
    /// The list is up to date.
    case settled
    /// Highlight the first row (the query changed).
    case top
    /// Keep the highlight on this row (rows arrived or changed) at the same line of the
    /// screen, or on the same position when `nil`.
    case keep(PickerRow.Key?, line: Int)
  }

  /// A message for the status line.
  public struct Notice: Hashable, Sendable {
    /// The text.
    public var text: String
    /// Whether it reports a problem.
    public var isError: Bool
    /// When it disappears.
    public var until: Date
  }

  /// A picker with no rows yet.
  public init(
    configuration: PickerConfiguration, size: TerminalSize, now: Date,
    recents: RecentRanks = RecentRanks(), loginExpiresAt: Date? = nil
  ) {
    self.configuration = configuration
    let names = configuration.isMultiSession ? configuration.sessions.map(\.name) : []
    self.store = PickerRowStore(ranks: recents, sessionNames: names)
    self.query = configuration.initialQuery
    self.size = size
    self.now = now
    if configuration.isMultiSession {
      self.sessions = configuration.sessions.map { SessionState(signedIn: $0.signedIn) }
    } else {
      self.sessions = [SessionState(signedIn: configuration.sessions.first?.signedIn ?? true)]
    }
    self.sessions[0].loginExpiresAt = loginExpiresAt
    self.selectOnePending = configuration.selectOne
  }

  /// The name of session `source` (the configuration's session name for a picker over one).
  public func sessionName(_ source: Int) -> String {
    guard configuration.isMultiSession, configuration.sessions.indices.contains(source) else {
      return configuration.sessionName
    }
    return configuration.sessions[source].name
  }

  /// The layout for the current size.
  public var layout: PickerLayout { PickerLayout(size: size) }

  /// The row with index `index` (from ``visible``).
  public func row(_ index: Int) -> PickerRow { store.row(index) }

  /// The highlighted row, if any.
  public var highlightedRow: PickerRow? {
    visible.indices.contains(cursor) ? store.row(visible[cursor]) : nil
  }

  /// How many accounts are known.
  public var accountCount: Int { store.accountCount }
  /// How many accounts' roles are known (listed or failed).
  public var settledAccountCount: Int { store.settledAccountCount }
  /// How many account/role rows there are.
  public var roleRowCount: Int { store.roleRowCount }
  /// How many rows there are (roles, and accounts whose roles are not known).
  public var rowCount: Int { store.liveRowCount }

  /// The characters of row `index` that the query matched, for highlighting.
  public func highlights(ofRow index: Int) -> RowHighlights {
    store.highlights(ofRow: index, query: search.text == query ? search : SearchQuery(query))
  }
}
