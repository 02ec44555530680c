import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// ssopick's raw DEFLATE encoder, judged by zlib (Python's `zlib.decompress(data, -15)`).
@Suite("RawDeflate")
struct RawDeflateTests {
  /// Inputs that exercise literals of both fixed-code lengths, short and maximal matches,
  /// overlapping matches, distances across the whole window and incompressible data.
  static func inputs() -> [String: [UInt8]] {
    var generator = SystemRandomNumberGenerator()
    let request = SAMLAuthnRequest(
      issuer: "https://signin.aws.amazon.com/saml#2",
      assertionConsumerServiceURL: "http://localhost:53124/saml/acs",
      issueInstant: Date(timeIntervalSince1970: 1_796_284_800))
    var window: [UInt8] = []
    let phrase = Array("The quick brown fox jumps over the lazy dog. ".utf8)
    while window.count < 70_000 {
      window += phrase
      window += (0..<37).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
    return [
      "empty": [],
      "one byte": [0x41],
      "authn request": Array(request.xml.utf8),
      "every byte value": Array(0...255) + Array((0...255).reversed()),
      "a long run": [UInt8](repeating: 0x61, count: 5_000),
      "random": (0..<10_000).map { _ in UInt8.random(in: 0...255, using: &generator) },
      "more than the window": window,
    ]
  }

  @Test func zlibInflatesWhatItCompresses() async throws {
    let cases = Self.inputs()
    var lines: [String] = []
    for (name, bytes) in cases.sorted(by: { $0.key < $1.key }) {
      lines.append(
        name.replacingOccurrences(of: " ", with: "_") + " "
          + Data(RawDeflate.compress(bytes)).base64EncodedString() + " "
          + Data(bytes).base64EncodedString())
    }
    let script = """
      import base64, sys, zlib
      for line in open(sys.argv[1]).read().split("\\n"):
          if not line:
              continue
          name, compressed, original = (line.split(" ") + ["", ""])[:3]
          data = zlib.decompress(base64.b64decode(compressed), -15)
          print(name, "ok" if data == base64.b64decode(original) else "DIFFERENT")
      """
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rawdeflate-\(UUID().uuidString).txt")
    try lines.joined(separator: "\n").write(to: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: path) }
    let output = try await Python.check(
      script, arguments: [path.path], environment: ["PYTHONDONTWRITEBYTECODE": "1"])
    for name in cases.keys {
      #expect(output.contains("\(name.replacingOccurrences(of: " ", with: "_")) ok"), "\(output)")
    }
  }

  @Test func anAuthnRequestShrinksToAboutHalf() throws {
    let xml = try #require(Self.inputs()["authn request"])
    let compressed = RawDeflate.compress(xml)
    #expect(compressed.count * 10 < xml.count * 7, "\(compressed.count) of \(xml.count) bytes")
    #expect(RawDeflate.compress([UInt8](repeating: 0, count: 100_000)).count < 1_000)
  }
}
