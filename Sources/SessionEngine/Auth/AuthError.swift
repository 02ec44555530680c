/// Why signing in, refreshing or reading a login failed, in words a person can act on.
/// Messages never contain tokens, secrets or codes.
public enum AuthError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A success response from the service could not be read.
  case malformedResponse(operation: String)

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .malformedResponse(let operation):
      "The SSO service answered \(operation) with a response ssopick cannot read."
    }
  }
}
