/// Reads the `AuthnRequest` of a SAML HTTP-Redirect request (after inflating), as Entra reads
/// it: the root element's local name, its `ID`, `Version`, `IssueInstant`,
/// `AssertionConsumerServiceURL` and `ProtocolBinding`, and the `Issuer`. A small reader of
/// the fake's own (it does not depend on the engine, so it judges ssopick's request rather
/// than agreeing with it); it refuses document type declarations and unknown entities.
struct SAMLRequestReader {
  /// What the fake needs from the request.
  struct AuthnRequest: Equatable {
    var id: String?
    var version: String?
    var issueInstant: String?
    var assertionConsumerServiceURL: String?
    var protocolBinding: String?
    var issuer: String?
  }

  struct Failure: Error, Equatable {
    var reason: String
  }

  /// An element: its name, attributes, text and children.
  struct Element {
    var name: String
    var attributes: [String: String] = [:]
    var text = ""
    var children: [Element] = []

    var localName: Substring { name.split(separator: ":").last ?? Substring(name) }
  }

  static func read(_ bytes: [UInt8]) throws(Failure) -> AuthnRequest {
    var reader = SAMLRequestReader(text: Array(String(decoding: bytes, as: UTF8.self)))
    let root = try reader.document()
    guard root.localName == "AuthnRequest" else {
      throw Failure(reason: "the root element is \(root.name), not AuthnRequest")
    }
    return AuthnRequest(
      id: root.attributes["ID"], version: root.attributes["Version"],
      issueInstant: root.attributes["IssueInstant"],
      assertionConsumerServiceURL: root.attributes["AssertionConsumerServiceURL"],
      protocolBinding: root.attributes["ProtocolBinding"],
      issuer: root.children.first { $0.localName == "Issuer" }.map {
        $0.text.trimmingWhitespace()
      })
  }

  private let text: [Character]
  private var index = 0
  private var depth = 0

  private init(text: [Character]) {
    self.text = text
  }

  private func fail(_ reason: String) -> Failure { Failure(reason: "\(reason) at \(index)") }

  private func starts(with literal: String) -> Bool {
    let characters = Array(literal)
    guard index + characters.count <= text.count else { return false }
    return Array(text[index..<index + characters.count]) == characters
  }

  private mutating func skip(past literal: String) throws(Failure) {
    while index < text.count, !starts(with: literal) { index += 1 }
    guard index < text.count else { throw fail("unterminated markup") }
    index += literal.count
  }

  private mutating func skipSpace() {
    while index < text.count, text[index].isWhitespace { index += 1 }
  }

  private mutating func document() throws(Failure) -> Element {
    if index < text.count, text[index] == "\u{FEFF}" { index += 1 }
    while true {
      skipSpace()
      if starts(with: "<?") {
        try skip(past: "?>")
      } else if starts(with: "<!--") {
        try skip(past: "-->")
      } else if starts(with: "<!") {
        throw fail("a document type declaration")
      } else {
        break
      }
    }
    guard index < text.count, text[index] == "<" else { throw fail("no root element") }
    let root = try element()
    skipSpace()
    guard index == text.count else { throw fail("content after the root element") }
    return root
  }

  private mutating func name() throws(Failure) -> String {
    let start = index
    while index < text.count,
      text[index].isLetter || text[index].isNumber || "_:.-".contains(text[index])
    {
      index += 1
    }
    guard index > start else { throw fail("a name was expected") }
    return String(text[start..<index])
  }

  private mutating func element() throws(Failure) -> Element {
    depth += 1
    guard depth <= 32 else { throw fail("elements nested too deeply") }
    defer { depth -= 1 }
    index += 1  // "<"
    var element = Element(name: try name())
    while true {
      skipSpace()
      guard index < text.count else { throw fail("unterminated start tag") }
      if starts(with: "/>") {
        index += 2
        return element
      }
      if text[index] == ">" {
        index += 1
        break
      }
      let attribute = try name()
      skipSpace()
      guard index < text.count, text[index] == "=" else { throw fail("= expected") }
      index += 1
      skipSpace()
      guard index < text.count, text[index] == "\"" || text[index] == "'" else {
        throw fail("a quoted attribute value expected")
      }
      let quote = text[index]
      index += 1
      var value = ""
      while index < text.count, text[index] != quote {
        if text[index] == "<" { throw fail("< in an attribute value") }
        value.append(try character())
      }
      guard index < text.count else { throw fail("unterminated attribute value") }
      index += 1
      guard element.attributes[attribute] == nil else { throw fail("a repeated attribute") }
      element.attributes[attribute] = value
    }
    while true {
      guard index < text.count else { throw fail("unclosed element \(element.name)") }
      if starts(with: "</") {
        index += 2
        let closing = try name()
        guard closing == element.name else { throw fail("mismatched end tag") }
        skipSpace()
        guard index < text.count, text[index] == ">" else { throw fail("> expected") }
        index += 1
        return element
      } else if starts(with: "<!--") {
        try skip(past: "-->")
      } else if starts(with: "<![CDATA[") {
        index += 9
        while index < text.count, !starts(with: "]]>") {
          element.text.append(text[index])
          index += 1
        }
        try skip(past: "]]>")
      } else if starts(with: "<!") {
        throw fail("a declaration inside an element")
      } else if starts(with: "<?") {
        try skip(past: "?>")
      } else if text[index] == "<" {
        element.children.append(try self.element())
      } else {
        element.text.append(try character())
      }
    }
  }

  /// One character of content, with the predefined entities and character references.
  private mutating func character() throws(Failure) -> Character {
    guard text[index] == "&" else {
      index += 1
      return text[index - 1]
    }
    guard let end = text[index...].prefix(12).firstIndex(of: ";") else {
      throw fail("a bare &")
    }
    let entity = String(text[(index + 1)..<end])
    index = end + 1
    switch entity {
    case "amp": return "&"
    case "lt": return "<"
    case "gt": return ">"
    case "quot": return "\""
    case "apos": return "'"
    default:
      let digits = entity.dropFirst()
      let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
      guard entity.hasPrefix("#"), let value, let scalar = Unicode.Scalar(value) else {
        throw fail("an unknown entity")
      }
      return Character(scalar)
    }
  }
}

extension String {
  /// The text without leading and trailing white space.
  func trimmingWhitespace() -> String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
