public import Foundation

/// Reading an organisation from a JSON file.
///
/// Schema (UTF-8 JSON):
///
///     {"accounts": [
///       {"accountId": "012345678901",            // required, exactly 12 digits, unique
///        "accountName": "Zürich Analytics",      // optional string
///        "emailAddress": "aws-zurich@acme.example", // optional string, 1–254 characters
///        "roles": ["AdministratorAccess", "ReadOnlyAccess"]} // required, may be empty;
///     ]}                                         // names 1–64 of [A-Za-z0-9+=,.@_-], unique
///
/// Unknown members are rejected so that typos do not pass silently. Accounts and roles are
/// served in file order.
extension Organisation {
  /// Reads and validates the organisation file at `url`.
  public static func load(from url: URL) throws -> Organisation {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw FakeIdentityCenterError.organisationFileUnreadable(
        path: url.path, reason: error.localizedDescription)
    }
    return try parse(data, path: url.path)
  }

  /// Parses an organisation document; `path` names it in error messages.
  public static func parse(_ data: Data, path: String) throws -> Organisation {
    func invalid(_ line: Int?, _ reason: String) -> FakeIdentityCenterError {
      .organisationFileInvalid(path: path, line: line, reason: reason)
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
      throw invalid(nil, "not valid JSON (\(detail ?? error.localizedDescription))")
    }
    guard let top = object as? [String: Any] else {
      throw invalid(1, "the top level must be an object with an \"accounts\" array")
    }
    if let unknown = top.keys.sorted().first(where: { $0 != "accounts" }) {
      throw invalid(nil, "unknown top-level member \"\(unknown)\"")
    }
    guard let list = top["accounts"] as? [Any] else {
      throw invalid(nil, "\"accounts\" must be an array")
    }
    let lines = accountLines(in: data)
    var accounts: [Account] = []
    var seen = Set<String>()
    for (index, item) in list.enumerated() {
      let line = index < lines.count ? lines[index] : nil
      let account = try parseAccount(item, index: index) { invalid(line, $0) }
      guard seen.insert(account.accountId).inserted else {
        throw invalid(line, "accountId \(account.accountId) appears twice")
      }
      accounts.append(account)
    }
    return Organisation(accounts: accounts)
  }

  private static let accountKeys: Set<String> = [
    "accountId", "accountName", "emailAddress", "roles",
  ]

  private static func parseAccount(
    _ item: Any, index: Int, _ invalid: (String) -> FakeIdentityCenterError
  ) throws -> Account {
    let label = "account #\(index + 1)"
    guard let fields = item as? [String: Any] else {
      throw invalid("\(label) must be an object")
    }
    if let unknown = fields.keys.sorted().first(where: { !accountKeys.contains($0) }) {
      throw invalid("\(label) has an unknown member \"\(unknown)\"")
    }
    guard let accountId = fields["accountId"] as? String, isAccountID(accountId) else {
      throw invalid("\(label) needs \"accountId\": a string of exactly 12 digits")
    }
    let name = try optionalString(fields["accountName"], "\(label) accountName", invalid)
    let email = try optionalString(fields["emailAddress"], "\(label) emailAddress", invalid)
    if let email, email.isEmpty || email.count > 254 {
      throw invalid("\(label) emailAddress must be 1–254 characters")
    }
    guard let roles = fields["roles"] as? [Any] else {
      throw invalid("\(label) needs \"roles\": an array of role names (may be empty)")
    }
    var names: [String] = []
    for role in roles {
      guard let roleName = role as? String, isRoleName(roleName) else {
        throw invalid(
          "\(label) has a role name that is not 1–64 characters of A-Z a-z 0-9 + = , . @ _ -")
      }
      guard !names.contains(roleName) else {
        throw invalid("\(label) lists role \(roleName) twice")
      }
      names.append(roleName)
    }
    return Account(accountId: accountId, accountName: name, emailAddress: email, roles: names)
  }

  private static func optionalString(
    _ value: Any?, _ label: String, _ invalid: (String) -> FakeIdentityCenterError
  ) throws -> String? {
    guard let value, !(value is NSNull) else { return nil }
    guard let text = value as? String else { throw invalid("\(label) must be a string") }
    return text
  }

  static func isAccountID(_ text: String) -> Bool {
    text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  static func isRoleName(_ text: String) -> Bool {
    let allowed = Set("+=,.@_-".utf8)
    return !text.isEmpty && text.utf8.count <= 64
      && text.utf8.allSatisfy {
        ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
          || allowed.contains($0)
      }
  }

  /// The 1-based line on which each element of the top-level "accounts" array starts, found by
  /// a small scan that skips string contents (JSONSerialization reports no positions).
  static func accountLines(in data: Data) -> [Int] {
    var lines: [Int] = []
    var line = 1
    var depth = 0
    var inString = false
    var escaped = false
    var expectingElement = false
    for byte in data {
      if byte == UInt8(ascii: "\n") { line += 1 }
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      let isSpace = byte == 32 || byte == 9 || byte == 10 || byte == 13
      if depth == 2, expectingElement, !isSpace, byte != UInt8(ascii: "]") {
        lines.append(line)
        expectingElement = false
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        if depth == 2 { expectingElement = true }
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: ","): if depth == 2 { expectingElement = true }
      default: break
      }
    }
    return lines
  }
}
