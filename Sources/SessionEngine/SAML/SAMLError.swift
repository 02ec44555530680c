public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why getting or reading a SAML assertion failed, in words a person can act on. Text from the
/// identity provider (status messages, role values) is shown through ``UntrustedText``; the
/// assertion itself — it grants credentials — never appears in a message.
public enum SAMLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The loopback listener for the identity provider's answer could not be started.
  case listener(errno: Int32)
  /// No answer reached the loopback listener in time. `replyURL` is the URL the app must
  /// accept (the IdP shows an error page instead of answering when it does not).
  case timedOut(minutes: Int, replyURL: String)
  /// The text given as an assertion is none of raw base64, a form body with `SAMLResponse`,
  /// or the decoded XML; `reason` says what was seen.
  case unreadableInput(reason: String)
  /// The `SAMLResponse` is base64 but not XML ssopick can read (`reason`: where and why).
  case notXML(reason: String)
  /// The XML is not a SAML 2.0 `Response` (its root element is `root`).
  case notSAMLResponse(root: String)
  /// The identity provider refused the sign-in: its top-level status (e.g. `Requester`), the
  /// second-level one (e.g. `RequestDenied`) and its message, when it sent one.
  case refused(status: String, subStatus: String?, message: String?)
  /// The identity provider does not accept `replyURL` as the app's reply URL (Entra's
  /// AADSTS50011): an administrator must register it on the app.
  case replyURLNotAccepted(replyURL: String, message: String?)
  /// The response answers another request than ours (`InResponseTo`), or none at all (an
  /// IdP-initiated response) where ssopick asked for one.
  case inResponseToMismatch(expected: String, received: String?)
  /// The response or its assertion is addressed to another consumer than ssopick's listener.
  case wrongRecipient(expected: String, received: String)
  /// The assertion is no longer valid: issued at `issuedAt` (when known), valid until
  /// `expiredAt`, and it is now `now`.
  case expired(issuedAt: Date?, expiredAt: Date, now: Date)
  /// The assertion is valid only from `validFrom`; it is now `now` (a clock is wrong).
  case notYetValid(validFrom: Date, now: Date)
  /// The assertion is encrypted, so its roles cannot be read; the role and the SAML provider
  /// must come from the profile. `missing` names the keys that are not set.
  case encryptedAssertion(profile: String?, missing: [String])
  /// The assertion lists no usable role; `malformed` are the Role values that could not be
  /// read.
  case noRoles(malformed: [SAMLRoleValueProblem])
  /// Some Role values could not be read (the others are usable): a warning to show.
  case malformedRoleValues([SAMLRoleValueProblem])
  /// The role asked for (`--role`, `azure_default_role_arn`) is not among the assertion's.
  case roleNotInAssertion(roleARN: String, available: [String])

  /// The key of ssopick's own for the SAML provider ARN, needed with encrypted assertions.
  public static let principalARNKey = "saml_principal_arn"

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .listener(let code):
      return
        "Could not listen on 127.0.0.1 for the identity provider's answer "
        + "(\(String(cString: strerror(code)))). Use the paste mode: "
        + "--assertion-file FILE (or - for standard input)."
    case .timedOut(let minutes, let replyURL):
      return
        "No answer from the identity provider within \(minutes) minutes. If the browser shows "
        + "AADSTS50011 (reply URL mismatch), an administrator must add \(replyURL) (any port) "
        + "as a reply URL of the Entra app, and allow it in each role's trust policy (SAML:aud); "
        + "until then use the paste mode: --assertion-file FILE (or - for standard input)."
    case .unreadableInput(let reason):
      return
        "The assertion given is not a SAML response (\(reason)). Give the SAMLResponse form "
        + "value as base64, the whole form body (SAMLResponse=…&RelayState=…) or the decoded XML."
    case .notXML(let reason):
      return "The SAML response is not XML ssopick can read (\(reason))."
    case .notSAMLResponse(let root):
      return
        "The XML is not a SAML 2.0 Response (its root element is \(UntrustedText.escaped(root))). "
        + "Give the SAMLResponse the identity provider posted, not the request."
    case .refused(let status, let subStatus, let message):
      let code = ([status] + (subStatus.map { [$0] } ?? [])).map(Self.shortStatus).joined(
        separator: "/")
      let detail = message.map { ": \(UntrustedText.escaped($0))" } ?? ""
      return
        "The identity provider refused the sign-in (\(UntrustedText.escaped(code))\(detail)). "
        + "If you should have access, ask your administrator to assign you to the app."
    case .replyURLNotAccepted(let replyURL, let message):
      let detail = message.map { " (\(UntrustedText.escaped($0)))" } ?? ""
      return
        "The identity provider does not accept ssopick's reply URL\(detail). An administrator "
        + "must add \(replyURL) (any port) as a reply URL of the Entra app, and allow "
        + "http://localhost:*/saml/acs in each role's trust policy (SAML:aud, StringLike); "
        + "until then use the paste mode: --assertion-file FILE (or - for standard input)."
    case .inResponseToMismatch(let expected, let received):
      guard let received else {
        return
          "The identity provider sent a response that answers no request (IdP-initiated), "
          + "while ssopick waited for the answer to its request \(expected); it was not used. "
          + "Sign in again from the terminal."
      }
      return
        "The SAML response answers request \(UntrustedText.escaped(received)), not ssopick's "
        + "request \(expected); it was not used. Sign in again from the terminal."
    case .wrongRecipient(let expected, let received):
      return
        "The SAML response is addressed to \(UntrustedText.escaped(received)), not to "
        + "ssopick's listener \(expected); it was not used."
    case .expired(let issuedAt, let expiredAt, let now):
      let age = issuedAt.map { "was issued \(Self.span(now.timeIntervalSince($0))) ago and " } ?? ""
      return
        "The SAML assertion \(age)expired \(Self.span(now.timeIntervalSince(expiredAt))) ago "
        + "(at \(AWSTimestamp.format(expiredAt))). Assertions last about 5 minutes: sign in "
        + "again and use the new one at once."
    case .notYetValid(let validFrom, let now):
      return
        "The SAML assertion is valid only from \(AWSTimestamp.format(validFrom)), "
        + "\(Self.span(validFrom.timeIntervalSince(now))) from now: this computer's clock (or "
        + "the identity provider's) is wrong. Set the clock right (turn on network time)."
    case .encryptedAssertion(let profile, let missing):
      let keys =
        missing.isEmpty
        ? "azure_default_role_arn and \(Self.principalARNKey)" : missing.joined(separator: " and ")
      let target = profile.map { " in profile \"\(UntrustedText.escaped($0))\"" } ?? ""
      return
        "The SAML assertion is encrypted, so ssopick cannot read its roles. Set \(keys)"
        + "\(target) (the role ARN and the SAML provider ARN; `ssopick saml configure "
        + "--default-role ARN --principal-arn ARN`), or ask your administrator to turn off "
        + "assertion encryption for the app."
    case .noRoles(let malformed):
      if malformed.isEmpty {
        return
          "The SAML assertion lists no AWS roles (no https://aws.amazon.com/SAML/Attributes/Role "
          + "values). Ask your administrator to assign you a role in the app."
      }
      return
        "The SAML assertion lists no usable AWS roles: "
        + malformed.map(\.description).joined(separator: "; ") + "."
    case .malformedRoleValues(let problems):
      return
        "Some Role values of the SAML assertion cannot be used and were skipped: "
        + problems.map(\.description).joined(separator: "; ") + "."
    case .roleNotInAssertion(let roleARN, let available):
      let list =
        available.isEmpty
        ? "none"
        : available.map(UntrustedText.escaped).joined(
          separator: ", ")
      return
        "The SAML assertion does not allow the role \(UntrustedText.escaped(roleARN)) "
        + "(it allows: \(list))."
    }
  }

  /// `Requester` for `urn:oasis:names:tc:SAML:2.0:status:Requester`.
  static func shortStatus(_ value: String) -> String {
    let prefix = "urn:oasis:names:tc:SAML:2.0:status:"
    return value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : value
  }

  /// `90 seconds`, `12 minutes`, `3 hours`, `2 days`.
  static func span(_ seconds: TimeInterval) -> String {
    STSError.span(max(0, seconds))
  }
}

/// One Role attribute value that could not be read: its position among the values (1-based),
/// the value (escaped when shown) and why.
public struct SAMLRoleValueProblem: Sendable, Equatable, CustomStringConvertible {
  /// The 1-based position among the Role attribute's values.
  public var position: Int
  /// The value as sent (an ARN pair, so not secret).
  public var value: String
  /// Why it cannot be used.
  public var reason: String

  /// Creates a value.
  public init(position: Int, value: String, reason: String) {
    self.position = position
    self.value = value
    self.reason = reason
  }

  /// `value 3 ("…"): reason`.
  public var description: String {
    let shown = value.count > 200 ? String(value.prefix(200)) + "…" : value
    return "value \(position) (\"\(UntrustedText.escaped(shown))\"): \(reason)"
  }
}
