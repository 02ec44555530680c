import Crypto
import Foundation
import LoopbackServer

/// STS AssumeRoleWithSAML (spec §12.3): unsigned; it accepts only responses the fake IdP
/// issued, byte for byte (their SHA-256 was recorded: the fake's stand-in for AWS checking
/// the IdP's signature), before their `NotOnOrAfter`, for a (role, provider) pair the
/// assertion lists, when the role's trust policy allows the assertion's `Recipient` as
/// `SAML:aud`, for at most the role's `MaxSessionDuration`. The credentials it issues work
/// with the fake's other STS calls and with console federation.
extension ServiceState {
  mutating func assumeRoleWithSAML(_ context: Context) throws -> FakeHTTPResponse {
    let form = context.form
    func invalid(_ value: String?, _ member: String, _ constraint: String) -> APIError {
      APIError(
        .validationError,
        "1 validation error detected: Value \(value.map { "'\($0)'" } ?? "null") at '\(member)' "
          + "failed to satisfy constraint: Member \(constraint)")
    }
    guard let roleArnText = form["RoleArn"] else {
      throw invalid(nil, "roleArn", "must not be null")
    }
    guard let principalArn = form["PrincipalArn"] else {
      throw invalid(nil, "principalArn", "must not be null")
    }
    guard let assertionText = form["SAMLAssertion"] else {
      throw invalid(nil, "sAMLAssertion", "must not be null")
    }
    guard roleArnText.count >= 20 else {
      throw invalid(roleArnText, "roleArn", "must have length greater than or equal to 20")
    }
    guard principalArn.count >= 20 else {
      throw invalid(principalArn, "principalArn", "must have length greater than or equal to 20")
    }
    guard assertionText.count >= 4, assertionText.count <= 100_000 else {
      throw APIError(
        .validationError,
        "1 validation error detected: Value at 'sAMLAssertion' failed to satisfy constraint: "
          + "Member must have length "
          + (assertionText.count < 4
            ? "greater than or equal to 4" : "less than or equal to 100000"))
    }
    var duration = 3600
    if let text = form["DurationSeconds"] {
      guard let value = Int(text) else {
        throw invalid(text, "durationSeconds", "must be a number")
      }
      guard value >= 900 else {
        throw invalid(text, "durationSeconds", "must have value greater than or equal to 900")
      }
      guard value <= 43_200 else {
        throw invalid(text, "durationSeconds", "must have value less than or equal to 43200")
      }
      duration = value
    }
    guard let role = RoleARN(roleArnText) else {
      throw APIError(.validationError, "\(roleArnText) is invalid")
    }
    guard let decoded = Data(base64Encoded: assertionText, options: .ignoreUnknownCharacters),
      !decoded.isEmpty
    else {
      throw APIError(.invalidIdentityToken, "Invalid base64 SAMLResponse")
    }
    guard let issued = samlAssertions[Self.samlDigest(decoded)] else {
      // Not issued by the IdP, or altered: AWS's signature check fails.
      throw APIError(.invalidIdentityToken, "Response signature invalid")
    }
    guard context.now < issued.notOnOrAfter else {
      throw APIError(.expiredToken, "Token must be redeemed within 5 minutes of issuance")
    }
    let denied = APIError(.stsAccessDenied, "Not authorized to perform sts:AssumeRoleWithSAML")
    guard
      issued.roles.contains(where: { $0.roleARN == roleArnText && $0.providerARN == principalArn })
    else { throw denied }
    let rule = options.saml.roleRules[roleArnText] ?? FakeIdentityCenter.Options.SAML.RoleRule()
    guard rule.allowedAudiences.contains(where: { Self.stringLike($0, issued.recipient) }) else {
      throw denied
    }
    guard duration <= rule.maxSessionDuration else {
      throw APIError(
        .validationError,
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
    }
    var packed = 0
    if let policy = form["Policy"] {
      guard case .object = JSONValue.parse(Data(policy.utf8)) else {
        throw APIError(.malformedPolicyDocument)
      }
      packed += policy.utf8.count
    }
    packed += form.items.filter { $0.name.hasPrefix("PolicyArns.member.") }.count * 60
    let accessKeyId = SecretFactory.accessKeyID()
    let credentials = RoleCredentialRecord(
      secretAccessKey: SecretFactory.secretAccessKey(), sessionToken: SecretFactory.sessionToken(),
      expiresAt: context.now.addingTimeInterval(TimeInterval(duration)),
      accountId: role.accountId, roleName: role.name, sessionName: issued.sessionName)
    roleCredentials[accessKeyId] = credentials
    let assumed = Caller(
      accountId: role.accountId, roleName: role.name, sessionName: issued.sessionName)
    let providerName = principalArn.split(separator: "/").last.map(String.init) ?? ""
    let qualifier = Data(
      Insecure.SHA1.hash(data: Data("\(issued.issuer)\(role.accountId)/\(providerName)".utf8))
    ).base64EncodedString()
    let subjectType: String
    switch issued.nameIDFormat {
    case "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent": subjectType = "persistent"
    case "urn:oasis:names:tc:SAML:2.0:nameid-format:transient": subjectType = "transient"
    default: subjectType = issued.nameIDFormat
    }
    var result =
      "    \(XMLText.element("Issuer", issued.issuer))\n"
      + "    <AssumedRoleUser>\n      \(XMLText.element("AssumedRoleId", assumed.userID))\n"
      + "      \(XMLText.element("Arn", assumed.arn))\n    </AssumedRoleUser>\n"
      + "    <Credentials>\n      \(XMLText.element("AccessKeyId", accessKeyId))\n"
      + "      \(XMLText.element("SecretAccessKey", credentials.secretAccessKey))\n"
      + "      \(XMLText.element("SessionToken", credentials.sessionToken))\n"
      + "      \(XMLText.element("Expiration", Timestamp.cacheFormat(credentials.expiresAt)))\n"
      + "    </Credentials>\n    \(XMLText.element("Audience", issued.recipient))\n"
      + "    \(XMLText.element("SubjectType", subjectType))\n"
    if packed > 0 {
      result += "    \(XMLText.element("PackedPolicySize", String(max(1, packed * 100 / 2048))))\n"
    }
    result +=
      "    \(XMLText.element("NameQualifier", qualifier))\n"
      + "    \(XMLText.element("Subject", issued.nameID))\n"
    return stsAnswer("AssumeRoleWithSAML", result, context)
  }

  /// IAM's `StringLike`: `*` matches any run of characters, `?` any one; the rest literally.
  static func stringLike(_ pattern: String, _ value: String) -> Bool {
    let pattern = Array(pattern)
    let value = Array(value)
    var memo = [[Bool?]](
      repeating: [Bool?](repeating: nil, count: value.count + 1), count: pattern.count + 1)
    func match(_ p: Int, _ v: Int) -> Bool {
      if let known = memo[p][v] { return known }
      let result: Bool
      if p == pattern.count {
        result = v == value.count
      } else if pattern[p] == "*" {
        result = match(p + 1, v) || (v < value.count && match(p, v + 1))
      } else {
        result =
          v < value.count && (pattern[p] == "?" || pattern[p] == value[v]) && match(p + 1, v + 1)
      }
      memo[p][v] = result
      return result
    }
    return match(0, 0)
  }
}
