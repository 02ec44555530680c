import Foundation
import PropertyBased
import Testing

@testable import SessionEngine

/// The catalog's case-insensitive order: its ASCII fast path agrees with Foundation.
@Suite("Catalog order")
struct CatalogOrderTests {
  /// Printable ASCII, with a few non-ASCII characters so the slow path is taken too.
  static let alphabet = Array(" !-./0189:@AZ[_`az{~") + ["é", "Ä", "Š"]
  static let words = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...6)

  @Test("for ASCII it is Foundation's case-insensitive comparison")
  func asciiAgreesWithFoundation() async {
    let ascii = Self.alphabet.count - 3
    let words = Gen.int(in: 0...(ascii - 1)).array(of: 0...6)
    await propertyCheck(count: 2_000, input: words, words) { left, right in
      let lhs = String(left.map { Self.alphabet[$0] })
      let rhs = String(right.map { Self.alphabet[$0] })
      #expect(
        Catalog.caseInsensitiveOrder(lhs, rhs) == lhs.compare(rhs, options: [.caseInsensitive]),
        "\(lhs.debugDescription) vs \(rhs.debugDescription)")
    }
  }

  @Test("it is a true order, with non-ASCII names too (Foundation's is not, on Linux)")
  func isATotalOrder() async {
    await propertyCheck(count: 2_000, input: Self.words, Self.words, Self.words) { a, b, c in
      let (x, y, z) = (
        String(a.map { Self.alphabet[$0] }), String(b.map { Self.alphabet[$0] }),
        String(c.map { Self.alphabet[$0] })
      )
      #expect(!(Catalog.nameOrder(x, y) && Catalog.nameOrder(y, x)))
      if Catalog.nameOrder(x, y), Catalog.nameOrder(y, z) { #expect(Catalog.nameOrder(x, z)) }
      #expect(
        Catalog.caseInsensitiveOrder(x, x.uppercased()) == .orderedSame || x != x.lowercased())
    }
    let names = ["São-Paulo/Db", "streaming-qa/Db", "Škofja-Loka/Support", "Sb"]
    #expect(names.shuffled().sorted(by: Catalog.nameOrder) == names.sorted(by: Catalog.nameOrder))
    #expect(
      names.sorted(by: Catalog.nameOrder) == [
        "São-Paulo/Db", "Sb", "streaming-qa/Db", "Škofja-Loka/Support",
      ])
  }

  @Test("names sort case-insensitively, ties broken by exact text")
  func nameOrder() {
    let sorted = ["b", "B", "_x", "a", "A", "Ab"].sorted(by: Catalog.nameOrder)
    #expect(sorted == ["_x", "A", "a", "Ab", "B", "b"])
  }
}
