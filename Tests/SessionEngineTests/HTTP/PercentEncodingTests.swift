import SessionEngine
import Testing

struct PercentEncodingTests {
  @Test func encodesEverythingButTheUnreservedSet() {
    #expect(PercentEncoding.encode("AAMA-EXAMPLE/page2+x=") == "AAMA-EXAMPLE%2Fpage2%2Bx%3D")
    #expect(PercentEncoding.encode("a b~c._-") == "a%20b~c._-")
    #expect(PercentEncoding.encode("é") == "%C3%A9")
    #expect(
      PercentEncoding.encode("http://127.0.0.1:49213/oauth/callback")
        == "http%3A%2F%2F127.0.0.1%3A49213%2Foauth%2Fcallback")
  }

  @Test func buildsQueriesInOrder() {
    #expect(
      PercentEncoding.query([("max_result", "100"), ("next_token", "a+b/c=")])
        == "max_result=100&next_token=a%2Bb%2Fc%3D")
  }

  @Test func decodesAndKeepsPlusSigns() {
    #expect(PercentEncoding.decode("a%2Bb+c%20d") == "a+b+c d")
    #expect(PercentEncoding.decode("%C3%A9") == "é")
    #expect(PercentEncoding.decode("%zz") == nil)
    #expect(PercentEncoding.decode("%C3") == nil)
  }
}
