/// The parameters of AssumeRole (spec §17.4). ``validate()`` checks what STS would refuse,
/// so a mistake is reported before anything is sent.
public struct AssumeRoleRequest: Sendable, Equatable {
  /// An MFA device and the code it shows.
  public struct MFA: Sendable, Equatable {
    /// The device's serial number or ARN (`SerialNumber`).
    public var serialNumber: String
    /// The six-digit code (`TokenCode`).
    public var tokenCode: String

    /// Creates a value.
    public init(serialNumber: String, tokenCode: String) {
      self.serialNumber = serialNumber
      self.tokenCode = tokenCode
    }
  }

  /// A session tag.
  public struct Tag: Sendable, Equatable {
    /// The key (1–128 characters).
    public var key: String
    /// The value (0–256 characters).
    public var value: String

    /// Creates a tag.
    public init(key: String, value: String) {
      self.key = key
      self.value = value
    }
  }

  /// `RoleArn`, e.g. `arn:aws:iam::210987654321:role/Deploy`.
  public var roleARN: String
  /// `RoleSessionName`: 2–64 of `[A-Za-z0-9_+=,.@-]`.
  public var roleSessionName: String
  /// `DurationSeconds` (900 up to the role's maximum; at most 3600 when chaining); `nil` for
  /// STS's default of one hour.
  public var durationSeconds: Int?
  /// `ExternalId` (2–1224 characters), when the role's trust policy asks for one.
  public var externalID: String?
  /// `SerialNumber` and `TokenCode`, when the role requires MFA.
  public var mfa: MFA?
  /// `Policy`: an inline session policy (JSON).
  public var policy: String?
  /// `PolicyArns.member.N.arn`: managed session policies (up to 10).
  public var policyARNs: [String]
  /// `Tags.member.N`: session tags (up to 50).
  public var tags: [Tag]
  /// `TransitiveTagKeys.member.N`.
  public var transitiveTagKeys: [String]
  /// `SourceIdentity` (2–64 characters).
  public var sourceIdentity: String?

  /// Creates a request.
  public init(
    roleARN: String, roleSessionName: String, durationSeconds: Int? = nil,
    externalID: String? = nil, mfa: MFA? = nil, policy: String? = nil, policyARNs: [String] = [],
    tags: [Tag] = [], transitiveTagKeys: [String] = [], sourceIdentity: String? = nil
  ) {
    self.roleARN = roleARN
    self.roleSessionName = roleSessionName
    self.durationSeconds = durationSeconds
    self.externalID = externalID
    self.mfa = mfa
    self.policy = policy
    self.policyARNs = policyARNs
    self.tags = tags
    self.transitiveTagKeys = transitiveTagKeys
    self.sourceIdentity = sourceIdentity
  }

  /// The longest session STS grants to a role assumed with role credentials (role chaining),
  /// which every Identity Center role credential is.
  public static let chainedMaximumDuration = 3600

  /// The characters STS allows in a session name (and a source identity): `[\w+=,.@-]`.
  public static func isSessionNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "A"..."Z", "a"..."z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": true
    default: false
    }
  }

  /// `name` made into a valid `RoleSessionName`: every character STS does not allow becomes
  /// `-`, cut to 64; a result shorter than 2 characters is padded with `-`. E.g. the Identity
  /// Center user name `Jane Doe (admin)` → `Jane-Doe--admin-`.
  public static func sessionName(from name: String) -> String {
    var result = String(
      String.UnicodeScalarView(
        name.unicodeScalars.map { isSessionNameCharacter($0) ? $0 : "-" }.prefix(64)))
    while result.count < 2 { result += "-" }
    return result
  }

  /// Checks the parameters as STS would.
  ///
  /// - Throws: ``STSError/invalidParameter(operation:name:reason:)`` for the first problem.
  public func validate() throws(STSError) {
    func fail(_ name: String, _ reason: String) -> STSError {
      .invalidParameter(operation: "AssumeRole", name: name, reason: reason)
    }
    guard (20...2048).contains(roleARN.count), roleARN.hasPrefix("arn:"),
      roleARN.split(separator: ":", omittingEmptySubsequences: false).count == 6,
      roleARN.contains(":role/")
    else {
      throw fail("RoleArn", "must be a role ARN such as arn:aws:iam::123456789012:role/NAME")
    }
    guard (2...64).contains(roleSessionName.count),
      roleSessionName.unicodeScalars.allSatisfy(Self.isSessionNameCharacter)
    else {
      throw fail("RoleSessionName", "must be 2–64 of the characters A–Z a–z 0–9 _ + = , . @ -")
    }
    if let durationSeconds, !(900...43_200).contains(durationSeconds) {
      throw fail("DurationSeconds", "must be 900–43200 seconds (15 minutes to 12 hours)")
    }
    if let externalID, !(2...1224).contains(externalID.count) {
      throw fail("ExternalId", "must be 2–1224 characters")
    }
    if let mfa {
      guard (9...256).contains(mfa.serialNumber.count) else {
        throw fail(
          "SerialNumber", "must be the MFA device's serial number or ARN (9–256 characters)")
      }
      guard mfa.tokenCode.count == 6,
        mfa.tokenCode.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
      else { throw fail("TokenCode", "must be the six digits the MFA device shows") }
    }
    guard policyARNs.count <= 10 else { throw fail("PolicyArns", "at most 10") }
    guard tags.count <= 50 else { throw fail("Tags", "at most 50") }
    if let sourceIdentity {
      guard (2...64).contains(sourceIdentity.count),
        sourceIdentity.unicodeScalars.allSatisfy(Self.isSessionNameCharacter)
      else {
        throw fail("SourceIdentity", "must be 2–64 of the characters A–Z a–z 0–9 _ + = , . @ -")
      }
    }
  }

  /// The query parameters after `Action` and `Version`, in the model's member order (as
  /// botocore sends them).
  var parameters: [(String, String)] {
    var items = [("RoleArn", roleARN), ("RoleSessionName", roleSessionName)]
    for (index, arn) in policyARNs.enumerated() {
      items.append(("PolicyArns.member.\(index + 1).arn", arn))
    }
    if let policy { items.append(("Policy", policy)) }
    if let durationSeconds { items.append(("DurationSeconds", String(durationSeconds))) }
    for (index, tag) in tags.enumerated() {
      items.append(("Tags.member.\(index + 1).Key", tag.key))
      items.append(("Tags.member.\(index + 1).Value", tag.value))
    }
    for (index, key) in transitiveTagKeys.enumerated() {
      items.append(("TransitiveTagKeys.member.\(index + 1)", key))
    }
    if let externalID { items.append(("ExternalId", externalID)) }
    if let mfa {
      items.append(("SerialNumber", mfa.serialNumber))
      items.append(("TokenCode", mfa.tokenCode))
    }
    if let sourceIdentity { items.append(("SourceIdentity", sourceIdentity)) }
    return items
  }
}

/// The parameters of AssumeRoleWithSAML (spec §12.3), an unsigned call.
public struct AssumeRoleWithSAMLRequest: Sendable, Equatable {
  /// `RoleArn`: the role to assume.
  public var roleARN: String
  /// `PrincipalArn`: the SAML provider, e.g. `arn:aws:iam::210987654321:saml-provider/AcmeIdP`.
  public var principalARN: String
  /// `SAMLAssertion`: the base64 `SAMLResponse`, verbatim (secret).
  public var samlAssertion: String
  /// `DurationSeconds` (900–43200); `nil` for STS's default of one hour.
  public var durationSeconds: Int?
  /// `Policy`: an inline session policy (JSON).
  public var policy: String?
  /// `PolicyArns.member.N.arn` (up to 10).
  public var policyARNs: [String]

  /// Creates a request.
  public init(
    roleARN: String, principalARN: String, samlAssertion: String, durationSeconds: Int? = nil,
    policy: String? = nil, policyARNs: [String] = []
  ) {
    self.roleARN = roleARN
    self.principalARN = principalARN
    self.samlAssertion = samlAssertion
    self.durationSeconds = durationSeconds
    self.policy = policy
    self.policyARNs = policyARNs
  }

  /// Checks the parameters as STS would.
  ///
  /// - Throws: ``STSError/invalidParameter(operation:name:reason:)`` for the first problem.
  public func validate() throws(STSError) {
    func fail(_ name: String, _ reason: String) -> STSError {
      .invalidParameter(operation: "AssumeRoleWithSAML", name: name, reason: reason)
    }
    guard (20...2048).contains(roleARN.count), roleARN.contains(":role/") else {
      throw fail("RoleArn", "must be a role ARN such as arn:aws:iam::123456789012:role/NAME")
    }
    guard (20...2048).contains(principalARN.count), principalARN.contains(":saml-provider/") else {
      throw fail("PrincipalArn", "must be a SAML provider ARN (…:saml-provider/NAME)")
    }
    guard (4...100_000).contains(samlAssertion.count) else {
      throw fail("SAMLAssertion", "must be the base64 SAMLResponse (4–100000 characters)")
    }
    if let durationSeconds, !(900...43_200).contains(durationSeconds) {
      throw fail("DurationSeconds", "must be 900–43200 seconds (15 minutes to 12 hours)")
    }
    guard policyARNs.count <= 10 else { throw fail("PolicyArns", "at most 10") }
  }

  var parameters: [(String, String)] {
    var items = [
      ("RoleArn", roleARN), ("PrincipalArn", principalARN), ("SAMLAssertion", samlAssertion),
    ]
    for (index, arn) in policyARNs.enumerated() {
      items.append(("PolicyArns.member.\(index + 1).arn", arn))
    }
    if let policy { items.append(("Policy", policy)) }
    if let durationSeconds { items.append(("DurationSeconds", String(durationSeconds))) }
    return items
  }
}
