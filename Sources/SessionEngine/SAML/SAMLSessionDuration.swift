public import Foundation

/// How long to ask STS's AssumeRoleWithSAML for (spec §12.6), and the one retry when the role
/// does not allow that long.
public enum SAMLSessionDuration {
  /// STS's shortest session, seconds.
  public static let minimumSeconds = 900
  /// STS's longest session, seconds (12 hours).
  public static let maximumSeconds = 43_200
  /// What to ask for after STS said the duration exceeds the role's `MaxSessionDuration`:
  /// one hour, which every role allows.
  public static let fallbackSeconds = 3600

  /// `DurationSeconds` for a sign-in: `requestedHours` (`--duration-hours`), else
  /// `defaultHours` (`azure_default_duration_hours`), times 3600, capped by the assertion's
  /// `SessionDuration` attribute and by the time left until its `SessionNotOnOrAfter`, and
  /// kept within 900–43200. `nil` when neither is given: STS's default (one hour).
  public static func durationSeconds(
    requestedHours: Int?, defaultHours: Int?, sessionDuration: Int?, sessionNotOnOrAfter: Date?,
    now: Date
  ) -> Int? {
    guard let hours = requestedHours ?? defaultHours else { return nil }
    var seconds = min(max(hours, 0), maximumSeconds / 3600) * 3600
    if let sessionDuration { seconds = min(seconds, sessionDuration) }
    if let sessionNotOnOrAfter {
      seconds = min(seconds, Int(sessionNotOnOrAfter.timeIntervalSince(now).rounded(.down)))
    }
    return min(max(seconds, minimumSeconds), maximumSeconds)
  }

  /// ``durationSeconds(requestedHours:defaultHours:sessionDuration:sessionNotOnOrAfter:now:)``
  /// with the profile's default and the response's limits.
  public static func durationSeconds(
    requestedHours: Int?, profile: SAMLProfile?, response: SAMLResponse, now: Date
  ) -> Int? {
    durationSeconds(
      requestedHours: requestedHours, defaultHours: profile?.defaultDurationHours,
      sessionDuration: response.sessionDuration,
      sessionNotOnOrAfter: response.sessionNotOnOrAfter, now: now)
  }

  /// Whether `error` is STS's `ValidationError` "The requested DurationSeconds exceeds the
  /// MaxSessionDuration set for this role."
  public static func exceedsMaxSessionDuration(_ error: any Error) -> Bool {
    guard case .invalidRequest(_, let code, let message) = error as? STSError else { return false }
    return code == "ValidationError" && message.contains("MaxSessionDuration")
  }

  /// The duration to retry with once after `error`, or `nil` when there is no point: only
  /// for ``exceedsMaxSessionDuration(_:)`` after asking for more than an hour.
  public static func retrySeconds(after error: any Error, requested: Int?) -> Int? {
    guard exceedsMaxSessionDuration(error), let requested, requested > fallbackSeconds else {
      return nil
    }
    return fallbackSeconds
  }
}
