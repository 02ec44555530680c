/// How `ssopick list` writes account/role pairs, one per line, rendered straight to UTF-8
/// bytes (one write for 20,000 rows).
///
/// - `text`: for people: account name (padded to the widest, in terminal columns), account
///   id, role name, separated by two spaces; no header. Control characters in names are
///   shown as escapes (`\t`, `\n`, `\r`, `\x1b`, …) so a hostile name cannot move the cursor
///   or split a line.
/// - `tsv`: for scripts: `accountName⇥accountId⇥roleName⇥emailAddress`, no header. In
///   values, backslash, tab, line feed and carriage return are written `\\`, `\t`, `\n`,
///   `\r` (the "linear TSV" convention), so every row is one line of exactly four fields.
/// - `json`: an array of objects with exactly the members `accountId`, `accountName`,
///   `emailAddress` and `roleName` (strings), one object per line.
public enum CatalogListFormat: String, Sendable, CaseIterable {
  /// Aligned columns for people.
  case text
  /// Tab-separated values for scripts.
  case tsv
  /// A JSON array of objects.
  case json

  /// `entries` rendered in this format, in the given order.
  public func render(_ entries: [CatalogEntry]) -> [UInt8] {
    var runs: [Run] = []
    for entry in entries {
      if let last = runs.indices.last, runs[last].account.accountID == entry.account.accountID {
        runs[last].roles.append(entry.roleName)
      } else {
        runs.append(Run(account: entry.account, roles: [entry.roleName]))
      }
    }
    return render(runs)
  }

  /// Every entry of `catalog` rendered in this format, in catalog order (the same bytes as
  /// `render(catalog.entries)`, without building the entries).
  public func render(_ catalog: Catalog) -> [UInt8] {
    render(
      catalog.accounts.compactMap { account in
        guard let roles = catalog.roles[account.accountID], !roles.isEmpty else { return nil }
        return Run(account: account, roles: roles)
      })
  }

  /// One account and the roles printed for it, consecutively.
  private struct Run {
    var account: AccountInfo
    var roles: [String]
  }

  private func render(_ runs: [Run]) -> [UInt8] {
    var out: [UInt8] = []
    var rows = 0
    var longest = 0
    for run in runs {
      rows += run.roles.count
      longest = max(
        longest, run.account.accountName.utf8.count + run.account.emailAddress.utf8.count)
    }
    // An upper bound for plain names (escapes may grow it), so the buffer rarely moves.
    out.reserveCapacity(rows * (longest + 80) + 4)
    switch self {
    case .text: Self.renderText(runs, into: &out)
    case .tsv: Self.renderTSV(runs, into: &out)
    case .json: Self.renderJSON(runs, rows: rows, into: &out)
    }
    return out
  }

  // MARK: Text

  private static func renderText(_ runs: [Run], into out: inout [UInt8]) {
    var nameWidth = 0
    var idWidth = 0
    for run in runs {
      nameWidth = max(nameWidth, DisplayWidth.ofEscaped(run.account.accountName))
      idWidth = max(idWidth, DisplayWidth.ofEscaped(run.account.accountID))
    }
    var name: [UInt8] = []
    var id: [UInt8] = []
    for run in runs {
      // Shown once per account, appended once per role.
      name.removeAll(keepingCapacity: true)
      let nameShown = appendShown(run.account.accountName, into: &name)
      name += repeatElement(0x20, count: max(0, nameWidth - nameShown) + 2)
      id.removeAll(keepingCapacity: true)
      let idShown = appendShown(run.account.accountID, into: &id)
      id += repeatElement(0x20, count: max(0, idWidth - idShown) + 2)
      for role in run.roles {
        out += name
        out += id
        _ = appendShown(role, into: &out)
        out.append(0x0A)
      }
    }
  }

  /// Appends `text` with control characters escaped; returns its width in columns.
  private static func appendShown(_ text: String, into out: inout [UInt8]) -> Int {
    if let width = appendIfPlainASCII(text, into: &out) { return width }
    var width = 0
    for scalar in text.unicodeScalars {
      if let escape = DisplayWidth.escape(scalar) {
        out += escape.utf8
        width += escape.utf8.count
      } else {
        if let encoded = UTF8.encode(scalar) { out += encoded }
        width += DisplayWidth.of(scalar)
      }
    }
    return width
  }

  // MARK: TSV

  private static func renderTSV(_ runs: [Run], into out: inout [UInt8]) {
    var account: [UInt8] = []
    var email: [UInt8] = []
    for run in runs {
      account.removeAll(keepingCapacity: true)
      appendTSVField(run.account.accountName, into: &account)
      account.append(0x09)
      appendTSVField(run.account.accountID, into: &account)
      account.append(0x09)
      email.removeAll(keepingCapacity: true)
      email.append(0x09)
      appendTSVField(run.account.emailAddress, into: &email)
      email.append(0x0A)
      for role in run.roles {
        out += account
        appendTSVField(role, into: &out)
        out += email
      }
    }
  }

  private static func appendTSVField(_ text: String, into out: inout [UInt8]) {
    if appendIfPlainASCII(text, into: &out) != nil { return }
    for byte in text.utf8 {
      switch byte {
      case 0x5C: out += [0x5C, 0x5C]
      case 0x09: out += [0x5C, 0x74]
      case 0x0A: out += [0x5C, 0x6E]
      case 0x0D: out += [0x5C, 0x72]
      default: out.append(byte)
      }
    }
  }

  // MARK: JSON

  private static func renderJSON(_ runs: [Run], rows: Int, into out: inout [UInt8]) {
    guard rows > 0 else {
      out += Array("[]\n".utf8)
      return
    }
    out += Array("[\n".utf8)
    var account: [UInt8] = []
    var written = 0
    for run in runs {
      account.removeAll(keepingCapacity: true)
      account += JSONText.accountID
      appendJSONString(run.account.accountID, into: &account)
      account += JSONText.accountName
      appendJSONString(run.account.accountName, into: &account)
      account += JSONText.emailAddress
      appendJSONString(run.account.emailAddress, into: &account)
      account += JSONText.roleName
      for role in run.roles {
        written += 1
        out += account
        appendJSONString(role, into: &out)
        out += written < rows ? JSONText.rowEnd : JSONText.lastRowEnd
      }
    }
    out += Array("]\n".utf8)
  }

  private enum JSONText {
    static let accountID = Array("  {\"accountId\":".utf8)
    static let accountName = Array(",\"accountName\":".utf8)
    static let emailAddress = Array(",\"emailAddress\":".utf8)
    static let roleName = Array(",\"roleName\":".utf8)
    static let rowEnd = Array("},\n".utf8)
    static let lastRowEnd = Array("}\n".utf8)
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
