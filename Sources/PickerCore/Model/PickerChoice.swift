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
  /// The sso-session of the chosen row (its index in ``PickerConfiguration/sessions``).
  public var source: Int

  /// Creates a choice.
  public init(account: AccountInfo, roleName: String, intent: Intent = .use, source: Int = 0) {
    self.account = account
    self.roleName = roleName
    self.intent = intent
    self.source = source
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
  /// Ctrl-L on a session that is not signed in: the caller closes the screen, signs in to
  /// session `source` (the prompt needs the terminal), and opens the picker again with the
  /// model as it was (``Picker/resume(_:signedIn:)``). Never a process's exit status; 1 if
  /// it were taken for one.
  case signIn(source: Int)

  /// The process exit status for this outcome: 0, 1, 130 or 128 + signal.
  public var exitStatus: Int32 {
    switch self {
    case .chosen: 0
    case .nothingChosen: 1
    case .cancelled: 130
    case .interrupted(let signal): 128 + signal
    case .signIn: 1
    }
  }
}
