import Foundation

/// A small JSON value with an exact, fast writer: members keep their order, `/` is never
/// escaped (Foundation's encoders write `\/` on Linux), non-ASCII is written as UTF-8, and
/// pre-rendered fragments (`raw`) let the portal pages be assembled from cached text.
/// Reading goes through `JSONSerialization`.
enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])
  /// Already-serialised JSON text, written as is.
  case raw(String)

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.serialized() == rhs.serialized()
  }

  func serialized() -> String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .double(let value): out += String(value)
    case .string(let value): JSONValue.writeString(value, to: &out)
    case .raw(let text): out += text
    case .array(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (index, member) in members.enumerated() {
        if index > 0 { out += "," }
        JSONValue.writeString(member.0, to: &out)
        out += ":"
        member.1.write(to: &out)
      }
      out += "}"
    }
  }

  static func writeString(_ text: String, to out: inout String) {
    out += "\""
    // Fast path: most strings need no escaping at all.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
      out += text
      out += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  static func quoted(_ text: String) -> String {
    var out = ""
    writeString(text, to: &out)
    return out
  }

  // MARK: Reading

  /// Parses `data` as a JSON value; nil when it is not JSON.
  static func parse(_ data: Data) -> JSONValue? {
    guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return nil }
    return JSONValue(foundation: object)
  }

  init?(foundation object: Any) {
    switch object {
    case is NSNull: self = .null
    case let value as String: self = .string(value)
    case let value as [Any]:
      var items: [JSONValue] = []
      for item in value {
        guard let converted = JSONValue(foundation: item) else { return nil }
        items.append(converted)
      }
      self = .array(items)
    case let value as [String: Any]:
      var members: [(String, JSONValue)] = []
      for key in value.keys.sorted() {
        guard let item = value[key], let converted = JSONValue(foundation: item) else {
          return nil
        }
        members.append((key, converted))
      }
      self = .object(members)
    case let value as NSNumber:
      if isBoolean(value) {
        self = .bool(value.boolValue)
      } else if let exact = Int64(exactly: value.doubleValue),
        value.doubleValue.rounded() == value.doubleValue
      {
        self = .int(exact)
      } else {
        self = .double(value.doubleValue)
      }
    default: return nil
    }
  }

  subscript(_ key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  var intValue: Int64? {
    switch self {
    case .int(let value): return value
    case .double(let value): return Int64(exactly: value)
    default: return nil
    }
  }

  var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  /// An array made only of strings, or nil.
  var stringArray: [String]? {
    guard let items = arrayValue else { return nil }
    let strings = items.compactMap(\.stringValue)
    return strings.count == items.count ? strings : nil
  }
}

/// Tells a JSON boolean from a number: `JSONSerialization` gives `NSNumber` for both, and
/// reports booleans with the Objective-C type "c" (char); numbers parsed from JSON never are.
private func isBoolean(_ number: NSNumber) -> Bool {
  String(cString: number.objCType) == "c"
}
