import DequeModule
public import Foundation

/// The one brake and accelerator every request of a catalog listing goes through, so that
/// the listing runs at the portal's real limit, whatever it is, without failing.
///
/// Two limits act together, both adapted from what the service answers:
/// - a **concurrency window** (requests in flight), at most `Settings.maxInFlight`;
/// - a **sending rate** (requests started per second), unlimited until the service first
///   throttles. Requests are spaced evenly, never in bursts (a strict token bucket may
///   allow no burst at all).
///
/// On a throttle (HTTP 429) or an overload sign (5xx, timeout) the controller cuts both
/// multiplicatively (by `decreaseFactor`) — but only once per round trip: answers to
/// requests sent before the last cut say nothing new, so they do not cut again. The first
/// cut starts from the *measured* success rate (what the service accepted lately), so it
/// lands near the real limit instead of halving blindly from "unlimited"; later cuts start
/// from the paced rate that was just too much (bounded by twice the accepted rate). On success the rate grows back
/// along TCP CUBIC's curve (as the AWS SDKs' "adaptive" retry mode does): quickly at first,
/// flat near the rate that was throttled, then probing upwards — which keeps the average
/// close to the limit with few 429s. The window grows by one per window of successes.
///
/// `Retry-After` pauses every start until it has passed. Each failed request waits its own
/// exponential backoff with jitter (`backoff(attempt:jitter:)`) before it is retried.
///
/// A pure value: every method takes the time, nothing sleeps, so tests drive it with a
/// simulated clock.
public struct RateController: Sendable {
  /// The knobs. The defaults suit the AWS SSO portal.
  public struct Settings: Sendable, Equatable {
    /// The most requests in flight at once (the window's ceiling), ≥ 1.
    public var maxInFlight: Int
    /// The window to start with; it grows by one per success (doubling every round trip,
    /// TCP's slow start) until the first throttle or the ceiling.
    public var initialWindow: Int
    /// The starting rate, requests per second; `nil` starts unpaced ("start fast").
    public var initialRate: Double?
    /// The rate never drops below this, requests per second.
    public var minimumRate: Double
    /// The multiplicative decrease (0 < β < 1).
    public var decreaseFactor: Double
    /// CUBIC's scale `C` relative to the rate at the last cut, per second³: how fast the rate
    /// regrows. Relative, so that the curve has the same shape at 5 and at 500 requests/s.
    public var cubicScale: Double
    /// A rate above this counts as unlimited (pacing switches off).
    public var unpacedAbove: Double
    /// The first retry waits about this long (then 2×, 4×, …).
    public var backoffBase: Duration
    /// No single backoff is longer than this.
    public var backoffCap: Duration
    /// A `Retry-After` longer than this is cut to it.
    public var maxRetryAfter: Duration
    /// How far back successes count when measuring the accepted rate.
    public var measurementWindow: Duration

    /// Creates settings; every parameter has the default described on its property.
    public init(
      maxInFlight: Int = 32, initialWindow: Int = 8, initialRate: Double? = nil,
      minimumRate: Double = 0.2,
      decreaseFactor: Double = 0.7, cubicScale: Double = 0.4, unpacedAbove: Double = 2_000,
      backoffBase: Duration = .milliseconds(100), backoffCap: Duration = .seconds(20),
      maxRetryAfter: Duration = .seconds(60), measurementWindow: Duration = .seconds(1)
    ) {
      self.maxInFlight = max(1, maxInFlight)
      self.initialWindow = min(max(1, initialWindow), self.maxInFlight)
      self.initialRate = initialRate
      self.minimumRate = minimumRate
      self.decreaseFactor = decreaseFactor
      self.cubicScale = cubicScale
      self.unpacedAbove = unpacedAbove
      self.backoffBase = backoffBase
      self.backoffCap = backoffCap
      self.maxRetryAfter = maxRetryAfter
      self.measurementWindow = measurementWindow
    }
  }

  /// How a request ended, as far as the controller cares.
  public enum Outcome: Sendable, Equatable {
    /// The service answered the request (any 2xx).
    case success
    /// The service throttled it (429 / TooManyRequests / Throttling), maybe with
    /// `Retry-After`.
    case throttled(retryAfter: Duration?)
    /// The service looked overloaded (5xx, timeout).
    case overloaded
    /// Anything else (4xx, 401, network down, cancelled): no signal about load.
    case neutral
  }

  /// The settings in use.
  public let settings: Settings
  /// Requests started and not yet completed.
  public private(set) var inFlight = 0
  /// The concurrency window, 1...`maxInFlight` (fractional while it grows).
  public private(set) var window: Double
  /// The sending rate in requests per second, or `nil` while unpaced.
  public private(set) var rate: Double?
  /// No request starts before this (`Retry-After`).
  public private(set) var pausedUntil: Date?
  /// How many times the controller has cut the rate.
  public private(set) var decreases = 0

  private var theoreticalArrival: Date?
  private var lastDecrease: Date?
  private var rateAtDecrease = 0.0
  private var firstStart: Date?
  private var successes = Deque<Date>()
  private var starts = Deque<Date>()

  /// A controller with `settings`, at full speed.
  public init(settings: Settings = Settings()) {
    self.settings = settings
    window = Double(settings.initialWindow)
    rate = settings.initialRate
  }

  /// When the next request may start: `now` or later for pacing or a pause, `nil` while
  /// the window is full (wait for a completion).
  public func startTime(now: Date) -> Date? {
    guard inFlight < max(1, Int(window)) else { return nil }
    var earliest = now
    if let pausedUntil, pausedUntil > earliest { earliest = pausedUntil }
    if rate != nil, let theoreticalArrival, theoreticalArrival > earliest {
      earliest = theoreticalArrival
    }
    return earliest
  }

  /// Records that a request started at `now`.
  public mutating func didStart(at now: Date) {
    inFlight += 1
    if firstStart == nil { firstStart = now }
    starts.append(now)
    trim(&starts, now: now)
    if let rate {
      // The next start is one interval after this one was due: a start that woke up a
      // little late (up to a quarter interval) does not push every later start back, so
      // the rate holds; after an idle spell nothing accumulates (no burst).
      let interval = 1 / rate
      let due = max(theoreticalArrival ?? now, now.addingTimeInterval(-interval / 4))
      theoreticalArrival = due.addingTimeInterval(interval)
    }
  }

  /// Records how a request started at `sentAt` ended at `now`. Returns `true` when this
  /// answer made the controller slow down.
  @discardableResult
  public mutating func didComplete(sentAt: Date, outcome: Outcome, at now: Date) -> Bool {
    inFlight = max(0, inFlight - 1)
    switch outcome {
    case .success:
      successes.append(now)
      trim(&successes, now: now)
      // Slow start until the first cut, then one more per window of successes.
      let step = decreases == 0 ? 1 : 1 / max(1, window)
      window = min(Double(settings.maxInFlight), window + step)
      regrow(now: now)
      return false
    case .throttled(let retryAfter):
      if let retryAfter, retryAfter > .zero {
        let until = now.addingTimeInterval(min(retryAfter, settings.maxRetryAfter).inSeconds)
        if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
      }
      return decrease(sentAt: sentAt, now: now)
    case .overloaded:
      return decrease(sentAt: sentAt, now: now)
    case .neutral:
      return false
    }
  }

  /// The wait before retry number `attempt` (1 for the first retry): `backoffBase × 2^(attempt-1)`,
  /// at most `backoffCap`, scaled by `0.5 + jitter / 2` ("equal jitter"; `jitter` in 0..<1)
  /// so that retries of requests throttled together spread out.
  public func backoff(attempt: Int, jitter: Double) -> Duration {
    let exponent = Double(min(max(attempt, 1) - 1, 30))
    let full = min(settings.backoffBase.inSeconds * pow(2, exponent), settings.backoffCap.inSeconds)
    let scaled = full * (0.5 + min(max(jitter, 0), 1) / 2)
    return .milliseconds(Int64((scaled * 1000).rounded()))
  }

  /// Requests the service accepted per second, lately.
  public func measuredSuccessRate(now: Date) -> Double {
    rate(of: successes, now: now)
  }

  // MARK: Adapting

  private mutating func decrease(sentAt: Date, now: Date) -> Bool {
    if let lastDecrease, sentAt < lastDecrease { return false }
    let accepted = measuredSuccessRate(now: now)
    let sending = rate(of: starts, now: now)
    var base: Double
    if let rate {
      // Paced: the rate that was just too much (CUBIC's W_max) — unless the service
      // accepted far less lately, which a measurement over the last second shows.
      base = accepted > 0 ? min(rate, 2 * accepted) : rate
    } else if accepted > 0 {
      // Unpaced (the first throttle): start from what the service accepted.
      base = accepted
    } else if sending > 0 {
      base = sending
    } else {
      base = settings.minimumRate / settings.decreaseFactor
    }
    rateAtDecrease = base
    rate = max(settings.minimumRate, base * settings.decreaseFactor)
    window = max(1, window * settings.decreaseFactor)
    lastDecrease = now
    theoreticalArrival = max(theoreticalArrival ?? now, now)
    decreases += 1
    return true
  }

  /// CUBIC: W(t) = W_max + C (t − K)³ with K = ∛(W_max (1 − β) / C) and C = `cubicScale` ×
  /// W_max, capped at twice what the service accepts lately (so a long quiet spell does not
  /// license a flood).
  private mutating func regrow(now: Date) {
    guard let lastDecrease, rate != nil else { return }
    let elapsed = now.timeIntervalSince(lastDecrease)
    let scale = settings.cubicScale * rateAtDecrease
    let k = cbrt(rateAtDecrease * (1 - settings.decreaseFactor) / scale)
    let cubic = rateAtDecrease + scale * pow(elapsed - k, 3)
    let cap = max(2 * measuredSuccessRate(now: now), rateAtDecrease)
    let next = max(settings.minimumRate, min(cubic, cap))
    if next >= settings.unpacedAbove {
      rate = nil
      theoreticalArrival = nil
    } else {
      rate = next
    }
  }

  // MARK: Measuring

  private func rate(of events: Deque<Date>, now: Date) -> Double {
    guard let firstStart, !events.isEmpty else { return 0 }
    let window = settings.measurementWindow.inSeconds
    let cutoff = now.addingTimeInterval(-window)
    var stale = 0
    for event in events {
      guard event <= cutoff else { break }
      stale += 1
    }
    let count = events.count - stale
    // Early in a listing the window is not full yet: divide by the time that has passed.
    let span = min(window, max(0.05, now.timeIntervalSince(firstStart)))
    return Double(count) / span
  }

  private func trim(_ events: inout Deque<Date>, now: Date) {
    let cutoff = now.addingTimeInterval(-settings.measurementWindow.inSeconds)
    while let first = events.first, first <= cutoff { events.removeFirst() }
  }
}

extension Duration {
  /// The duration in seconds as a `Double`.
  var inSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
