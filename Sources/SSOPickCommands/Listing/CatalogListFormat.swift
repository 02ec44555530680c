public import SessionEngine

/// How `ssopick list` writes account/role pairs, one per line, rendered straight to UTF-8
/// bytes in 64 KiB pieces (each account's columns rendered once, not once per role).
///
/// - `text`: for people: account name (padded to the widest, in terminal columns), account
///   id, role name, separated by two spaces; no header. Unsafe characters in names
///   (controls, bidi controls; ``UntrustedText``) are shown as escapes (`\t`, `\n`, `\x1b`,
///   `\u{202e}`, …) so a hostile name cannot move the cursor, split a line or reorder one;
///   names wider than ``maximumNameColumns`` are cut with `…`.
/// - `tsv`: for scripts: `accountName⇥accountId⇥roleName⇥emailAddress`, no header. In
///   values, backslash, tab, line feed and carriage return are written `\\`, `\t`, `\n`,
///   `\r` (the "linear TSV" convention), the other unsafe characters as ``UntrustedText``
///   escapes, so every row is one line of exactly four fields and nothing reaches a terminal
///   raw. Values are never cut.
/// - `json`: an array of objects with exactly the members `accountId`, `accountName`,
///   `emailAddress` and `roleName` (strings, exact), one object per line.
///
/// Rows of several sso-sessions (``SessionCatalog``) carry their session: a first column in
/// `text`, a fifth field in `tsv` (so the first four mean what they always do), a `session`
/// member in `json`.
public enum CatalogListFormat: String, Sendable, CaseIterable {
  /// Aligned columns for people.
  case text
  /// Tab-separated values for scripts.
  case tsv
  /// A JSON array of objects.
  case json

  /// One session's catalog: with its session's name in a list over several (a session
  /// column), `nil` in a list over one.
  public struct SessionCatalog: Sendable {
    /// The session's name, `nil` for no session column.
    public var session: String?
    /// Its catalog.
    public var catalog: Catalog

    /// Creates a value.
    public init(session: String?, catalog: Catalog) {
      self.session = session
      self.catalog = catalog
    }
  }

  /// `entries` rendered in this format, in the given order.
  public func render(_ entries: [CatalogEntry]) -> [UInt8] {
    render(entries.map { (session: nil, entry: $0) })
  }

  /// `entries` (each with its session, or `nil` in a list over one) rendered in this
  /// format, in the given order.
  public func render(_ entries: [(session: String?, entry: CatalogEntry)]) -> [UInt8] {
    var runs: [Run] = []
    for (session, entry) in entries {
      if let last = runs.indices.last, runs[last].account.accountID == entry.account.accountID,
        runs[last].session == session
      {
        runs[last].roles.append(entry.roleName)
      } else {
        runs.append(Run(session: session, account: entry.account, roles: [entry.roleName]))
      }
    }
    var out: [UInt8] = []
    render(.runs(runs)) { out += $0 }
    return out
  }

  /// Every entry of the catalogs, one after the other, with a session column when they
  /// carry their session's name.
  public func render(_ catalogs: [SessionCatalog]) -> [UInt8] {
    var out: [UInt8] = []
    render(.catalogs(catalogs.map { ($0.session, $0.catalog) })) { out += $0 }
    return out
  }

  /// ``render(_:)-([SessionCatalog])`` in pieces of about 64 KiB.
  public func write(_ catalogs: [SessionCatalog], to write: (UnsafeRawBufferPointer) -> Void) {
    render(.catalogs(catalogs.map { ($0.session, $0.catalog) })) { $0.withUnsafeBytes(write) }
  }

  /// Every entry of `catalog` rendered in this format, in catalog order (the same bytes as
  /// `render(catalog.entries)`, without building the entries).
  public func render(_ catalog: Catalog) -> [UInt8] {
    var out: [UInt8] = []
    render(.catalogs([(nil, catalog)])) { out += $0 }
    return out
  }

  /// Writes what `render(catalog)` returns to `write`, in pieces of about 64 KiB, so the
  /// memory used stays flat whatever the size of the catalog.
  public func write(_ catalog: Catalog, to write: (UnsafeRawBufferPointer) -> Void) {
    render(.catalogs([(nil, catalog)])) { $0.withUnsafeBytes(write) }
  }

  /// One account and the roles printed for it, consecutively.
  private struct Run {
    var session: String?
    var account: AccountInfo
    var roles: [String]
  }

  /// Where the rows come from: catalogs (accounts with at least one role, in order; with
  /// their session's name in a list over several) or runs gathered from entries.
  private enum Rows {
    case catalogs([(session: String?, catalog: Catalog)])
    case runs([Run])

    func visit(_ body: (String?, AccountInfo, [String]) -> Void) {
      switch self {
      case .catalogs(let catalogs):
        for (session, catalog) in catalogs {
          for account in catalog.accounts {
            if let roles = catalog.roles[account.accountID], !roles.isEmpty {
              body(session, account, roles)
            }
          }
        }
      case .runs(let runs):
        for run in runs { body(run.session, run.account, run.roles) }
      }
    }
  }

  private static let chunk = 64 * 1024

  private func render(_ rows: Rows, emit: ([UInt8]) -> Void) {
    var out: [UInt8] = []
    out.reserveCapacity(Self.chunk + 4 * 1024)
    let flush: (inout [UInt8]) -> Void = { buffer in
      guard buffer.count >= Self.chunk else { return }
      emit(buffer)
      buffer.removeAll(keepingCapacity: true)
    }
    switch self {
    case .text: Self.renderText(rows, into: &out, flush: flush)
    case .tsv: Self.renderTSV(rows, into: &out, flush: flush)
    case .json: Self.renderJSON(rows, into: &out, flush: flush)
    }
    if !out.isEmpty { emit(out) }
  }

  // MARK: Text

  /// The widest a name is shown in `text` (terminal columns); longer ones are cut with `…`.
  public static let maximumNameColumns = 64

  private static func renderText(
    _ rows: Rows, into out: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    var sessionWidth = 0
    var nameWidth = 0
    var idWidth = 0
    rows.visit { session, account, _ in
      if let session { sessionWidth = max(sessionWidth, shown(session).width) }
      nameWidth = max(nameWidth, shown(account.accountName).width)
      idWidth = max(idWidth, shown(account.accountID).width)
    }
    var name: [UInt8] = []
    var id: [UInt8] = []
    rows.visit { session, account, roles in
      // Shown once per account, appended once per role.
      name.removeAll(keepingCapacity: true)
      if let session {
        let sessionShown = appendShown(session, into: &name)
        name += repeatElement(0x20, count: max(0, sessionWidth - sessionShown) + 2)
      }
      let nameShown = appendShown(account.accountName, into: &name)
      name += repeatElement(0x20, count: max(0, nameWidth - nameShown) + 2)
      id.removeAll(keepingCapacity: true)
      let idShown = appendShown(account.accountID, into: &id)
      id += repeatElement(0x20, count: max(0, idWidth - idShown) + 2)
      for role in roles {
        out += name
        out += id
        _ = appendShown(role, into: &out)
        out.append(0x0A)
      }
      flush(&out)
    }
  }

  /// `text` as the table shows it: unsafe characters escaped (``UntrustedText``), cut to
  /// ``maximumNameColumns``; and its width.
  static func shown(_ text: String) -> (text: String, width: Int) {
    if text.utf8.count <= maximumNameColumns, isPlainASCII(text) { return (text, text.utf8.count) }
    let cut = UntrustedText.truncated(UntrustedText.escaped(text), columns: maximumNameColumns)
    return (cut, DisplayWidth.of(cut))
  }

  /// Appends `text` as ``shown(_:)`` makes it; returns its width in columns.
  private static func appendShown(_ text: String, into out: inout [UInt8]) -> Int {
    if text.utf8.count <= maximumNameColumns, let width = appendIfPlainASCII(text, into: &out) {
      return width
    }
    let (cut, width) = shown(text)
    out += cut.utf8
    return width
  }

  // MARK: TSV

  private static func renderTSV(
    _ rows: Rows, into out: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    var head: [UInt8] = []
    var tail: [UInt8] = []
    rows.visit { session, account, roles in
      head.removeAll(keepingCapacity: true)
      appendTSVField(account.accountName, into: &head)
      head.append(0x09)
      appendTSVField(account.accountID, into: &head)
      head.append(0x09)
      tail.removeAll(keepingCapacity: true)
      tail.append(0x09)
      appendTSVField(account.emailAddress, into: &tail)
      if let session {
        tail.append(0x09)
        appendTSVField(session, into: &tail)
      }
      tail.append(0x0A)
      for role in roles {
        out += head
        appendTSVField(role, into: &out)
        out += tail
      }
      flush(&out)
    }
  }

  /// A backslash as `\\`; every unsafe character as its ``UntrustedText`` escape (`\t`,
  /// `\n`, `\r` — linear TSV's — and `\x1b`, `\u{202e}`, … for the rest).
  private static func appendTSVField(_ text: String, into out: inout [UInt8]) {
    if appendIfPlainASCII(text, into: &out) != nil { return }
    for scalar in text.unicodeScalars {
      if scalar == "\\" {
        out += [0x5C, 0x5C]
      } else if let escape = UntrustedText.escape(scalar) {
        out += escape.utf8
      } else if let encoded = UTF8.encode(scalar) {
        out += encoded
      }
    }
  }

  // MARK: JSON

  private static func renderJSON(
    _ rows: Rows, into out: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    var head: [UInt8] = []
    var first = true
    var tail: [UInt8] = []
    rows.visit { session, account, roles in
      tail.removeAll(keepingCapacity: true)
      if let session {
        tail += JSONText.session
        appendJSONString(session, into: &tail)
      }
      tail.append(0x7D)
      head.removeAll(keepingCapacity: true)
      head += JSONText.accountID
      appendJSONString(account.accountID, into: &head)
      head += JSONText.accountName
      appendJSONString(account.accountName, into: &head)
      head += JSONText.emailAddress
      appendJSONString(account.emailAddress, into: &head)
      head += JSONText.roleName
      for role in roles {
        out += first ? JSONText.open : JSONText.separator
        first = false
        out += head
        appendJSONString(role, into: &out)
        out += tail
      }
      flush(&out)
    }
    out += first ? JSONText.empty : JSONText.close
  }

  private enum JSONText {
    static let accountID = Array("  {\"accountId\":".utf8)
    static let accountName = Array(",\"accountName\":".utf8)
    static let emailAddress = Array(",\"emailAddress\":".utf8)
    static let roleName = Array(",\"roleName\":".utf8)
    static let session = Array(",\"session\":".utf8)
    static let open = Array("[\n".utf8)
    static let separator = Array(",\n".utf8)
    static let close = Array("\n]\n".utf8)
    static let empty = Array("[]\n".utf8)
  }

  private static func appendJSONString(_ text: String, into out: inout [UInt8]) {
    out.append(0x22)
    for byte in text.utf8 {
      switch byte {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, 0x6E]
      case 0x0D: out += [0x5C, 0x72]
      case 0x09: out += [0x5C, 0x74]
      case 0x08: out += [0x5C, 0x62]
      case 0x0C: out += [0x5C, 0x66]
      case 0..<0x20:
        out += Array("\\u00".utf8)
        out.append(hexDigit(byte >> 4))
        out.append(hexDigit(byte & 0x0F))
      default: out.append(byte)
      }
    }
    out.append(0x22)
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? 0x30 + value : 0x61 + value - 10
  }

  // MARK: Shared

  /// Appends `text` when it is printable ASCII only (no control characters, no backslash),
  /// returning its length; otherwise appends nothing and returns `nil`.
  private static func isPlainASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C }
  }

  private static func appendIfPlainASCII(_ text: String, into out: inout [UInt8]) -> Int? {
    var text = text
    return text.withUTF8 { utf8 -> Int? in
      for byte in utf8 where byte < 0x20 || byte >= 0x7F || byte == 0x5C {
        return nil
      }
      out += utf8
      return utf8.count
    }
  }
}
