import FakeIdentityCenter
import Foundation
import LoopbackServer
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Starting the fake")
struct StartTests {
  @Test func aBusyPortIsReportedWithTheReason() async throws {
    let first = try HTTPServer { _ in HTTPServer.Response(status: 200) }
    let center = try Fixture.center()
    do {
      try await center.start(port: first.port)
      Issue.record("start on a busy port succeeded")
    } catch let error as FakeIdentityCenterError {
      #expect(error.description.contains("Address already in use"))
      #expect(error.description.contains("port 0"))
    }
    #expect(center.baseURL == nil)
    await first.stop()
  }
}
