import Foundation
import SessionEngine

/// A discrete-event simulation of one client (a `RateController` and a queue of identical
/// calls) against a server with a token-bucket rate limit, all in virtual time: it shows how
/// the controller behaves over minutes of traffic in microseconds of test time, and it is
/// deterministic (the jitter comes from a seeded generator).
struct RateSimulation {
  /// The server's limit at a given (virtual) second, `nil` for none.
  var limit: @Sendable (Double) -> (rps: Double, burst: Int)?
  /// Time from start to answer, seconds.
  var latency: Double = 0.03
  /// Calls to make.
  var calls: Int
  var settings = RateController.Settings()
  var seed: UInt64 = 42

  struct Result {
    /// When the last call succeeded, seconds.
    var duration: Double
    var throttled: Int
    var succeeded: Int
    /// Most calls in flight at once.
    var maxInFlight: Int
    /// The controller's rate after each success (time, rate; `nil` rate = unpaced).
    var rates: [(time: Double, rate: Double?)]
    var sleeps: [Duration]
    /// When the controller cut its rate: (time, rate before, rate after).
    var cuts: [(time: Double, before: Double?, after: Double?)] = []
  }

  func run() -> Result {
    var controller = RateController(settings: settings)
    var random = SplitMix(seed: seed)
    let epoch = Date(timeIntervalSince1970: 0)
    var now = 0.0
    var queue = calls  // calls ready to start
    var completions: [(at: Double, sentAt: Double, ok: Bool, attempt: Int)] = []
    var retries: [(at: Double, attempt: Int)] = []
    var tokens = Double(limit(0)?.burst ?? 0)
    var bucketTime = 0.0
    var result = Result(
      duration: 0, throttled: 0, succeeded: 0, maxInFlight: 0, rates: [], sleeps: [])

    func admit(at time: Double) -> Bool {
      guard let current = limit(time) else { return true }
      tokens = min(Double(current.burst), tokens + (time - bucketTime) * current.rps)
      bucketTime = time
      guard tokens >= 1 else { return false }
      tokens -= 1
      return true
    }

    var readyAttempts: [Int] = []  // attempts of requeued calls waiting in the queue (front)
    while result.succeeded < calls {
      // Start everything that may start now.
      while queue + readyAttempts.count > 0,
        let start = controller.startTime(now: epoch.addingTimeInterval(now)),
        start.timeIntervalSince(epoch) <= now + 1e-9
      {
        let attempt = readyAttempts.isEmpty ? 0 : readyAttempts.removeFirst()
        if attempt == 0 { queue -= 1 }
        controller.didStart(at: epoch.addingTimeInterval(now))
        let ok = admit(at: now + latency / 2)
        completions.append((now + latency, now, ok, attempt))
        result.maxInFlight = max(result.maxInFlight, controller.inFlight)
      }
      // Advance to the next event.
      var next = Double.infinity
      if let first = completions.map(\.at).min() { next = min(next, first) }
      if let first = retries.map(\.at).min() { next = min(next, first) }
      if queue + readyAttempts.count > 0,
        let start = controller.startTime(now: epoch.addingTimeInterval(now))
      {
        next = min(next, start.timeIntervalSince(epoch))
      }
      guard next.isFinite else { break }
      now = max(now, next)
      // Completions due.
      let due = completions.filter { $0.at <= now + 1e-12 }
      completions.removeAll { $0.at <= now + 1e-12 }
      for completion in due {
        let sentAt = epoch.addingTimeInterval(completion.sentAt)
        let at = epoch.addingTimeInterval(completion.at)
        if completion.ok {
          controller.didComplete(sentAt: sentAt, outcome: .success, at: at)
          result.succeeded += 1
          result.duration = completion.at
          result.rates.append((completion.at, controller.rate))
        } else {
          let before = controller.rate
          let cut = controller.didComplete(
            sentAt: sentAt, outcome: .throttled(retryAfter: nil), at: at)
          if cut { result.cuts.append((completion.at, before, controller.rate)) }
          result.throttled += 1
          let wait = controller.backoff(attempt: completion.attempt + 1, jitter: random.unit())
          result.sleeps.append(wait)
          retries.append((completion.at + wait.inSecondsForTests, completion.attempt + 1))
        }
      }
      // Retries whose backoff is over go back to the front.
      let ready = retries.filter { $0.at <= now + 1e-12 }
      retries.removeAll { $0.at <= now + 1e-12 }
      readyAttempts += ready.map(\.attempt)
    }
    return result
  }
}

/// A small seeded generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// A number in 0..<1.
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension Duration {
  var inSecondsForTests: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
