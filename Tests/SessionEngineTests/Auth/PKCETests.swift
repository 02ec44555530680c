import SessionEngine
import Testing

struct PKCETests {
  @Test func matchesTheSpecVector() {
    let pair = PKCE(verifier: "Zt3kQ8vN1xLr7yPq0mWs4bJd9hTf2cGa6eUi5oKl8nRz3wXy1vBt7uMq0pLk9jHg")
    #expect(pair.challenge == "ZPK7gJDPcqsyv-W49YnPjXTf6orZfb_09wP8bx1-lJ8")
    #expect(pair.method == "S256")
  }

  @Test func freshVerifiersAre64UnreservedCharactersAndDiffer() {
    let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    let pairs = (0..<50).map { _ in PKCE() }
    for pair in pairs {
      #expect(pair.verifier.count == 64)
      #expect(pair.verifier.allSatisfy(allowed.contains))
      #expect(pair.challenge.count == 43)
    }
    #expect(Set(pairs.map(\.verifier)).count == 50)
  }
}
