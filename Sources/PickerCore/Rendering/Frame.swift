import SessionEngine

/// One screenful, as data: a grid of cells, each holding one character (or the second half
/// of a wide one) and a ``CellStyle``, plus where the cursor is. `view` produces frames; the
/// terminal layer only copies them to the screen, and tests compare them as text.
///
/// Text is placed with ``put(_:row:column:style:maxWidth:)``, which measures every
/// `Character` with ``DisplayWidth``: a wide character fills its cell and the next one
/// (``Cell/isContinuation``), a zero-width one joins the character before it, and a wide
/// character that would cross the right edge (or `maxWidth`) is replaced by a space.
public struct Frame: Hashable, Sendable {
  /// One cell of the grid.
  public struct Cell: Hashable, Sendable {
    /// The character drawn here; empty for the right half of a wide character.
    public var text: String
    /// What the cell means.
    public var style: CellStyle

    /// A blank cell.
    public static let blank = Cell(text: " ", style: .plain)

    /// Creates a cell.
    public init(text: String, style: CellStyle) {
      self.text = text
      self.style = style
    }

    /// Whether this is the right half of a wide character drawn in the cell before.
    public var isContinuation: Bool { text.isEmpty }
  }

  /// The frame's size.
  public let size: TerminalSize
  /// The cells, row by row.
  public private(set) var cells: [Cell]
  /// Where the terminal's cursor should be shown, or `nil` to hide it.
  public var cursor: (row: Int, column: Int)? {
    get { cursorCell.map { ($0 / max(1, size.columns), $0 % max(1, size.columns)) } }
    set { cursorCell = newValue.map { $0.row * size.columns + $0.column } }
  }
  private var cursorCell: Int?

  /// A blank frame of `size`.
  public init(size: TerminalSize) {
    self.size = size
    cells = Array(repeating: .blank, count: size.rows * size.columns)
  }

  /// The cell at `row`, `column` (blank outside the frame).
  public subscript(row: Int, column: Int) -> Cell {
    guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return .blank }
    return cells[row * size.columns + column]
  }

  /// The cells of one row.
  public func row(_ row: Int) -> ArraySlice<Cell> {
    guard row >= 0, row < size.rows else { return [] }
    return cells[row * size.columns..<(row + 1) * size.columns]
  }

  /// Writes `text` from `column` on, at most `maxWidth` columns (default: to the right
  /// edge), and returns the column after the last one written.
  @discardableResult
  public mutating func put(
    _ text: some StringProtocol, row: Int, column: Int, style: CellStyle,
    maxWidth: Int? = nil
  ) -> Int {
    guard row >= 0, row < size.rows, column >= 0 else { return column }
    let limit = min(size.columns, column + max(0, maxWidth ?? size.columns))
    var position = column
    for character in text {
      let width = DisplayWidth.of(character)
      if width == 0 {
        // A mark with nothing before it on this line is dropped; otherwise it joins the
        // character before (the cells keep whole `Character`s).
        if position > column, let last = lastLeadCell(row: row, before: position) {
          cells[last].text.append(contentsOf: String(character))
        }
        continue
      }
      guard position + width <= limit else {
        if position < limit { setCell(row: row, column: position, text: " ", style: style) }
        position = limit
        break
      }
      let shown =
        character.unicodeScalars.contains(where: UntrustedText.isUnsafe)
        ? "\u{FFFD}" : String(character)
      setCell(row: row, column: position, text: shown, style: style)
      if width == 2 { setCell(row: row, column: position + 1, text: "", style: style) }
      position += width
    }
    return position
  }

  /// Sets the style of `count` cells from `column` on, keeping their text.
  public mutating func restyle(row: Int, column: Int, count: Int, style: CellStyle) {
    guard row >= 0, row < size.rows else { return }
    let start = max(0, column)
    let end = min(size.columns, column + count)
    guard start < end else { return }
    for index in row * size.columns + start..<row * size.columns + end {
      cells[index].style = style
    }
  }

  /// Fills `count` cells from `column` on with blanks of `style`.
  public mutating func fill(row: Int, column: Int, count: Int, style: CellStyle) {
    guard row >= 0, row < size.rows else { return }
    let start = max(0, column)
    let end = min(size.columns, column + count)
    guard start < end else { return }
    for index in row * size.columns + start..<row * size.columns + end {
      cells[index] = Cell(text: " ", style: style)
    }
  }

  private mutating func setCell(row: Int, column: Int, text: String, style: CellStyle) {
    let index = row * size.columns + column
    // Overwriting half of a wide character blanks its other half.
    if cells[index].isContinuation, column > 0 {
      cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
    }
    if !text.isEmpty, column + 1 < size.columns, cells[index + 1].isContinuation,
      DisplayWidth.of(cells[index].text) == 2
    {
      cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
    }
    cells[index] = Cell(text: text, style: style)
  }

  private func lastLeadCell(row: Int, before column: Int) -> Int? {
    var index = row * size.columns + column - 1
    while index >= row * size.columns {
      if !cells[index].isContinuation { return index }
      index -= 1
    }
    return nil
  }

  /// The text of row `row` as a terminal shows it: each character once (a wide character
  /// stands for its two cells).
  public func text(ofRow row: Int) -> String {
    var line = ""
    for cell in self.row(row) where !cell.isContinuation { line += cell.text }
    return line
  }

  /// Every row's text (see ``text(ofRow:)``), joined by newlines, trailing blanks removed.
  public var plainText: String {
    (0..<size.rows).map { text(ofRow: $0).trimmingTrailingSpaces() }.joined(separator: "\n")
  }

  /// A text dump for snapshot tests: the size and cursor, every row's text between `|`
  /// marks, then every row's styles as one ``CellStyle/code`` letter per column.
  public var snapshot: String {
    let cursorText = cursor.map { " cursor \($0.row),\($0.column)" } ?? ""
    var lines = ["frame \(size.columns)x\(size.rows)" + cursorText]
    lines.append("text:")
    for row in 0..<size.rows { lines.append("|" + text(ofRow: row) + "|") }
    lines.append("style:")
    for row in 0..<size.rows {
      lines.append("|" + String(self.row(row).map(\.style.code)) + "|")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension StringProtocol {
  func trimmingTrailingSpaces() -> String {
    var text = String(self)
    while text.last == " " { text.removeLast() }
    return text
  }
}
