/// Where each part of the picker goes on a screen of a given size. `update` uses it for
/// paging and scrolling, `view` for drawing, so both agree on how many rows are visible.
///
/// From top to bottom: the title line, the query line, the list, the detail lines (two from
/// 14 lines up, else one) and the status line. Below 20 columns or 5 lines the picker only
/// asks for a larger window.
public struct PickerLayout: Hashable, Sendable {
  /// The screen size.
  public let size: TerminalSize

  /// Creates the layout for `size`.
  public init(size: TerminalSize) {
    self.size = size
  }

  /// Whether the screen is too small to show the picker at all.
  public var isTooSmall: Bool { size.rows < 5 || size.columns < 20 }

  /// The title line.
  public var titleRow: Int { 0 }
  /// The query line.
  public var queryRow: Int { 1 }
  /// The first list line.
  public var listTop: Int { 2 }
  /// How many detail lines there are.
  public var detailLineCount: Int { size.rows >= 14 ? 2 : 1 }
  /// The number of list lines (at least 1 unless the screen is too small).
  public var listHeight: Int { isTooSmall ? 0 : max(1, size.rows - 3 - detailLineCount) }
  /// The first detail line.
  public var detailTop: Int { listTop + listHeight }
  /// The status line.
  public var statusRow: Int { size.rows - 1 }

  /// Whether the list has an account-id column (the id is always on the detail line).
  public var showsAccountIDColumn: Bool { size.columns >= 70 }
  /// The list's first text column (after the highlight marker).
  public var nameColumn: Int { 2 }
  /// The width of the account-name column.
  public var nameWidth: Int {
    let rest = size.columns - nameColumn
    if showsAccountIDColumn { return min(40, max(12, (rest - 16) * 45 / 100)) }
    return max(6, (rest - 2) / 2)
  }
  /// The account-id column.
  public var accountIDColumn: Int { nameColumn + nameWidth + 2 }
  /// The role column.
  public var roleColumn: Int {
    showsAccountIDColumn ? accountIDColumn + 12 + 2 : nameColumn + nameWidth + 2
  }
  /// The width of the role column.
  public var roleWidth: Int { max(0, size.columns - roleColumn) }
}
