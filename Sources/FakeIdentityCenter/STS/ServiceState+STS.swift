import Crypto
import Foundation
import LoopbackServer

/// STS (spec §17): GetCallerIdentity and AssumeRole, on `POST /` (form body) or `GET /`
/// (query), signed with SigV4 by credentials the fake issued — through the portal's
/// GetRoleCredentials or through AssumeRole itself, so chains work. Answers and errors are
/// STS's XML. Trust: ``FakeIdentityCenter/Options/roleTrust`` per role ARN, else
/// ``FakeIdentityCenter/Options/defaultTrust``.
extension ServiceState {
  /// The parts of `arn:<partition>:iam::<12 digits>:role/[path/]<name>`.
  struct RoleARN: Equatable {
    var partition: String
    var accountId: String
    var name: String

    init?(_ arn: String) {
      let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
      guard fields.count == 6, fields[0] == "arn", fields[2] == "iam", fields[3].isEmpty,
        fields[4].count == 12, fields[4].allSatisfy({ ("0"..."9").contains($0) }),
        fields[5].hasPrefix("role/"),
        let name = fields[5].split(separator: "/").last, fields[5].count > 5,
        !fields[5].hasSuffix("/")
      else { return nil }
      partition = String(fields[1])
      accountId = String(fields[4])
      self.name = String(name)
    }
  }

  /// Who a record's credentials belong to, as STS shows it.
  struct Caller {
    var accountId: String
    /// The role name in the ARN (`AWSReservedSSO_<set>_<hex>` for Identity Center roles).
    var roleName: String
    /// The permission set, for Identity Center roles.
    var permissionSet: String?
    var sessionName: String

    var arn: String { "arn:aws:sts::\(accountId):assumed-role/\(roleName)/\(sessionName)" }
    var userID: String {
      "\(ServiceState.roleID(account: accountId, roleName: roleName)):\(sessionName)"
    }
  }

  /// `[\w+=,.@-]`: the characters of a session name.
  static func isSessionNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "A"..."Z", "a"..."z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": true
    default: false
    }
  }

  /// `AWSReservedSSO_<set>_<16 hex>`: the IAM role Identity Center made for a permission set
  /// in an account; the hex is the same for the same account and set.
  static func reservedRoleName(account: String, permissionSet: String) -> String {
    let digest = SHA256.hash(data: Data("\(account)/\(permissionSet)".utf8))
    return "AWSReservedSSO_\(permissionSet)_"
      + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
  }

  /// `AROA` and 17 characters: the role's unique id, the same for the same account and role.
  static func roleID(account: String, roleName: String) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    let digest = SHA256.hash(data: Data("role:\(account):\(roleName)".utf8))
    return "AROA" + String(digest.prefix(17).map { alphabet[Int($0) % alphabet.count] })
  }

  func caller(_ record: RoleCredentialRecord) -> Caller {
    if let sessionName = record.sessionName {
      return Caller(
        accountId: record.accountId, roleName: record.roleName, sessionName: sessionName)
    }
    return Caller(
      accountId: record.accountId,
      roleName: Self.reservedRoleName(account: record.accountId, permissionSet: record.roleName),
      permissionSet: record.roleName, sessionName: options.userName)
  }

  func verifiedCaller(_ context: Context) throws -> (String, RoleCredentialRecord) {
    try SigV4Verifier(
      credentials: roleCredentials, now: context.now, allowedSkew: options.signatureClockSkew
    ).verify(context.request)
  }

  /// `<Action>Response><Action>Result>…</…Result><ResponseMetadata>…</…Response>`.
  func stsAnswer(_ action: String, _ result: String, _ context: Context) -> FakeHTTPResponse {
    let body =
      "<\(action)Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
      + "  <\(action)Result>\n\(result)  </\(action)Result>\n"
      + "  <ResponseMetadata>\n    <RequestId>\(context.requestID)</RequestId>\n"
      + "  </ResponseMetadata>\n</\(action)Response>\n"
    return FakeHTTPResponse(
      status: 200, headers: [("Content-Type", "text/xml")], body: Data(body.utf8))
  }

  func getCallerIdentity(_ context: Context) throws -> FakeHTTPResponse {
    let (_, record) = try verifiedCaller(context)
    let caller = caller(record)
    return stsAnswer(
      "GetCallerIdentity",
      "    \(XMLText.element("Arn", caller.arn))\n    \(XMLText.element("UserId", caller.userID))\n"
        + "    \(XMLText.element("Account", caller.accountId))\n", context)
  }

  mutating func assumeRole(_ context: Context) throws -> FakeHTTPResponse {
    let (_, record) = try verifiedCaller(context)
    let caller = caller(record)
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
    guard let sessionName = form["RoleSessionName"] else {
      throw invalid(nil, "roleSessionName", "must not be null")
    }
    guard sessionName.count >= 2, sessionName.count <= 64 else {
      throw invalid(
        sessionName, "roleSessionName",
        sessionName.count < 2
          ? "must have length greater than or equal to 2"
          : "must have length less than or equal to 64")
    }
    guard sessionName.unicodeScalars.allSatisfy(Self.isSessionNameCharacter) else {
      throw invalid(
        sessionName, "roleSessionName", "must satisfy regular expression pattern: [\\w+=,.@-]*")
    }
    guard roleArnText.count >= 20 else {
      throw invalid(roleArnText, "roleArn", "must have length greater than or equal to 20")
    }
    guard let role = RoleARN(roleArnText) else {
      throw APIError(.validationError, "\(roleArnText) is invalid")
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
    if let externalID = form["ExternalId"], externalID.count < 2 || externalID.count > 1224 {
      throw invalid(externalID, "externalId", "must have length between 2 and 1224")
    }
    // Trust, before the duration: a caller that may not assume the role learns nothing else.
    let denied = APIError(
      .stsAccessDenied,
      "User: \(caller.arn) is not authorized to perform: sts:AssumeRole on resource: "
        + roleArnText)
    let trust = try trustRule(for: roleArnText, role: role, denied: denied)
    guard trusts(trust, caller) else { throw denied }
    if let required = trust.externalID, form["ExternalId"] != required { throw denied }
    if let code = trust.mfaCode {
      guard let serial = form["SerialNumber"], !serial.isEmpty, let given = form["TokenCode"]
      else { throw denied }
      guard given == code else {
        throw APIError(
          .stsAccessDenied, "MultiFactorAuthentication failed with invalid MFA one time pass code. "
        )
      }
    }
    // Every caller here holds role credentials, so this is role chaining: one hour at most.
    guard duration <= 3600 else {
      throw APIError(
        .validationError,
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by "
          + "role chaining.")
    }
    guard duration <= trust.maxSessionDuration else {
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
    let tagCount = form.items.filter { $0.name.hasPrefix("Tags.member.") }.count
    let policyArns = form.items.filter { $0.name.hasPrefix("PolicyArns.member.") }.count
    packed += tagCount * 40 + policyArns * 60
    let sourceIdentity = record.sourceIdentity ?? form["SourceIdentity"]
    let accessKeyId = SecretFactory.accessKeyID()
    let issued = RoleCredentialRecord(
      secretAccessKey: SecretFactory.secretAccessKey(), sessionToken: SecretFactory.sessionToken(),
      expiresAt: context.now.addingTimeInterval(TimeInterval(duration)),
      accountId: role.accountId, roleName: role.name, sessionName: sessionName,
      sourceIdentity: sourceIdentity)
    roleCredentials[accessKeyId] = issued
    let assumed = Caller(accountId: role.accountId, roleName: role.name, sessionName: sessionName)
    var result =
      "    <Credentials>\n      \(XMLText.element("AccessKeyId", accessKeyId))\n"
      + "      \(XMLText.element("SecretAccessKey", issued.secretAccessKey))\n"
      + "      \(XMLText.element("SessionToken", issued.sessionToken))\n"
      + "      \(XMLText.element("Expiration", Timestamp.cacheFormat(issued.expiresAt)))\n"
      + "    </Credentials>\n    <AssumedRoleUser>\n"
      + "      \(XMLText.element("AssumedRoleId", assumed.userID))\n"
      + "      \(XMLText.element("Arn", assumed.arn))\n    </AssumedRoleUser>\n"
    if packed > 0 {
      result += "    \(XMLText.element("PackedPolicySize", String(max(1, packed * 100 / 2048))))\n"
    }
    if let sourceIdentity {
      result += "    \(XMLText.element("SourceIdentity", sourceIdentity))\n"
    }
    return stsAnswer("AssumeRole", result, context)
  }

  /// The rule for `arn`: the configured one, else the default (the organisation's roles).
  func trustRule(for arn: String, role: RoleARN, denied: APIError) throws
    -> FakeIdentityCenter.Options.RoleTrust
  {
    if let rule = options.roleTrust[arn] { return rule }
    guard options.defaultTrust == .organisation, catalog.indexByAccountID[role.accountId] != nil
    else { throw denied }
    return FakeIdentityCenter.Options.RoleTrust()
  }

  func trusts(_ rule: FakeIdentityCenter.Options.RoleTrust, _ caller: Caller) -> Bool {
    guard let principals = rule.trustedCallers else {
      return catalog.indexByAccountID[caller.accountId] != nil
    }
    return principals.contains {
      switch $0 {
      case .account(let account): account == caller.accountId
      case .role(let account, let name):
        account == caller.accountId && (name == caller.roleName || name == caller.permissionSet)
      }
    }
  }
}
