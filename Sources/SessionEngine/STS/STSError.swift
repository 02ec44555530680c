public import Foundation

/// Why an STS call failed, in words a person can act on. Server text is shown through
/// ``UntrustedText``; no message ever holds a key, token or signature.
public enum STSError: Error, Sendable, Equatable, CustomStringConvertible, RetryClassifiable {
  /// `ExpiredToken`: the credentials have expired. `expiredAt` is their expiry when known,
  /// `now` the time of the call.
  case expiredCredentials(operation: String, expiredAt: Date?, now: Date)
  /// `InvalidClientTokenId`: STS does not know the access key, or the session token is missing
  /// or does not belong to it.
  case unknownAccessKey(operation: String)
  /// `MissingAuthenticationToken`: the request carried no signature.
  case missingAuthentication(operation: String)
  /// `SignatureDoesNotMatch`. `clockSkew` is the server's time minus this computer's (from the
  /// response's `Date` header), when known.
  case signatureMismatch(operation: String, clockSkew: TimeInterval?, message: String)
  /// `AccessDenied`: `caller` may not do the operation on `resource` (both quoted from STS's
  /// message when it names them: "User: <caller> is not authorized to perform: sts:AssumeRole
  /// on resource: <resource>").
  case accessDenied(operation: String, caller: String?, resource: String?, message: String)
  /// `ValidationError` and the other codes for a request STS will not accept as sent.
  case invalidRequest(operation: String, code: String, message: String)
  /// AssumeRoleWithSAML refused the assertion itself: `ExpiredTokenException` (too late),
  /// `InvalidIdentityToken` (not validated: altered, or the IAM SAML provider's metadata is
  /// not the IdP's) or `IDPRejectedClaim`.
  case samlAssertionRefused(code: String, message: String)
  /// A parameter that STS would refuse, found before sending.
  case invalidParameter(operation: String, name: String, reason: String)
  /// Any other error answer (throttling, server errors, …).
  case service(operation: String, AWSServiceError)
  /// STS could not be reached.
  case unreachable(operation: String, HTTPTransportError)
  /// A success (or error) answer that could not be read.
  case malformedResponse(operation: String, reason: String)

  /// The operation that failed, e.g. `AssumeRole`.
  public var operation: String {
    switch self {
    case .samlAssertionRefused: "AssumeRoleWithSAML"
    case .expiredCredentials(let operation, _, _), .unknownAccessKey(let operation),
      .missingAuthentication(let operation), .signatureMismatch(let operation, _, _),
      .accessDenied(let operation, _, _, _), .invalidRequest(let operation, _, _),
      .invalidParameter(let operation, _, _), .service(let operation, _),
      .unreachable(let operation, _), .malformedResponse(let operation, _):
      operation
    }
  }

  /// The STS error code behind this failure, when STS answered with one.
  public var code: String? {
    switch self {
    case .expiredCredentials: "ExpiredToken"
    case .unknownAccessKey: "InvalidClientTokenId"
    case .missingAuthentication: "MissingAuthenticationToken"
    case .signatureMismatch: "SignatureDoesNotMatch"
    case .accessDenied: "AccessDenied"
    case .invalidRequest(_, let code, _): code
    case .samlAssertionRefused(let code, _): code
    case .service(_, let error): error.code
    case .invalidParameter, .unreachable, .malformedResponse: nil
    }
  }

  /// Throttling and server errors may pass, as may a network failure; the rest is final.
  public var failureClass: FailureClass {
    switch self {
    case .service(_, let error):
      // STS never answers 401; a refused credential is an error code, not a renewal.
      error.failureClass == .unauthorized ? .permanent : error.failureClass
    case .unreachable(_, let error): error.failureClass
    default: .permanent
    }
  }

  /// A clock difference smaller than this is latency and rounding, not a wrong clock.
  public static let meaningfulSkew: TimeInterval = 60

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .expiredCredentials(let operation, let expiredAt, let now):
      let when =
        expiredAt.map {
          " at \(AWSTimestamp.format($0)) (\(Self.span(now.timeIntervalSince($0))) ago)"
        } ?? ""
      return "STS refused \(operation): the credentials expired\(when). Get new ones: run the "
        + "command that made them again (for an IAM Identity Center role, `ssopick export` "
        + "fetches fresh role credentials; `ssopick login` first if the sign-in has ended)."
    case .unknownAccessKey(let operation):
      return "STS refused \(operation): it does not know the access key (InvalidClientTokenId). "
        + "The credentials were revoked, are for another partition, or the session token is "
        + "missing or belongs to other keys. Get new credentials."
    case .missingAuthentication(let operation):
      return "STS refused \(operation): the request was not signed "
        + "(MissingAuthenticationToken). It needs credentials."
    case .signatureMismatch(let operation, let skew, let message):
      let head =
        "STS refused \(operation): the request signature does not match "
        + "(SignatureDoesNotMatch\(Self.quoted(message)))."
      if let skew, abs(skew) >= Self.meaningfulSkew {
        return head + " This computer's clock is \(Self.span(abs(skew))) "
          + (skew > 0 ? "behind" : "ahead of") + " STS's. Set the clock right "
          + "(turn on network time) and try again."
      }
      if skew != nil {
        return head + " The clock agrees with STS's, so the secret access key does not belong "
          + "to the access key: get new credentials."
      }
      return head + " Check that this computer's clock is right and that the secret access key "
        + "belongs to the access key."
    case .accessDenied(let operation, let caller, let resource, let message):
      if operation == "AssumeRoleWithSAML" {
        return "STS denied AssumeRoleWithSAML (AccessDenied\(Self.quoted(message))). The role's "
          + "trust policy does not allow this SAML provider, or not the assertion's recipient as "
          + "SAML:aud: with the loopback mode it must allow http://localhost:*/saml/acs "
          + "(StringLike) besides https://signin.aws.amazon.com/saml."
      }
      if let caller, let resource {
        return "\(UntrustedText.escaped(caller)) may not "
          + (operation == "AssumeRole" ? "assume" : "call \(operation) on") + " "
          + "\(UntrustedText.escaped(resource)) (AccessDenied). The role's trust policy does not "
          + "allow this caller, or asks for an external id or MFA that was not given; check the "
          + "role ARN, or ask the role's owner to trust the caller."
      }
      return "STS denied \(operation) (AccessDenied\(Self.quoted(message)))."
    case .invalidRequest(let operation, let code, let message):
      var text = "STS refused \(operation) (\(UntrustedText.escaped(code))\(Self.quoted(message)))."
      if message.contains("role chaining") {
        text +=
          " A role assumed with role credentials lasts at most 1 hour: ask for 3600 "
          + "seconds or less."
      }
      return text
    case .samlAssertionRefused(let code, let message):
      let head =
        "STS refused the SAML assertion (\(UntrustedText.escaped(code))\(Self.quoted(message)))."
      switch code {
      case "ExpiredTokenException":
        return head + " Assertions last about 5 minutes: sign in again and use the new one at once."
      case "InvalidIdentityToken":
        return head + " It was changed after the identity provider signed it, or the SAML "
          + "provider in IAM holds other metadata than the identity provider's: check the "
          + "provider ARN, or ask an administrator to update the provider's metadata."
      default:
        return head
          + " Ask an administrator to check the app's claims and the role's SAML provider."
      }
    case .invalidParameter(let operation, let name, let reason):
      return "\(operation): \(name) \(reason)."
    case .service(let operation, let error):
      let text = UntrustedText.escaped(error.description)
      switch error.failureClass {
      case .throttled:
        return "STS is throttling \(operation): \(text). Try again in a moment."
      case .transient:
        return "STS failed \(operation) on its side: \(text). Try again in a moment."
      default:
        return "STS refused \(operation): \(text)."
      }
    case .unreachable(let operation, let error):
      return "Could not reach STS for \(operation) (\(UntrustedText.escaped(error.description))). "
        + "Check your network, proxy settings, the region and any STS endpoint override "
        + "(AWS_ENDPOINT_URL_STS)."
    case .malformedResponse(let operation, let reason):
      return "STS answered \(operation) with a response ssopick cannot read (\(reason))."
    }
  }

  /// `: message` (escaped), or nothing for an empty one.
  static func quoted(_ message: String) -> String {
    message.isEmpty ? "" : ": " + UntrustedText.escaped(message)
  }

  /// `90 seconds`, `12 minutes`, `3 hours`, `2 days`.
  static func span(_ seconds: TimeInterval) -> String {
    let value = Int(seconds.rounded())
    func unit(_ count: Int, _ name: String) -> String { "\(count) \(name)\(count == 1 ? "" : "s")" }
    switch value {
    case ..<120: return unit(value, "second")
    case ..<7200: return unit(value / 60, "minute")
    case ..<172_800: return unit(value / 3600, "hour")
    default: return unit(value / 86_400, "day")
    }
  }
}
