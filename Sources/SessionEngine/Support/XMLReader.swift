/// A small, strict XML reader for the answers of AWS query-protocol services (STS) and, later,
/// SAML documents. Not Foundation's `XMLParser`: that would link libxml2 into every ssopick
/// process at start-up (see DECISIONS.md), and these documents need little of XML.
///
/// What it reads: an optional byte-order mark and XML declaration, comments and processing
/// instructions, elements with attributes (names keep their prefix; ``Element/localName`` drops
/// it), character data with the five predefined entities and numeric character references,
/// and CDATA sections. What it refuses, with an ``XMLReaderError`` that says where: document
/// type declarations (so no entity can expand), unknown entities, mismatched or unclosed tags,
/// duplicate attributes, text outside the root element, bytes that are not UTF-8, characters
/// XML 1.0 does not allow, and documents deeper or larger than the limits.
public enum XMLReader {
  /// One element: its name, attributes, child elements and text.
  public struct Element: Sendable, Equatable {
    /// The name as written, e.g. `saml2:Attribute`.
    public var name: String
    /// The attributes in document order (names as written).
    public var attributes: [(name: String, value: String)]
    /// The child elements in document order.
    public var children: [Element]
    /// The character data directly inside this element (CDATA included), concatenated.
    public var text: String

    /// The name without its namespace prefix: `Attribute` for `saml2:Attribute`.
    public var localName: Substring {
      guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
      return name[name.index(after: colon)...]
    }

    /// The first child whose local name is `localName`.
    public func child(_ localName: String) -> Element? {
      children.first { $0.localName == localName }
    }

    /// Every child whose local name is `localName`.
    public func children(_ localName: String) -> [Element] {
      children.filter { $0.localName == localName }
    }

    /// The element at `path` (local names, one per level below this one).
    public func descendant(_ path: [String]) -> Element? {
      var current = self
      for name in path {
        guard let next = current.child(name) else { return nil }
        current = next
      }
      return current
    }

    /// The value of the first attribute whose local name is `localName`.
    public func attribute(_ localName: String) -> String? {
      attributes.first {
        let name = $0.name
        let local =
          name.lastIndex(of: ":").map { name[name.index(after: $0)...] } ?? Substring(name)
        return local == localName
      }?.value
    }

    /// Creates an element.
    public init(
      name: String, attributes: [(name: String, value: String)] = [], children: [Element] = [],
      text: String = ""
    ) {
      self.name = name
      self.attributes = attributes
      self.children = children
      self.text = text
    }

    /// Same name, text, children and attributes (in order).
    public static func == (lhs: Element, rhs: Element) -> Bool {
      lhs.name == rhs.name && lhs.text == rhs.text && lhs.children == rhs.children
        && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
        && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }
  }

  /// Bounds on what the reader accepts.
  public struct Limits: Sendable, Equatable {
    /// The largest document, in bytes.
    public var maxBytes: Int
    /// The deepest nesting of elements.
    public var maxDepth: Int
    /// The most elements in one document.
    public var maxElements: Int

    /// Creates limits; the defaults fit any STS answer and a large SAML response.
    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxElements: Int = 100_000) {
      self.maxBytes = maxBytes
      self.maxDepth = maxDepth
      self.maxElements = maxElements
    }
  }

  /// Reads the document in `bytes` and returns its root element.
  public static func parse(_ bytes: some Collection<UInt8>, limits: Limits = Limits())
    throws(XMLReaderError) -> Element
  {
    guard bytes.count <= limits.maxBytes else {
      throw XMLReaderError(
        offset: 0, problem: "the document is larger than \(limits.maxBytes) bytes")
    }
    var scanner = Scanner(bytes: Array(bytes), limits: limits)
    return try scanner.document()
  }

  /// Reads the document in `text`.
  public static func parse(_ text: String, limits: Limits = Limits()) throws(XMLReaderError)
    -> Element
  {
    try parse(Array(text.utf8), limits: limits)
  }
}

/// Why a document could not be read: where (a byte offset) and what was wrong. The message
/// never quotes the document, which may hold secrets.
public struct XMLReaderError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The byte offset of the problem.
  public var offset: Int
  /// What was wrong.
  public var problem: String

  /// Creates an error.
  public init(offset: Int, problem: String) {
    self.offset = offset
    self.problem = problem
  }

  /// "not well-formed XML at byte N: problem".
  public var description: String { "not well-formed XML at byte \(offset): \(problem)" }
}

extension XMLReader {
  fileprivate struct Scanner {
    let bytes: [UInt8]
    let limits: Limits
    var index = 0
    var elements = 0

    init(bytes: [UInt8], limits: Limits) {
      self.bytes = bytes
      self.limits = limits
    }

    func fail(_ problem: String, at offset: Int? = nil) -> XMLReaderError {
      XMLReaderError(offset: offset ?? index, problem: problem)
    }

    var atEnd: Bool { index >= bytes.count }

    func peek(_ literal: String) -> Bool {
      let utf8 = Array(literal.utf8)
      guard index + utf8.count <= bytes.count else { return false }
      return bytes[index..<index + utf8.count].elementsEqual(utf8)
    }

    mutating func expect(_ literal: String) throws(XMLReaderError) {
      guard peek(literal) else { throw fail("expected \"\(literal)\"") }
      index += literal.utf8.count
    }

    static func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    mutating func skipSpace() {
      while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    mutating func document() throws(XMLReaderError) -> Element {
      try validateText(0..<bytes.count)
      if peek("\u{FEFF}") { index += 3 }
      if peek("<?xml") {
        let end = try find("?>", from: index, what: "XML declaration")
        index = end + 2
      }
      try misc()
      guard !atEnd, bytes[index] == UInt8(ascii: "<") else {
        throw fail(atEnd ? "the document has no root element" : "text before the root element")
      }
      let root = try element(depth: 1)
      try misc()
      guard atEnd else { throw fail("content after the root element") }
      return root
    }

    /// Comments, processing instructions and white space between top-level items.
    mutating func misc() throws(XMLReaderError) {
      while true {
        skipSpace()
        if peek("<!--") {
          try comment()
        } else if peek("<!DOCTYPE") || peek("<!doctype") {
          throw fail("document type declarations are not accepted")
        } else if peek("<?") {
          index = try find("?>", from: index + 2, what: "processing instruction") + 2
        } else {
          return
        }
      }
    }

    mutating func comment() throws(XMLReaderError) {
      let end = try find("-->", from: index + 4, what: "comment")
      index = end + 3
    }

    func find(_ literal: String, from start: Int, what: String) throws(XMLReaderError) -> Int {
      let utf8 = Array(literal.utf8)
      var position = start
      while position + utf8.count <= bytes.count {
        if bytes[position] == utf8[0], bytes[position..<position + utf8.count].elementsEqual(utf8) {
          return position
        }
        position += 1
      }
      throw fail("unterminated \(what)", at: start)
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
      (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        || byte == 0x3A || byte >= 0x80
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
      isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
    }

    mutating func name() throws(XMLReaderError) -> String {
      let start = index
      guard !atEnd, Self.isNameStart(bytes[index]) else { throw fail("expected a name") }
      while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func element(depth: Int) throws(XMLReaderError) -> Element {
      guard depth <= limits.maxDepth else {
        throw fail("elements are nested deeper than \(limits.maxDepth)")
      }
      elements += 1
      guard elements <= limits.maxElements else {
        throw fail("more than \(limits.maxElements) elements")
      }
      try expect("<")
      var element = Element(name: try name())
      // Attributes, then `>` or `/>`.
      while true {
        let hadSpace = !atEnd && Self.isSpace(bytes[index])
        skipSpace()
        guard !atEnd else { throw fail("unterminated start tag") }
        if peek("/>") {
          index += 2
          return element
        }
        if bytes[index] == UInt8(ascii: ">") {
          index += 1
          break
        }
        guard hadSpace else { throw fail("expected white space before an attribute") }
        let attributeStart = index
        let attributeName = try name()
        skipSpace()
        try expect("=")
        skipSpace()
        let value = try attributeValue()
        guard !element.attributes.contains(where: { $0.name == attributeName }) else {
          throw fail("an attribute appears twice in one start tag", at: attributeStart)
        }
        element.attributes.append((attributeName, value))
      }
      // Content up to the matching end tag.
      var text: [UInt8] = []
      while true {
        guard !atEnd else { throw fail("an element is not closed") }
        let byte = bytes[index]
        if byte == UInt8(ascii: "<") {
          if peek("</") {
            index += 2
            let closeStart = index
            let closing = try name()
            guard closing == element.name else {
              throw fail("an end tag does not match its start tag", at: closeStart)
            }
            skipSpace()
            try expect(">")
            element.text = String(decoding: text, as: UTF8.self)
            return element
          } else if peek("<!--") {
            try comment()
          } else if peek("<![CDATA[") {
            let start = index + 9
            let end = try find("]]>", from: start, what: "CDATA section")
            text.append(contentsOf: bytes[start..<end])
            index = end + 3
          } else if peek("<!") {
            throw fail("declarations are not accepted inside an element")
          } else if peek("<?") {
            index = try find("?>", from: index + 2, what: "processing instruction") + 2
          } else {
            element.children.append(try self.element(depth: depth + 1))
          }
        } else if byte == UInt8(ascii: "&") {
          try reference(into: &text)
        } else {
          if byte == UInt8(ascii: ">"), index >= 2, bytes[index - 2] == UInt8(ascii: "]"),
            bytes[index - 1] == UInt8(ascii: "]")
          {
            throw fail("\"]]>\" in character data")
          }
          text.append(byte)
          index += 1
        }
      }
    }

    mutating func attributeValue() throws(XMLReaderError) -> String {
      guard !atEnd, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")
      else { throw fail("an attribute value must be quoted") }
      let quote = bytes[index]
      index += 1
      var value: [UInt8] = []
      while true {
        guard !atEnd else { throw fail("unterminated attribute value") }
        let byte = bytes[index]
        if byte == quote {
          index += 1
          return String(decoding: value, as: UTF8.self)
        }
        switch byte {
        case UInt8(ascii: "<"): throw fail("\"<\" in an attribute value")
        case UInt8(ascii: "&"): try reference(into: &value)
        // Attribute-value normalisation (XML 1.0 §3.3.3): white space becomes a space.
        case 0x09, 0x0A, 0x0D:
          value.append(0x20)
          index += 1
        default:
          value.append(byte)
          index += 1
        }
      }
    }

    /// `&name;` or `&#N;` / `&#xH;` at `index`, appended as UTF-8.
    mutating func reference(into output: inout [UInt8]) throws(XMLReaderError) {
      let start = index
      index += 1
      guard let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
        throw fail("\"&\" does not start an entity or character reference", at: start)
      }
      let body = String(decoding: bytes[index..<semicolon], as: UTF8.self)
      index = semicolon + 1
      switch body {
      case "lt": output.append(UInt8(ascii: "<"))
      case "gt": output.append(UInt8(ascii: ">"))
      case "amp": output.append(UInt8(ascii: "&"))
      case "apos": output.append(UInt8(ascii: "'"))
      case "quot": output.append(UInt8(ascii: "\""))
      default:
        guard body.hasPrefix("#") else {
          throw fail("an unknown entity (only the five predefined ones are read)", at: start)
        }
        let digits = body.dropFirst()
        let value =
          digits.hasPrefix("x")
          ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, !digits.isEmpty, !digits.contains("+"), !digits.contains("-"),
          let scalar = Unicode.Scalar(value), Self.isXMLCharacter(value)
        else {
          throw fail("a character reference to a character XML does not allow", at: start)
        }
        output.append(contentsOf: String(Character(scalar)).utf8)
      }
    }

    /// XML 1.0 `Char`: tab, line feed, carriage return, and everything from U+0020 except the
    /// surrogates and U+FFFE/U+FFFF.
    static func isXMLCharacter(_ value: UInt32) -> Bool {
      value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
        || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// The whole document must be UTF-8 of characters XML allows.
    func validateText(_ range: Range<Int>) throws(XMLReaderError) {
      var position = range.lowerBound
      var iterator = bytes[range].makeIterator()
      var decoder = UTF8()
      while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar):
          guard Self.isXMLCharacter(scalar.value) else {
            throw fail(
              "a character XML does not allow (U+\(String(scalar.value, radix: 16)))", at: position)
          }
          position += UTF8.width(scalar)
        case .emptyInput:
          return
        case .error:
          throw fail("bytes that are not UTF-8", at: position)
        }
      }
    }
  }
}
