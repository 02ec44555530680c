/// A key the user pressed, as the picker understands it (the terminal layer decodes escape
/// sequences and control characters into these).
public enum Key: Hashable, Sendable, CustomStringConvertible {
  /// A printable character (it edits the query unless the key table binds it).
  case character(Character)
  /// Ctrl with a letter, `a` to `z` (lowercase).
  case control(Character)
  /// ↑
  case up
  /// ↓
  case down
  /// ←
  case left
  /// →
  case right
  /// Home
  case home
  /// End
  case end
  /// Page Up
  case pageUp
  /// Page Down
  case pageDown
  /// Backspace (DEL or Ctrl-H)
  case backspace
  /// Delete
  case delete
  /// Enter (Return)
  case enter
  /// Esc
  case escape
  /// Tab
  case tab
  /// Shift-Tab
  case backTab
  /// A function key, F1 to F12.
  case function(Int)

  /// How the key is written in help texts: `↑`, `Ctrl-P`, `PgUp`, `F1`, `?`.
  public var description: String {
    switch self {
    case .character(" "): "Space"
    case .character(let character): String(character)
    case .control(let letter): "Ctrl-" + letter.uppercased()
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .home: "Home"
    case .end: "End"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .backspace: "Backspace"
    case .delete: "Delete"
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "Shift-Tab"
    case .function(let number): "F\(number)"
    }
  }
}

/// A mouse event (wheel, click); `row` and `column` are the cell under the pointer.
public enum MouseEvent: Hashable, Sendable {
  /// The wheel turned up (away from the user).
  case wheelUp
  /// The wheel turned down.
  case wheelDown
  /// A click on a cell.
  case click(row: Int, column: Int)
}
