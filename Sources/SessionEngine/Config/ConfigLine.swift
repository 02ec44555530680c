/// One physical line of a config or credentials file, kept byte for byte: its text, the
/// line break that ended it, and how botocore reads it in context.
public struct ConfigLine: Sendable, Equatable {
  /// The bytes that ended a line.
  public enum Terminator: String, Sendable, Equatable {
    /// `\n` (Unix).
    case lf = "\n"
    /// `\r\n` (Windows).
    case crlf = "\r\n"
    /// A lone `\r` (classic Mac; Python's universal newlines treat it as a line break too).
    case cr = "\r"
    /// Nothing: the last line of a file without a final newline.
    case none = ""
  }

  /// What a line means to botocore, given the lines before it.
  public enum Kind: Sendable, Equatable {
    /// Empty or whitespace only.
    case blank
    /// A whole-line comment: the first non-blank character is `#` or `;`.
    case comment
    /// `[NAME]`; the associated value is NAME exactly as written between the brackets.
    case sectionHeader(String)
    /// `key = value` or `key: value`: the key as written (trailing blanks removed) and the
    /// value with surrounding whitespace removed.
    case entry(key: String, value: String)
    /// A line indented deeper than the entry above it: more of that entry's value
    /// (a multi-line value, or one `name = value` line of a nested sub-section).
    case continuation(String)
  }

  /// The line's text without its terminator (and without a byte order mark).
  public var text: String
  /// The line break that ended the line.
  public var terminator: Terminator
  /// How botocore reads the line.
  public internal(set) var kind: Kind

  /// Creates a line; `kind` is recomputed when it becomes part of a document.
  public init(text: String, terminator: Terminator, kind: Kind = .blank) {
    self.text = text
    self.terminator = terminator
    self.kind = kind
  }
}
