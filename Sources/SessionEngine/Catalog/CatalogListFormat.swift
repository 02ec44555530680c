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
    var out: [UInt8] = []
    out.reserveCapacity(entries.count * 80 + 4)
    switch self {
    case .text: Self.renderText(entries, into: &out)
    case .tsv: Self.renderTSV(entries, into: &out)
    case .json: Self.renderJSON(entries, into: &out)
    }
    return out
  }

  // MARK: Text

  private static func renderText(_ entries: [CatalogEntry], into out: inout [UInt8]) {
    var nameWidth = 0
    var idWidth = 0
    var lastID: String?
    for entry in entries where entry.account.accountID != lastID {
      lastID = entry.account.accountID
      nameWidth = max(nameWidth, DisplayWidth.ofEscaped(entry.account.accountName))
      idWidth = max(idWidth, DisplayWidth.ofEscaped(entry.account.accountID))
    }
    for entry in entries {
      let name = appendShown(entry.account.accountName, into: &out)
      pad(nameWidth - name + 2, into: &out)
      let id = appendShown(entry.account.accountID, into: &out)
      pad(idWidth - id + 2, into: &out)
      _ = appendShown(entry.roleName, into: &out)
      out.append(0x0A)
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
        out += String(scalar).utf8
        width += DisplayWidth.of(scalar)
      }
    }
    return width
  }

  private static func pad(_ count: Int, into out: inout [UInt8]) {
    if count > 0 { out += repeatElement(0x20, count: count) }
  }

  // MARK: TSV

  private static func renderTSV(_ entries: [CatalogEntry], into out: inout [UInt8]) {
    for entry in entries {
      appendTSVField(entry.account.accountName, into: &out)
      out.append(0x09)
      appendTSVField(entry.account.accountID, into: &out)
      out.append(0x09)
      appendTSVField(entry.roleName, into: &out)
      out.append(0x09)
      appendTSVField(entry.account.emailAddress, into: &out)
      out.append(0x0A)
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

  private static func renderJSON(_ entries: [CatalogEntry], into out: inout [UInt8]) {
    guard !entries.isEmpty else {
      out += Array("[]\n".utf8)
      return
    }
    out += Array("[\n".utf8)
    for (index, entry) in entries.enumerated() {
      out += Array("  {\"accountId\":".utf8)
      appendJSONString(entry.account.accountID, into: &out)
      out += Array(",\"accountName\":".utf8)
      appendJSONString(entry.account.accountName, into: &out)
      out += Array(",\"emailAddress\":".utf8)
      appendJSONString(entry.account.emailAddress, into: &out)
      out += Array(",\"roleName\":".utf8)
      appendJSONString(entry.roleName, into: &out)
      out += index + 1 < entries.count ? Array("},\n".utf8) : Array("}\n".utf8)
    }
    out += Array("]\n".utf8)
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
