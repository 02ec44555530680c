import Foundation
import SessionEngine
import Testing

@Suite("SAMLSessionDuration")
struct SAMLSessionDurationTests {
  static let now = Date(timeIntervalSince1970: 1_796_284_800)

  func seconds(
    _ requested: Int?, _ profile: Int?, attribute: Int? = nil, sessionEnd: TimeInterval? = nil
  ) -> Int? {
    SAMLSessionDuration.durationSeconds(
      requestedHours: requested, defaultHours: profile, sessionDuration: attribute,
      sessionNotOnOrAfter: sessionEnd.map { Self.now.addingTimeInterval($0) }, now: Self.now)
  }

  @Test func hoursCappedByTheAssertion() {
    #expect(seconds(nil, nil, attribute: 28_800) == nil, "nothing asked: STS's default")
    #expect(seconds(nil, 8) == 28_800)
    #expect(seconds(2, 8) == 7200, "the flag wins over the profile")
    #expect(seconds(12, nil, attribute: 28_800) == 28_800)
    #expect(seconds(12, nil, attribute: 28_800, sessionEnd: 5_000) == 5_000)
    #expect(seconds(1, nil, sessionEnd: 60) == 900, "never below STS's minimum")
    #expect(seconds(40, nil) == 43_200)
  }

  @Test func theMaxSessionDurationRefusalIsRecognised() {
    let refusal = STSError.invalidRequest(
      operation: "AssumeRoleWithSAML", code: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
    #expect(SAMLSessionDuration.exceedsMaxSessionDuration(refusal))
    #expect(SAMLSessionDuration.retrySeconds(after: refusal, requested: 28_800) == 3600)
    #expect(SAMLSessionDuration.retrySeconds(after: refusal, requested: 3600) == nil)
    #expect(SAMLSessionDuration.retrySeconds(after: refusal, requested: nil) == nil)
    let other = STSError.invalidRequest(
      operation: "AssumeRoleWithSAML", code: "ValidationError", message: "1 validation error")
    #expect(!SAMLSessionDuration.exceedsMaxSessionDuration(other))
    #expect(!SAMLSessionDuration.exceedsMaxSessionDuration(CancellationError()))
  }
}
