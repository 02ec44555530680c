/// Which characters of a row to highlight: per field, the indices of the matched
/// `Character`s (grapheme clusters) of that field's text, ascending.
///
/// Index `k` means the `k`-th element of `Array(text)`, so a terminal renderer that walks the
/// field's characters (adding up each one's column width: 2 for wide CJK and emoji, 1 for
/// most others) highlights the cells of character `k` when `k` is listed.
/// ``columnRanges(of:in:columnWidth:)`` does that walk for renderers that prefer ranges of
/// display columns.
public struct RowHighlights: Hashable, Sendable {
  /// Matched characters of the account name.
  public var accountName: [Int]
  /// Matched characters of the role name.
  public var roleName: [Int]
  /// Matched characters of the account id.
  public var accountId: [Int]
  /// Matched characters of the email.
  public var email: [Int]
  /// Matched characters of the session's name.
  public var session: [Int]

  /// Creates highlights (empty by default).
  public init(
    accountName: [Int] = [], roleName: [Int] = [], accountId: [Int] = [], email: [Int] = [],
    session: [Int] = []
  ) {
    self.accountName = accountName
    self.roleName = roleName
    self.accountId = accountId
    self.email = email
    self.session = session
  }

  /// The matched characters of one field.
  public subscript(field: SearchField) -> [Int] {
    get {
      switch field {
      case .accountName: accountName
      case .roleName: roleName
      case .accountId: accountId
      case .email: email
      case .session: session
      }
    }
    set {
      switch field {
      case .accountName: accountName = newValue
      case .roleName: roleName = newValue
      case .accountId: accountId = newValue
      case .email: email = newValue
      case .session: session = newValue
      }
    }
  }

  /// Whether nothing is highlighted.
  public var isEmpty: Bool {
    accountName.isEmpty && roleName.isEmpty && accountId.isEmpty && email.isEmpty
      && session.isEmpty
  }

  /// The display columns of `positions` in `text`, merged into ascending ranges.
  ///
  /// Column 0 is the first column of `text`. `columnWidth` gives each character's width in
  /// terminal cells (the renderer's own function, so both agree); characters of width 0
  /// produce no range.
  public static func columnRanges(
    of positions: [Int],
    in text: String,
    columnWidth: (Character) -> Int
  ) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var wanted = positions.makeIterator()
    var next = wanted.next()
    var column = 0
    for (index, character) in text.enumerated() {
      guard let target = next else { break }
      let width = max(0, columnWidth(character))
      if index == target {
        if width > 0 {
          if let last = ranges.last, last.upperBound == column {
            ranges[ranges.count - 1] = last.lowerBound..<column + width
          } else {
            ranges.append(column..<column + width)
          }
        }
        next = wanted.next()
      }
      column += width
    }
    return ranges
  }
}
