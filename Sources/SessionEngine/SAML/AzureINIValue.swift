import Foundation

/// Values as aws-azure-login reads and writes them: with the npm `ini` package, whose rules
/// differ from botocore's in two ways that matter for these keys.
///
/// - Reading: a value in double quotes is a JSON string; one in single quotes loses them.
///   Otherwise an unescaped `;` or `#` starts a comment, and `\;`, `\#`, `\\` stand for `;`,
///   `#`, `\`. So aws-azure-login's own `azure_app_id_uri=https://signin.aws.amazon.com/saml\#2`
///   means `…/saml#2`, while a hand-written `…/saml#2` means `…/saml`.
/// - Writing: a value with `=`, a line break, a leading `[`, surrounding quotes or surrounding
///   white space is written as a JSON string; otherwise `;` and `#` are escaped.
///
/// ssopick reads the keys exactly as aws-azure-login does (the same file signs in to the same
/// app with either tool) and writes them so that both read what was meant.
enum AzureINIValue {
  /// What aws-azure-login reads from the botocore value `raw` (already stripped of the
  /// surrounding white space), and whether an unescaped `#` or `;` cut it short.
  static func decode(_ raw: String) -> (value: String, cutAtComment: Bool) {
    let text = PythonText.strip(raw)
    if isQuoted(text) {
      var inner = text
      if text.hasPrefix("'") { inner = String(text.dropFirst().dropLast()) }
      return (decodeJSONString(inner) ?? inner, false)
    }
    var output = ""
    var escaping = false
    var cut = false
    for character in text {
      if escaping {
        if character == "\\" || character == ";" || character == "#" {
          output.append(character)
        } else {
          output.append("\\")
          output.append(character)
        }
        escaping = false
      } else if character == ";" || character == "#" {
        cut = true
        break
      } else if character == "\\" {
        escaping = true
      } else {
        output.append(character)
      }
    }
    if escaping { output.append("\\") }
    return (PythonText.strip(output), cut)
  }

  /// `value` written so that aws-azure-login reads it back unchanged.
  static func encode(_ value: String) -> String {
    let needsJSON =
      value.contains("=") || value.contains("\r") || value.contains("\n") || value.hasPrefix("[")
      || (value.count > 1 && isQuoted(value)) || value != PythonText.strip(value)
    if needsJSON { return encodeJSONString(value) }
    return value.replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(
      of: "#", with: "\\#")
  }

  /// `"…"` or `'…'` (npm ini's `isQuoted`).
  static func isQuoted(_ text: String) -> Bool {
    guard text.count >= 2, let first = text.first, let last = text.last else { return false }
    return (first == "\"" && last == "\"") || (first == "'" && last == "'")
  }

  /// A JSON string literal's value, or `nil` when `text` is not one.
  static func decodeJSONString(_ text: String) -> String? {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
    var output = String.UnicodeScalarView()
    var index = 1
    var pendingHigh: UInt32?
    while index < scalars.count - 1 {
      let scalar = scalars[index]
      index += 1
      if scalar == "\"" || scalar.value < 0x20 { return nil }
      guard scalar == "\\" else {
        guard pendingHigh == nil else { return nil }
        output.append(scalar)
        continue
      }
      guard index < scalars.count - 1 else { return nil }
      let escape = scalars[index]
      index += 1
      switch escape {
      case "\"", "\\", "/": output.append(escape)
      case "b": output.append("\u{8}")
      case "f": output.append("\u{C}")
      case "n": output.append("\n")
      case "r": output.append("\r")
      case "t": output.append("\t")
      case "u":
        guard index + 4 <= scalars.count - 1,
          let code = UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16)
        else { return nil }
        index += 4
        if (0xD800...0xDBFF).contains(code) {
          pendingHigh = code
          continue
        }
        if let high = pendingHigh, (0xDC00...0xDFFF).contains(code) {
          pendingHigh = nil
          guard let combined = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
          else { return nil }
          output.append(combined)
          continue
        }
        guard pendingHigh == nil, let single = Unicode.Scalar(code) else { return nil }
        output.append(single)
      default: return nil
      }
    }
    guard pendingHigh == nil else { return nil }
    return String(output)
  }

  /// `value` as a JSON string literal (as `JSON.stringify` writes it).
  static func encodeJSONString(_ value: String) -> String {
    var output = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{8}": output += "\\b"
      case "\u{C}": output += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "\""
  }
}
