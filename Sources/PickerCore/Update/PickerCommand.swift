/// What a key does in the picker. The ``KeyTable`` maps keys to commands; `update` performs
/// commands, so the help overlay (made from the same table) cannot disagree with behaviour.
public enum PickerCommand: Hashable, Sendable, CaseIterable {
  /// Type into the query.
  case type
  /// Move the highlight up one row.
  case moveUp
  /// Move the highlight down one row.
  case moveDown
  /// Move the highlight up one page.
  case pageUp
  /// Move the highlight down one page.
  case pageDown
  /// Highlight the first row.
  case first
  /// Highlight the last row.
  case last
  /// Scroll up a few rows (mouse wheel).
  case scrollUp
  /// Scroll down a few rows (mouse wheel).
  case scrollDown
  /// Highlight the clicked row.
  case pointAt
  /// Choose the highlighted row.
  case choose
  /// Choose the highlighted row to open the AWS console for it.
  case openConsole
  /// Delete the query's last character.
  case deleteBackward
  /// Delete the query's last word.
  case deleteWord
  /// Clear the query.
  case clearQuery
  /// List accounts and roles again from AWS.
  case refresh
  /// Sign in to the highlighted row's session, or the first one that is not signed in.
  case signIn
  /// Show or hide the help overlay.
  case toggleHelp
  /// Leave without choosing.
  case cancel
}
