/// What the picker is opened with: the session's name, the starting query and options, and
/// how to describe what Enter will do.
public struct PickerConfiguration: Sendable {
  /// The sso-session's name, shown in the title bar.
  public var sessionName: String
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
    sessionName: String, initialQuery: String = "", selectOne: Bool = false,
    describeChoice: @escaping @Sendable (PickerChoice) -> String = { _ in "choose this role" }
  ) {
    self.sessionName = sessionName
    self.initialQuery = initialQuery
    self.selectOne = selectOne
    self.describeChoice = describeChoice
  }
}
