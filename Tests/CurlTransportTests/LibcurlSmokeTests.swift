import CurlTransport
import Testing

@Suite("libcurl smoke test")
struct LibcurlSmokeTests {
  @Test func linksAndReportsVersionAndTLS() {
    let info = LibcurlInfo.current
    // The version is "major.minor.patch", e.g. 7.88.1.
    let parts = info.version.split(separator: ".")
    #expect(parts.count >= 2)
    #expect(parts.allSatisfy { Int($0.prefix { $0.isNumber }) != nil })
    #expect(info.supportsTLS)
    #expect(info.sslVersion?.isEmpty == false)
  }
}
