public import SessionEngine

/// An account and role the user chose, and what for.
public struct PickerChoice: Hashable, Sendable {
  /// What the user asked for with the choice.
  public enum Intent: Hashable, Sendable {
    /// Enter: the run's action (a profile, exports, a command, …).
    case use
    /// Ctrl-O: open the AWS console for the role in the browser.
    case console
  }

  /// The account.
  public var account: AccountInfo
  /// The role name.
  public var roleName: String
  /// What the choice is for.
  public var intent: Intent

  /// Creates a choice.
  public init(account: AccountInfo, roleName: String, intent: Intent = .use) {
    self.account = account
    self.roleName = roleName
    self.intent = intent
  }
}

/// How the picker ended.
public enum PickerOutcome: Hashable, Sendable {
  /// The user chose a role (Enter, or `--select-1` with exactly one match).
  case chosen(PickerChoice)
  /// Enter with nothing to choose (no row matched): exit status 1.
  case nothingChosen
  /// Esc or Ctrl-C: exit status 130.
  case cancelled
  /// A signal asked the program to stop (SIGTERM, SIGHUP, SIGINT, SIGQUIT): exit status
  /// 128 + the signal number.
  case interrupted(signal: Int32)

  /// The process exit status for this outcome: 0, 1, 130 or 128 + signal.
  public var exitStatus: Int32 {
    switch self {
    case .chosen: 0
    case .nothingChosen: 1
    case .cancelled: 130
    case .interrupted(let signal): 128 + signal
    }
  }
}
