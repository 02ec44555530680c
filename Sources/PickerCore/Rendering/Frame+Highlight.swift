import SessionEngine

extension Frame {
  /// Writes `text` in at most `width` columns from `column` on, cut with `…` when it does not
  /// fit, styling the characters at `positions` (indices of `Character`s, ascending) with
  /// `matchStyle`. Returns the column after the text.
  @discardableResult
  mutating func putHighlighted(
    _ text: String, positions: [Int], row: Int, column: Int, width: Int, style: CellStyle,
    matchStyle: CellStyle
  ) -> Int {
    guard width > 0 else { return column }
    let fits = DisplayWidth.of(text) <= width
    let budget = fits ? width : width - 1
    var position = column
    var marks = positions.makeIterator()
    var nextMark = marks.next()
    for (index, character) in text.enumerated() {
      while let mark = nextMark, mark < index { nextMark = marks.next() }
      let characterWidth = DisplayWidth.of(character)
      if position - column + characterWidth > budget { break }
      let matched = nextMark == index
      position = put(
        String(character), row: row, column: position, style: matched ? matchStyle : style,
        maxWidth: column + budget - position)
    }
    if !fits { position = put("…", row: row, column: position, style: style, maxWidth: 1) }
    return position
  }

  /// Writes `text` so that it ends at the right edge (or at `end`), cut at its start when it
  /// is wider than `maxWidth`. Returns the first column written.
  @discardableResult
  mutating func putRightAligned(
    _ text: String, row: Int, end: Int? = nil, maxWidth: Int, style: CellStyle
  ) -> Int {
    let right = end ?? size.columns
    let shown = Formatting.truncated(text, toWidth: max(0, maxWidth))
    let start = right - DisplayWidth.of(shown)
    put(shown, row: row, column: max(0, start), style: style, maxWidth: right - max(0, start))
    return start
  }
}
