/// The answer of AssumeRole (spec §17.4): temporary credentials for the role and who they
/// belong to. The credentials are secret; the description shows only their expiry.
public struct AssumedRole: Sendable, Equatable, CustomStringConvertible {
  /// The new credentials, with their expiration.
  public var credentials: AWSCredentials
  /// The assumed-role user the credentials belong to.
  public var user: AssumedRoleUser
  /// How much of the size limit the session policies and tags used (percent), when sent.
  public var packedPolicySize: Int?
  /// The source identity of the session, when it has one.
  public var sourceIdentity: String?

  /// Creates a value.
  public init(
    credentials: AWSCredentials, user: AssumedRoleUser, packedPolicySize: Int? = nil,
    sourceIdentity: String? = nil
  ) {
    self.credentials = credentials
    self.user = user
    self.packedPolicySize = packedPolicySize
    self.sourceIdentity = sourceIdentity
  }

  /// The user's ARN and the credentials' expiry.
  public var description: String { "AssumedRole(\(user.arn), \(credentials))" }
}

/// `AssumedRoleUser`: the session's id and ARN.
public struct AssumedRoleUser: Sendable, Equatable {
  /// `AROA…:<session name>`.
  public var assumedRoleID: String
  /// `arn:aws:sts::<account>:assumed-role/<role>/<session name>`.
  public var arn: String

  /// Creates a value.
  public init(assumedRoleID: String, arn: String) {
    self.assumedRoleID = assumedRoleID
    self.arn = arn
  }
}

/// The answer of AssumeRoleWithSAML (spec §12.3): the assumed role plus what STS read from
/// the assertion.
public struct SAMLAssumedRole: Sendable, Equatable, CustomStringConvertible {
  /// The credentials and the assumed-role user.
  public var role: AssumedRole
  /// The assertion's `NameID`.
  public var subject: String?
  /// The format of the `NameID` (`transient`, `persistent`, …).
  public var subjectType: String?
  /// The IdP's issuer.
  public var issuer: String?
  /// The assertion's audience.
  public var audience: String?
  /// A hash of the issuer, account and provider name.
  public var nameQualifier: String?

  /// Creates a value.
  public init(
    role: AssumedRole, subject: String? = nil, subjectType: String? = nil, issuer: String? = nil,
    audience: String? = nil, nameQualifier: String? = nil
  ) {
    self.role = role
    self.subject = subject
    self.subjectType = subjectType
    self.issuer = issuer
    self.audience = audience
    self.nameQualifier = nameQualifier
  }

  /// The role's description.
  public var description: String { "SAMLAssumedRole(\(role))" }
}
