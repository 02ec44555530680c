/// Why a portal call failed, in words a person can act on. Never contains a token.
public enum PortalError: Error, Sendable, Equatable, CustomStringConvertible,
  RetryClassifiable
{
  /// The access token was refused (expired, revoked or unknown): sign in again.
  case unauthorized(operation: String)
  /// The service refused the call (throttled, not found, forbidden, server error...).
  case service(operation: String, AWSServiceError)
  /// The service could not be reached.
  case unreachable(operation: String, HTTPTransportError)
  /// A success response could not be read.
  case malformedResponse(operation: String)

  /// The service error behind this failure, if it was one.
  public var serviceError: AWSServiceError? {
    if case .service(_, let error) = self { return error }
    return nil
  }

  /// The service's or the network's class; an unreadable answer is permanent.
  public var failureClass: FailureClass {
    switch self {
    case .unauthorized: .unauthorized
    case .service(_, let error): error.failureClass
    case .unreachable(_, let error): error.failureClass
    case .malformedResponse: .permanent
    }
  }

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .unauthorized:
      "The SSO session has expired or was signed out. Run `ssopick login`."
    case .service(let operation, let error):
      "The SSO portal refused \(operation): \(error)."
    case .unreachable(let operation, let error):
      "Could not reach the SSO portal for \(operation) (\(error)). "
        + "Check your network, proxy settings and the sso_region of the session."
    case .malformedResponse(let operation):
      "The SSO portal answered \(operation) with a response ssopick cannot read."
    }
  }
}
