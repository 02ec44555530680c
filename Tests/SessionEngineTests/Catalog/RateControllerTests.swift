import Foundation
import SessionEngine
import Testing

@Suite("RateController")
struct RateControllerTests {
  let t0 = Date(timeIntervalSince1970: 1_000_000)

  @Test func startsFastUpToTheCeilingThenWaitsForACompletion() {
    var controller = RateController(settings: .init(maxInFlight: 3, initialWindow: 3))
    for _ in 0..<3 {
      #expect(controller.startTime(now: t0) == t0)
      controller.didStart(at: t0)
    }
    #expect(controller.startTime(now: t0) == nil)
    controller.didComplete(sentAt: t0, outcome: .success, at: t0 + 0.03)
    #expect(controller.startTime(now: t0 + 0.03) == t0 + 0.03)
    #expect(controller.rate == nil)
  }

  @Test func aThrottleCutsToThreeTenthsBelowWhatTheServiceAcceptedOncePerRoundTrip() {
    var controller = RateController()
    // 20 accepted within the first half second, then everything in flight is throttled.
    for index in 0..<20 {
      let sent = t0 + Double(index) * 0.025
      controller.didStart(at: sent)
      controller.didComplete(sentAt: sent, outcome: .success, at: sent + 0.001)
    }
    var sentBeforeCut: [Date] = []
    for index in 0..<10 {
      let sent = t0 + 0.5 + Double(index) * 0.001
      controller.didStart(at: sent)
      sentBeforeCut.append(sent)
    }
    let first = controller.didComplete(
      sentAt: sentBeforeCut[0], outcome: .throttled(retryAfter: nil), at: t0 + 0.52)
    #expect(first)
    let rate = controller.rate ?? 0
    // 20 successes in the 0.52 s since the first start → 38.5/s accepted → 26.9/s after.
    #expect(abs(rate - 20 / 0.52 * 0.7) < 0.01)
    #expect(controller.window < 32)
    for sent in sentBeforeCut.dropFirst() {
      let cut = controller.didComplete(
        sentAt: sent, outcome: .throttled(retryAfter: nil), at: t0 + 0.53)
      #expect(!cut, "answers to calls sent before the cut must not cut again")
    }
    #expect(controller.decreases == 1)
    // A call sent after the cut and throttled cuts again.
    controller.didStart(at: t0 + 0.6)
    let again = controller.didComplete(sentAt: t0 + 0.6, outcome: .overloaded, at: t0 + 0.63)
    #expect(again)
    #expect(controller.decreases == 2)
    #expect((controller.rate ?? 99) < rate)
  }

  @Test func pacingSpacesStartsByOneOverTheRateWithoutBursts() throws {
    var controller = RateController(settings: .init(initialRate: 10))
    controller.didStart(at: t0)
    let second = try #require(controller.startTime(now: t0))
    #expect(abs(second.timeIntervalSince(t0) - 0.1) < 1e-6)
    // A start that wakes up 20 ms late does not delay the one after it.
    controller.didStart(at: t0 + 0.12)
    let third = try #require(controller.startTime(now: t0 + 0.12))
    #expect(abs(third.timeIntervalSince(t0) - 0.2) < 1e-6)
    // After an idle spell, no burst: the next start is at least 3/4 interval later.
    controller.didStart(at: t0 + 5)
    let later = try #require(controller.startTime(now: t0 + 5))
    #expect(later.timeIntervalSince(t0 + 5) >= 0.075 - 1e-6)
  }

  @Test func retryAfterPausesEveryStart() throws {
    var controller = RateController()
    controller.didStart(at: t0)
    controller.didComplete(
      sentAt: t0, outcome: .throttled(retryAfter: .seconds(3)), at: t0 + 0.1)
    let next = try #require(controller.startTime(now: t0 + 0.2))
    #expect(next >= t0 + 3.1 - 1e-9)
    // A longer Retry-After than the cap is cut to the cap (60 s).
    controller.didStart(at: t0 + 4)
    controller.didComplete(
      sentAt: t0 + 4, outcome: .throttled(retryAfter: .seconds(3_000)), at: t0 + 4)
    #expect(try #require(controller.pausedUntil) <= t0 + 64 + 1e-6)
  }

  @Test func backoffIsExponentialCappedAndJittered() {
    let controller = RateController(
      settings: .init(backoffBase: .milliseconds(100), backoffCap: .seconds(2)))
    #expect(controller.backoff(attempt: 1, jitter: 1) == .milliseconds(100))
    #expect(controller.backoff(attempt: 1, jitter: 0) == .milliseconds(50))
    #expect(controller.backoff(attempt: 3, jitter: 1) == .milliseconds(400))
    #expect(controller.backoff(attempt: 30, jitter: 1) == .seconds(2))
    #expect(controller.backoff(attempt: 30, jitter: 0.5) == .milliseconds(1_500))
  }

  @Test func slowStartDoublesTheWindowEveryRoundTripUpToTheCeiling() {
    var controller = RateController(settings: .init(maxInFlight: 32, initialWindow: 8))
    var now = t0
    var starts: [Int] = []
    for _ in 0..<4 {
      var started: [Date] = []
      while controller.startTime(now: now) == now {
        controller.didStart(at: now)
        started.append(now)
      }
      starts.append(started.count)
      now += 0.03
      for sent in started { controller.didComplete(sentAt: sent, outcome: .success, at: now) }
    }
    #expect(starts == [8, 16, 32, 32])
  }

  @Test func neutralAnswersReleaseTheSlotWithoutSlowingDown() {
    var controller = RateController(settings: .init(maxInFlight: 1))
    controller.didStart(at: t0)
    #expect(controller.startTime(now: t0) == nil)
    let cut = controller.didComplete(sentAt: t0, outcome: .neutral, at: t0 + 0.1)
    #expect(!cut)
    #expect(controller.startTime(now: t0 + 0.1) == t0 + 0.1)
    #expect(controller.rate == nil)
  }

  // MARK: Simulated against a token bucket

  @Test(
    "runs near any fixed limit with few 429s",
    arguments: [
      (5.0, 0.03, 5, 1.1), (20, 0.03, 20, 1.1), (20, 0.3, 20, 1.1), (100, 0.01, 100, 1.1),
      (20, 0.001, 20, 1.1), (25, 0.03, 2, 1.15),
      // A bucket without any burst punishes every bit of jitter: still 80% of the limit.
      (25, 0.03, 1, 1.25),
    ])
  func convergesUnderAFixedLimit(rps: Double, latency: Double, burst: Int, slack: Double) {
    let calls = Int(rps * 15) + burst
    var simulation = RateSimulation(limit: { _ in (rps, burst) }, calls: calls)
    simulation.latency = latency
    let result = simulation.run()
    let ideal = Double(calls - burst) / rps
    #expect(result.succeeded == calls)
    #expect(
      result.duration <= ideal * slack + latency,
      "took \(result.duration) s, ideal \(ideal) s")
    // Starting fast costs a few 429s; after that only the probes above the limit do.
    #expect(
      result.throttled <= calls / 10 + 32, "\(result.throttled) throttled of \(calls)")
    #expect(result.maxInFlight <= 32)
    // Once settled, the rate neither collapses nor runs away (it may probe above the limit
    // while the service's bucket drains).
    let settled = result.rates.filter { $0.time > 3 }.map { $0.rate ?? .infinity }
    #expect(settled.allSatisfy { $0 > rps * 0.5 && $0 < rps * 2 }, "\(settled.prefix(5))")
  }

  @Test func recoversAfterABurstOfThrottling() throws {
    // The service allows 10 calls/s for 5 s (a brown-out), then 1,000/s.
    var simulation = RateSimulation(
      limit: { time in time < 5 ? (10, 10) : (1_000, 1_000) }, calls: 3_000)
    simulation.latency = 0.02
    let result = simulation.run()
    #expect(result.succeeded == 3_000)
    // Once the brown-out ends the rate climbs back: the remaining 2,950 calls (3 s at the
    // new limit) take less than 8 s more, and it ends unpaced or above 500/s.
    #expect(result.duration < 13, "took \(result.duration) s")
    let last = try #require(result.rates.last)
    #expect((last.rate ?? .infinity) > 500, "ended at \(String(describing: last.rate))/s")
  }

  @Test func aThrottleWithoutAnySuccessStillSlowsDown() {
    var controller = RateController()
    for index in 0..<32 { controller.didStart(at: t0 + Double(index) * 0.001) }
    let cut = controller.didComplete(
      sentAt: t0, outcome: .throttled(retryAfter: nil), at: t0 + 0.05)
    #expect(cut)
    let rate = controller.rate ?? .infinity
    #expect(rate.isFinite && rate > 0)
    #expect(rate < 32 / 0.05)
  }
}

extension Date {
  fileprivate static func + (lhs: Date, rhs: Double) -> Date { lhs.addingTimeInterval(rhs) }
  fileprivate static func += (lhs: inout Date, rhs: Double) { lhs = lhs.addingTimeInterval(rhs) }
}
