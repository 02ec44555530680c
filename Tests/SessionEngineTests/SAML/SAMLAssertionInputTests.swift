import Foundation
import SessionEngine
import Testing

@Suite("SAMLAssertionInput: pasted, from a file or from standard input")
struct SAMLAssertionInputTests {
  static let xml = SAMLResponseTests.xml()
  static let base64 = Data(xml.utf8).base64EncodedString()

  @Test func rawBase64WrappedOrNot() throws {
    #expect(try SAMLAssertionInput.parse(Self.base64).encoded == Self.base64)
    var wrapped = ""
    for (index, character) in Self.base64.enumerated() {
      if index > 0, index % 76 == 0 { wrapped += "\r\n" }
      wrapped.append(character)
    }
    #expect(try SAMLAssertionInput.parse("\n  " + wrapped + "\n").encoded == Self.base64)
    #expect(
      try SAMLAssertionInput.parse(PercentEncoding.encode(Self.base64)).encoded == Self.base64)
  }

  @Test func aFormBodyAsDevtoolsShowsIt() throws {
    let encoded = PercentEncoding.encode(Self.base64)
    let input = try SAMLAssertionInput.parse("SAMLResponse=\(encoded)&RelayState=a+b%2Fc")
    #expect(input.encoded == Self.base64)
    #expect(input.relayState == "a b/c")
    // The decoded view keeps the base64 `+` as it is.
    let decoded = try SAMLAssertionInput.parse("RelayState=x&SAMLResponse=\(Self.base64)\n")
    #expect(decoded.encoded == Self.base64 && decoded.relayState == "x")
    #expect(try SAMLResponse.parse(encoded: decoded.encoded).roles.count == 2)
  }

  @Test func theDecodedXML() throws {
    let input = try SAMLAssertionInput.parse("\n" + Self.xml + "\n")
    #expect(Data(base64Encoded: input.encoded) == Data(Self.xml.utf8))
    #expect(try SAMLAssertionInput.parse(Data(Self.xml.utf8)).encoded == input.encoded)
  }

  @Test func anythingElseIsRefusedWithoutQuotingIt() {
    for text in ["", "   ", "hello world", "SAMLResponse=%%%", "abc=def="] {
      do {
        _ = try SAMLAssertionInput.parse(text)
        Issue.record("accepted \(text)")
      } catch {
        guard case .unreadableInput(let reason) = error else {
          Issue.record("\(error)")
          continue
        }
        #expect(text.isEmpty || text == "   " || !reason.contains(text))
      }
    }
    #expect(throws: SAMLError.unreadableInput(reason: "it is not UTF-8 text")) {
      try SAMLAssertionInput.parse(Data([0xFF, 0xFE, 0x00]))
    }
    #expect(!SAMLAssertionInput(encoded: Self.base64).description.contains(Self.base64))
  }
}
