import Testing

@testable import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program still open for writing somewhere ("Text file busy") is tried again, briefly.
struct BusyExecutableTests {
  @Test func aBusyProgramIsTriedAgainUntilItStarts() {
    var answers: [Int32] = [ETXTBSY, ETXTBSY, 0]
    var pauses = 0
    let result = BusyExecutable.retrying(pause: { pauses += 1 }, { answers.removeFirst() })
    #expect(result == 0)
    #expect(pauses == 2)
    #expect(answers.isEmpty)
  }

  @Test func anotherErrorIsReportedAtOnce() {
    var calls = 0
    let result = BusyExecutable.retrying(
      pause: { Issue.record("paused") },
      {
        calls += 1
        return ENOENT
      })
    #expect(result == ENOENT)
    #expect(calls == 1)
  }

  @Test func itGivesUpAfterTheLastAttempt() {
    var calls = 0
    var pauses = 0
    let result = BusyExecutable.retrying(
      pause: { pauses += 1 },
      {
        calls += 1
        return ETXTBSY
      })
    #expect(result == ETXTBSY)
    #expect(calls == BusyExecutable.attempts)
    #expect(pauses == BusyExecutable.attempts - 1)
  }
}
