import Foundation

/// What a failed call means for retrying it.
public enum FailureClass: Sendable, Equatable {
  /// The service is throttling (429, `TooManyRequestsException`, `ThrottlingException`,
  /// `SlowDownException` outside the device-code poll): wait and try again.
  case throttled(retryAfter: Duration?)
  /// A failure that may pass (5xx, a timeout, a refused or reset connection): try again.
  case transient(retryAfter: Duration?)
  /// The credentials were refused (401): renew them once, then try again.
  case unauthorized
  /// Trying again cannot help (4xx, an unreadable answer, TLS).
  case permanent
  /// The caller gave up.
  case cancelled

  /// Whether waiting and trying again may succeed.
  public var isRetryable: Bool {
    switch self {
    case .throttled, .transient: true
    case .unauthorized, .permanent, .cancelled: false
    }
  }

  /// How long the service asked to wait, if it did.
  public var retryAfter: Duration? {
    switch self {
    case .throttled(let after), .transient(let after): after
    case .unauthorized, .permanent, .cancelled: nil
    }
  }
}

/// An error that knows whether retrying can help. Every error a service client throws
/// conforms, so one policy decides for the portal, OIDC and STS alike.
public protocol RetryClassifiable: Error {
  /// What this failure means for a retry.
  var failureClass: FailureClass { get }
}

/// The one retry policy for calls to AWS (portal, OIDC, STS): which failures are retried
/// (``FailureClass``), how many attempts, the backoff between them (exponential with full
/// jitter, at least the server's `Retry-After`), how long one attempt may take, and a total
/// deadline after which the operation fails with a message that says so.
///
/// The catalog loader applies the same rules to its many concurrent calls (with its own
/// pacing on top); single calls go through ``run(_:time:jitter:isolation:_:)``.
///
/// The defaults make a service that never answers fail within ``deadline`` (30 s): attempts
/// of at most 10 s each, retried while time is left.
public struct RetryPolicy: Sendable, Equatable {
  /// Attempts in all, the first included.
  public var maxAttempts: Int
  /// The backoff ceiling of the first retry; it doubles with each further one.
  public var baseDelay: Duration
  /// The longest backoff.
  public var maxDelay: Duration
  /// The longest one attempt may take before it is abandoned (and counted as a timeout).
  public var attemptTimeout: Duration
  /// The longest the whole operation may take, retries included; for a listing of many
  /// calls, the longest the service may go without answering anything.
  public var deadline: Duration
  /// For a listing, the longest the service may throttle every call before the listing
  /// fails (it is answering, only slowly: longer than `deadline`).
  public var throttlingDeadline: Duration

  /// Creates a policy; the defaults are 5 attempts, backoff from 0.5 s up to 20 s, 10 s per
  /// attempt, 30 s in all (2 minutes of nothing but throttling for a listing).
  public init(
    maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500),
    maxDelay: Duration = .seconds(20), attemptTimeout: Duration = .seconds(10),
    deadline: Duration = .seconds(30), throttlingDeadline: Duration = .seconds(120)
  ) {
    self.throttlingDeadline = throttlingDeadline
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.attemptTimeout = attemptTimeout
    self.deadline = deadline
  }

  /// The defaults.
  public static let standard = RetryPolicy()

  /// The pause before retry number `retry` (1 for the first retry): a random share
  /// (`jitter` in 0..<1) of `baseDelay · 2^(retry−1)`, capped at `maxDelay`, and never less
  /// than the server's `Retry-After`.
  public func backoff(retry: Int, retryAfter: Duration?, jitter: Double) -> Duration {
    let exponent = Double(max(0, min(retry - 1, 30)))
    let ceiling = min(maxDelay.inSeconds, baseDelay.inSeconds * pow(2, exponent))
    let drawn = ceiling * min(max(jitter, 0), 1)
    let wait = max(drawn, retryAfter?.inSeconds ?? 0)
    return .milliseconds(Int64((wait * 1000).rounded(.up)))
  }

  /// What `error` means for a retry: its own ``RetryClassifiable/failureClass``, or
  /// `.cancelled` for cancellation and `.permanent` for anything else.
  public static func classify(_ error: any Error) -> FailureClass {
    if error is CancellationError { return .cancelled }
    if let error = error as? any RetryClassifiable { return error.failureClass }
    return .permanent
  }

  /// Runs `body` until it succeeds, retrying throttled and transient failures with backoff
  /// while attempts and time are left. Each attempt is abandoned after `attemptTimeout`.
  ///
  /// - Throws: the last error when it is not retryable, ``RetryError/exhausted`` when every
  ///   attempt failed, ``RetryError/deadlineExceeded`` when time ran out.
  public func run<T>(
    _ operation: RetryOperation, time: any TimeSource, jitter: @Sendable () -> Double,
    isolation: isolated (any Actor)? = #isolation,
    _ body: () async throws -> sending T
  ) async throws -> sending T {
    let start = time.now
    var attempt = 1
    while true {
      let elapsed = Duration.seconds(time.now.timeIntervalSince(start))
      let left = deadline - elapsed
      let failure: any Error
      do {
        return try await Deadline.run(
          min(attemptTimeout, max(left, .zero)), time: time, body)
      } catch let error as Deadline.Expired {
        failure = RetryError.attemptTimedOut(operation: operation, after: error.after)
      } catch {
        failure = error
      }
      let kind = Self.classify(failure)
      guard kind.isRetryable else { throw failure }
      guard attempt < maxAttempts else {
        throw RetryError.exhausted(operation: operation, attempts: attempt, last: failure)
      }
      let pause = backoff(retry: attempt, retryAfter: kind.retryAfter, jitter: jitter())
      let spent = Duration.seconds(time.now.timeIntervalSince(start))
      guard spent + pause < deadline else {
        throw RetryError.deadlineExceeded(
          operation: operation, seconds: Int(deadline.inSeconds.rounded()), attempts: attempt,
          last: failure)
      }
      try await time.sleep(for: pause)
      attempt += 1
    }
  }
}

/// The service and operation a retried call is for, for messages.
public struct RetryOperation: Sendable, Equatable, CustomStringConvertible {
  /// The service as a person knows it: "the SSO portal", "the SSO service", "STS".
  public var service: String
  /// The API operation, e.g. `GetRoleCredentials`.
  public var name: String

  /// Creates a value.
  public init(service: String, name: String) {
    self.service = service
    self.name = name
  }

  /// "NAME at SERVICE".
  public var description: String { "\(name) (\(service))" }
}

/// Why a retried operation gave up.
public enum RetryError: Error, Sendable, CustomStringConvertible, RetryClassifiable {
  /// One attempt took longer than the policy allows (it is retried like any timeout).
  case attemptTimedOut(operation: RetryOperation, after: Duration)
  /// Every attempt failed with a retryable error; `last` is the last one.
  case exhausted(operation: RetryOperation, attempts: Int, last: any Error)
  /// The total deadline passed before an attempt succeeded.
  case deadlineExceeded(operation: RetryOperation, seconds: Int, attempts: Int, last: any Error)

  /// A timed-out attempt is retried like any timeout; a policy that gave up is final.
  public var failureClass: FailureClass {
    switch self {
    case .attemptTimedOut: .transient(retryAfter: nil)
    case .exhausted, .deadlineExceeded: .permanent
    }
  }

  /// The last underlying error, if any.
  public var underlying: (any Error)? {
    switch self {
    case .attemptTimedOut: nil
    case .exhausted(_, _, let last), .deadlineExceeded(_, _, _, let last): last
    }
  }

  /// What happened, with the last failure and what to do.
  public var description: String {
    switch self {
    case .attemptTimedOut(let operation, let after):
      return "\(operation.service) did not answer \(operation.name) within "
        + "\(Int(after.inSeconds.rounded())) s."
    case .exhausted(let operation, let attempts, let last):
      return "\(Self.sentence(operation.service)) kept failing \(operation.name) "
        + "(\(attempts) attempts); the last answer: \(Self.summary(last)) Try again in a moment."
    case .deadlineExceeded(let operation, let seconds, let attempts, let last):
      return "\(Self.sentence(operation.service)) did not complete \(operation.name) within "
        + "\(seconds) s (\(attempts) attempt\(attempts == 1 ? "" : "s")); the last answer: "
        + "\(Self.summary(last)) Check your network and proxy settings, or try again later."
    }
  }

  private static func sentence(_ service: String) -> String {
    guard let first = service.first else { return service }
    return first.uppercased() + service.dropFirst()
  }

  private static func summary(_ error: any Error) -> String {
    let text = String(describing: error)
    return text.hasSuffix(".") ? text : text + "."
  }
}

/// Runs work against a deadline on an injected clock: whichever finishes first — the work
/// or the clock's sleep — decides, and the other is cancelled. Tests drive the clock, so a
/// service that never answers times out without anyone waiting.
public enum Deadline {
  /// The work did not finish within `after`.
  public struct Expired: Error, Sendable, Equatable {
    /// The time the work was given.
    public var after: Duration
  }

  /// The result of `body`, or ``Expired`` once `limit` has passed on `time`.
  public static func run<T>(
    _ limit: Duration, time: any TimeSource, isolation: isolated (any Actor)? = #isolation,
    _ body: () async throws -> sending T
  ) async throws -> sending T {
    try await withoutActuallyEscaping(body) { body in
      let work = UnsafeSendableBox(body)
      return try await withThrowingTaskGroup(of: Outcome<T>.self, isolation: isolation) { group in
        group.addTask { .value(UnsafeSendableBox(try await work.value())) }
        group.addTask {
          try await time.timeout(after: limit)
          return .expired
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        switch first {
        case .value(let box): return box.value
        case .expired: throw Expired(after: limit)
        }
      }
    }
  }

  private enum Outcome<T>: @unchecked Sendable {
    case value(UnsafeSendableBox<T>)
    case expired
  }
}

/// Carries a value across a task boundary that the compiler cannot prove safe. Used only
/// by ``Deadline``: the work closure runs in exactly one child task and its result is taken
/// by exactly one caller.
struct UnsafeSendableBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
