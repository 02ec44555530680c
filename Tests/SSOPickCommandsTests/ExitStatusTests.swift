import SSOPickCommands
import Testing

@Suite("Exit statuses")
struct ExitStatusTests {
  @Test("the named statuses are fzf's numbers")
  func namedStatuses() {
    #expect(ExitStatus.success.rawValue == 0)
    #expect(ExitStatus.nothing.rawValue == 1)
    #expect(ExitStatus.error.rawValue == 2)
    #expect(ExitStatus.cancelled.rawValue == 130)
    #expect(ExitStatus.signal(15).rawValue == 143)
  }
}
