/// What the picker is opened with: the session's name (or the sessions', for a picker over
/// several), the starting query and options, and how to describe what Enter will do.
public struct PickerConfiguration: Sendable {
  /// One sso-session of a picker over several.
  public struct Session: Hashable, Sendable {
    /// The name, shown as each row's badge and searchable.
    public var name: String
    /// Whether its sign-in works (signed in, or renewable without the user). One that is
    /// not is listed in the title; Ctrl-L signs in to it.
    public var signedIn: Bool

    /// Creates a value.
    public init(name: String, signedIn: Bool) {
      self.name = name
      self.signedIn = signedIn
    }
  }

  /// The sso-session's name, shown in the title bar.
  public var sessionName: String
  /// The sessions of a picker over several, in the order of the catalog feeds (a row's
  /// ``PickerRow/source`` indexes it); empty for a picker over one session.
  public var sessions: [Session]
  /// The query the picker starts with (`--query`).
  public var initialQuery: String
  /// Choose at once when the listing is complete and exactly one row matches
  /// (`--select-1`); any key pressed before that turns it off.
  public var selectOne: Bool
  /// What choosing `choice` will do, for the detail line, e.g. `write profile
  /// Production/AdministratorAccess`.
  public var describeChoice: @Sendable (PickerChoice) -> String

  /// Creates a configuration.
  public init(
    sessionName: String, sessions: [Session] = [], initialQuery: String = "",
    selectOne: Bool = false,
    describeChoice: @escaping @Sendable (PickerChoice) -> String = { _ in "choose this role" }
  ) {
    self.sessionName = sessionName
    self.sessions = sessions
    self.initialQuery = initialQuery
    self.selectOne = selectOne
    self.describeChoice = describeChoice
  }

  /// Whether the picker shows the rows of several sessions (each with its badge).
  public var isMultiSession: Bool { sessions.count > 1 }
}
