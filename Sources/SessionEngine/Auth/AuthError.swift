#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why signing in, refreshing or reading a login failed, in words a person can act on.
/// Messages never contain tokens, secrets or codes.
public enum AuthError: Error, Sendable, Equatable, CustomStringConvertible,
  RetryClassifiable
{
  /// A success response from the service could not be read.
  case malformedResponse(operation: String)
  /// The SSO service refused an operation.
  case service(operation: String, AWSServiceError)
  /// The SSO service could not be reached.
  case unreachable(operation: String, HTTPTransportError)
  /// The device code expired before the user approved it (or the service said so).
  case deviceCodeExpired
  /// The user (or policy) denied the sign-in.
  case accessDenied
  /// The browser came back with an `error` parameter.
  case authorizationFailed(error: String, description: String?)
  /// The browser came back with a `state` that is not ours.
  case stateMismatch
  /// Nobody answered in the browser within the time allowed.
  case browserTimedOut(minutes: Int)
  /// The loopback listener for the browser's answer could not be started.
  case callbackListener(errno: Int32)
  /// There is no usable sign-in and this command may not start one.
  case notSignedIn(session: String, loginCommand: String)
  /// The sign-in could not be renewed because the service kept failing or could not be
  /// reached (not because it ended): trying again later may work.
  case refreshUnavailable(session: String, reason: String)

  /// `error` as an `AuthError` for `operation` when it came from the service or the
  /// network; other errors (cancellation, our own) pass through unchanged.
  public static func wrapping(_ error: any Error, operation: String) -> any Error {
    switch error {
    case let error as AWSServiceError: AuthError.service(operation: operation, error)
    case let error as HTTPTransportError: AuthError.unreachable(operation: operation, error)
    default: error
    }
  }

  /// The service's or the network's class for calls that reached (or tried to reach) it;
  /// every other sign-in failure is permanent.
  public var failureClass: FailureClass {
    switch self {
    case .service(_, let error): error.failureClass
    case .unreachable(_, let error): error.failureClass
    default: .permanent
    }
  }

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .malformedResponse(let operation):
      return "The SSO service answered \(operation) with a response ssopick cannot read."
    case .service(let operation, let error):
      return "The SSO service refused \(operation): \(error)."
    case .unreachable(let operation, let error):
      return "Could not reach the SSO service for \(operation) (\(error)). "
        + "Check your network, proxy settings and the sso_region of the session."
    case .deviceCodeExpired:
      return "The pending sign-in expired before it was approved. Run `ssopick login` again."
    case .accessDenied:
      return "The sign-in was denied. Run `ssopick login` again if that was a mistake."
    case .authorizationFailed(let error, let detail):
      let suffix = detail.map { ": \($0)" } ?? ""
      return "The browser sign-in failed (\(error)\(suffix)). Run `ssopick login` again, "
        + "or `ssopick login --use-device-code` to sign in from another device."
    case .stateMismatch:
      return "The browser answered with a sign-in that ssopick did not start (state mismatch); "
        + "it was ignored. Run `ssopick login` again."
    case .browserTimedOut(let minutes):
      return "No answer from the browser within \(minutes) minutes. Run `ssopick login` again, "
        + "or `ssopick login --use-device-code` if the browser is on another machine."
    case .callbackListener(let code):
      return
        "Could not listen on 127.0.0.1 for the browser's answer (\(String(cString: strerror(code)))). "
        + "Use `ssopick login --use-device-code`."
    case .notSignedIn(let session, let command):
      return "Not signed in to \(session) (or the sign-in expired). Run `\(command)`."
    case .refreshUnavailable(let session, let reason):
      return "Could not renew the sign-in to \(session): \(reason) The sign-in itself has not "
        + "ended; try again in a moment."
    }
  }
}
