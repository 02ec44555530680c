/// The size of a terminal in character cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
  /// Number of lines.
  public var rows: Int
  /// Number of columns.
  public var columns: Int

  /// Creates a size; negative values count as 0.
  public init(rows: Int, columns: Int) {
    self.rows = max(0, rows)
    self.columns = max(0, columns)
  }

  /// `COLUMNSxROWS`, e.g. `80x24`.
  public var description: String { "\(columns)x\(rows)" }
}
