public import Foundation

/// A SAML 2.0 `Response` as an identity provider posts it (spec §12.2, §12.4), read for what
/// ssopick needs before STS sees it: the status, whom it answers and addresses, how long it is
/// valid, and the AWS attributes — the roles (the picker's rows), `RoleSessionName` and
/// `SessionDuration`.
///
/// Signatures are not checked: STS validates the assertion against the SAML provider's
/// metadata, and a client that cannot be given the IdP's certificate could only pretend to.
/// What the client checks (status, `InResponseTo`, recipient, validity period) is there to
/// give a clear message before a round trip, not to establish trust (DECISIONS.md).
///
/// ```swift
/// let response = try SAMLResponse.parse(encoded: posted.samlResponse)
/// try response.check(now: time.now, answering: request)   // loopback: ours, to us, in time
/// let rows = try response.roleChoices(profile: profile)    // or the configured role when encrypted
/// if let warning = response.roleWarning { console.say(warning.description) }
/// ```
public struct SAMLResponse: Sendable, Equatable, CustomStringConvertible {
  /// The response's `Status`.
  public struct Status: Sendable, Equatable {
    /// The top-level `StatusCode` value, e.g. `urn:oasis:names:tc:SAML:2.0:status:Success`.
    public var code: String
    /// The second-level code, e.g. `urn:oasis:names:tc:SAML:2.0:status:RequestDenied`.
    public var subCode: String?
    /// `StatusMessage`, when sent.
    public var message: String?

    /// `urn:oasis:names:tc:SAML:2.0:status:Success`.
    public static let success = "urn:oasis:names:tc:SAML:2.0:status:Success"

    /// Whether the sign-in succeeded.
    public var isSuccess: Bool { code == Self.success }

    /// Creates a status.
    public init(code: String, subCode: String? = nil, message: String? = nil) {
      self.code = code
      self.subCode = subCode
      self.message = message
    }
  }

  /// The base64 `SAMLResponse`, exactly as received: what STS gets as `SAMLAssertion`. Secret.
  public var encoded: String
  /// The response's `ID`.
  public var id: String?
  /// The response's `InResponseTo` (nil for an IdP-initiated response).
  public var inResponseTo: String?
  /// The response's `Destination`.
  public var destination: String?
  /// The response's (or else the assertion's) `Issuer`.
  public var issuer: String?
  /// The response's `IssueInstant`.
  public var issueInstant: Date?
  /// The status.
  public var status: Status
  /// Whether the assertion is an `EncryptedAssertion` (then nothing below is known).
  public var isEncrypted: Bool
  /// The assertion's `IssueInstant`.
  public var assertionIssueInstant: Date?
  /// The bearer `SubjectConfirmationData`'s `Recipient`: where the assertion may be
  /// presented, and AWS's `SAML:aud`.
  public var recipient: String?
  /// The `SubjectConfirmationData`'s `InResponseTo`.
  public var subjectInResponseTo: String?
  /// The latest `NotBefore` of the subject confirmation and the conditions.
  public var notBefore: Date?
  /// The earliest `NotOnOrAfter` of the subject confirmation and the conditions: after it,
  /// STS refuses the assertion.
  public var notOnOrAfter: Date?
  /// The `AuthnStatement`'s `SessionNotOnOrAfter`: STS's sessions end by then.
  public var sessionNotOnOrAfter: Date?
  /// The `Audience`s of the conditions.
  public var audiences: [String]
  /// The subject's `NameID`.
  public var nameID: String?
  /// The roles of the Role attribute: either order, trimmed, duplicates removed, in the
  /// order sent.
  public var roles: [SAMLRole]
  /// The Role values that could not be read.
  public var roleProblems: [SAMLRoleValueProblem]
  /// The `RoleSessionName` attribute.
  public var roleSessionName: String?
  /// The `SessionDuration` attribute, seconds (900–43200; other values are dropped).
  public var sessionDuration: Int?

  /// The AWS attribute names (spec §12.2).
  public enum Attribute {
    /// The roles.
    public static let role = "https://aws.amazon.com/SAML/Attributes/Role"
    /// The session name.
    public static let roleSessionName = "https://aws.amazon.com/SAML/Attributes/RoleSessionName"
    /// The console session length.
    public static let sessionDuration = "https://aws.amazon.com/SAML/Attributes/SessionDuration"
  }

  /// Creates a value (tests; use ``parse(encoded:)``).
  public init(
    encoded: String, status: Status, id: String? = nil, inResponseTo: String? = nil,
    destination: String? = nil, issuer: String? = nil, issueInstant: Date? = nil,
    isEncrypted: Bool = false, assertionIssueInstant: Date? = nil, recipient: String? = nil,
    subjectInResponseTo: String? = nil, notBefore: Date? = nil, notOnOrAfter: Date? = nil,
    sessionNotOnOrAfter: Date? = nil, audiences: [String] = [], nameID: String? = nil,
    roles: [SAMLRole] = [], roleProblems: [SAMLRoleValueProblem] = [],
    roleSessionName: String? = nil, sessionDuration: Int? = nil
  ) {
    self.encoded = encoded
    self.status = status
    self.id = id
    self.inResponseTo = inResponseTo
    self.destination = destination
    self.issuer = issuer
    self.issueInstant = issueInstant
    self.isEncrypted = isEncrypted
    self.assertionIssueInstant = assertionIssueInstant
    self.recipient = recipient
    self.subjectInResponseTo = subjectInResponseTo
    self.notBefore = notBefore
    self.notOnOrAfter = notOnOrAfter
    self.sessionNotOnOrAfter = sessionNotOnOrAfter
    self.audiences = audiences
    self.nameID = nameID
    self.roles = roles
    self.roleProblems = roleProblems
    self.roleSessionName = roleSessionName
    self.sessionDuration = sessionDuration
  }

  /// How far in the future a `NotBefore` may be before it counts as a wrong clock (latency
  /// and rounding; the IdP usually back-dates it by minutes anyway).
  public static let clockTolerance: TimeInterval = 60

  // MARK: Reading

  /// Reads the base64 `SAMLResponse` `encoded` (white space ignored).
  ///
  /// - Throws: ``SAMLError/unreadableInput(reason:)`` when it is not base64,
  ///   ``SAMLError/notXML(reason:)``, ``SAMLError/notSAMLResponse(root:)``, and — for a status
  ///   other than Success — ``SAMLError/refused(status:subStatus:message:)`` or, for Entra's
  ///   AADSTS50011, ``SAMLError/replyURLNotAccepted(replyURL:message:)``.
  public static func parse(encoded: String) throws(SAMLError) -> SAMLResponse {
    guard let bytes = SAMLAssertionInput.decodeBase64(encoded) else {
      throw .unreadableInput(reason: "the SAMLResponse is not base64")
    }
    let root: XMLReader.Element
    do {
      root = try XMLReader.parse(bytes)
    } catch {
      throw .notXML(reason: error.description)
    }
    guard root.localName == "Response" else { throw .notSAMLResponse(root: root.name) }
    let statusElement = root.child("Status")
    let topCode = statusElement?.child("StatusCode")
    let status = Status(
      code: topCode?.attribute("Value") ?? "",
      subCode: topCode?.child("StatusCode")?.attribute("Value"),
      message: statusElement?.child("StatusMessage").map { trimmed($0.text) }.flatMap {
        $0.isEmpty ? nil : $0
      })
    guard status.isSuccess else {
      if let message = status.message, message.contains("AADSTS50011") {
        throw .replyURLNotAccepted(
          replyURL: SAMLAuthnRequest.replyURLToRegister, message: message)
      }
      throw .refused(
        status: status.code.isEmpty ? "no status" : status.code, subStatus: status.subCode,
        message: status.message)
    }
    var response = SAMLResponse(
      encoded: encoded, status: status, id: root.attribute("ID"),
      inResponseTo: root.attribute("InResponseTo"), destination: root.attribute("Destination"),
      issuer: root.child("Issuer").map { trimmed($0.text) },
      issueInstant: root.attribute("IssueInstant").flatMap(AWSTimestamp.parse))
    guard let assertion = root.child("Assertion") else {
      if root.child("EncryptedAssertion") != nil {
        response.isEncrypted = true
        return response
      }
      throw .notSAMLResponse(root: root.name + " without an Assertion")
    }
    response.read(assertion)
    return response
  }

  private mutating func read(_ assertion: XMLReader.Element) {
    if issuer == nil { issuer = assertion.child("Issuer").map { Self.trimmed($0.text) } }
    assertionIssueInstant = assertion.attribute("IssueInstant").flatMap(AWSTimestamp.parse)
    var starts: [Date] = []
    var ends: [Date] = []
    if let subject = assertion.child("Subject") {
      nameID = subject.child("NameID").map { Self.trimmed($0.text) }
      let confirmations = subject.children("SubjectConfirmation")
      let bearer =
        confirmations.first {
          $0.attribute("Method") == "urn:oasis:names:tc:SAML:2.0:cm:bearer"
        } ?? confirmations.first
      if let data = bearer?.child("SubjectConfirmationData") {
        recipient = data.attribute("Recipient")
        subjectInResponseTo = data.attribute("InResponseTo")
        data.attribute("NotBefore").flatMap(AWSTimestamp.parse).map { starts.append($0) }
        data.attribute("NotOnOrAfter").flatMap(AWSTimestamp.parse).map { ends.append($0) }
      }
    }
    if let conditions = assertion.child("Conditions") {
      conditions.attribute("NotBefore").flatMap(AWSTimestamp.parse).map { starts.append($0) }
      conditions.attribute("NotOnOrAfter").flatMap(AWSTimestamp.parse).map { ends.append($0) }
      audiences = conditions.children("AudienceRestriction").flatMap { $0.children("Audience") }
        .map { Self.trimmed($0.text) }
    }
    notBefore = starts.max()
    notOnOrAfter = ends.min()
    sessionNotOnOrAfter =
      assertion.children("AuthnStatement").compactMap {
        $0.attribute("SessionNotOnOrAfter").flatMap(AWSTimestamp.parse)
      }.min()
    let attributes = assertion.children("AttributeStatement").flatMap { $0.children("Attribute") }
    func values(_ name: String) -> [String] {
      attributes.filter { $0.attribute("Name") == name }.flatMap {
        $0.children("AttributeValue").map(\.text)
      }
    }
    var seen = Set<SAMLRole>()
    for (index, value) in values(Attribute.role).enumerated() {
      switch SAMLRole.parse(value) {
      case .success(let role):
        if seen.insert(role).inserted { roles.append(role) }
      case .failure(let error):
        roleProblems.append(
          SAMLRoleValueProblem(position: index + 1, value: value, reason: error.reason))
      }
    }
    roleSessionName = values(Attribute.roleSessionName).first.map(Self.trimmed)
    sessionDuration = values(Attribute.sessionDuration).first.flatMap { Int(Self.trimmed($0)) }
      .flatMap { (900...43_200).contains($0) ? $0 : nil }
  }

  static func trimmed(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  // MARK: Checking

  /// Checks that the response can still be used, and — for the loopback mode, where
  /// `request` is ssopick's own — that it answers that request and is addressed to its
  /// listener.
  ///
  /// - Throws: ``SAMLError/inResponseToMismatch(expected:received:)``,
  ///   ``SAMLError/wrongRecipient(expected:received:)``, ``SAMLError/expired(issuedAt:expiredAt:now:)``
  ///   or ``SAMLError/notYetValid(validFrom:now:)``.
  public func check(now: Date, answering request: SAMLAuthnRequest? = nil) throws(SAMLError) {
    if let request {
      let answered = inResponseTo ?? subjectInResponseTo
      guard answered == request.id,
        subjectInResponseTo == nil || subjectInResponseTo == request.id
      else {
        throw .inResponseToMismatch(expected: request.id, received: answered)
      }
      for address in [destination, recipient].compactMap({ $0 })
      where address != request.assertionConsumerServiceURL {
        throw .wrongRecipient(expected: request.assertionConsumerServiceURL, received: address)
      }
    }
    if let notOnOrAfter, now >= notOnOrAfter {
      throw .expired(
        issuedAt: assertionIssueInstant ?? issueInstant, expiredAt: notOnOrAfter, now: now)
    }
    if let notBefore, notBefore.timeIntervalSince(now) > Self.clockTolerance {
      throw .notYetValid(validFrom: notBefore, now: now)
    }
  }

  /// How long the assertion can still be redeemed at STS, from `now` (nil when it does not
  /// say); for the picker's header.
  public func timeLeft(now: Date) -> TimeInterval? {
    notOnOrAfter.map { max(0, $0.timeIntervalSince(now)) }
  }

  /// The rows to offer: the assertion's roles; for an encrypted assertion, the roles
  /// `profile` configures (`azure_default_role_arn` with `saml_principal_arn`).
  ///
  /// - Throws: ``SAMLError/noRoles(malformed:)`` when there is none, and
  ///   ``SAMLError/encryptedAssertion(profile:missing:)`` when the assertion is encrypted and
  ///   the profile does not name the role and the provider.
  public func roleChoices(profile: SAMLProfile?) throws(SAMLError) -> [SAMLRole] {
    if isEncrypted {
      var missing: [String] = []
      if profile?.defaultRoleARNs.isEmpty ?? true { missing.append(SAMLProfile.Key.defaultRoleARN) }
      if profile?.principalARN == nil { missing.append(SAMLProfile.Key.principalARN) }
      guard let profile, let principal = profile.principalARN, missing.isEmpty else {
        throw .encryptedAssertion(profile: profile?.name, missing: missing)
      }
      let rows = profile.defaultRoleARNs.compactMap {
        SAMLRole(roleARN: $0, principalARN: principal)
      }
      guard !rows.isEmpty else {
        throw .encryptedAssertion(profile: profile.name, missing: missing)
      }
      return rows
    }
    guard !roles.isEmpty else { throw .noRoles(malformed: roleProblems) }
    return roles
  }

  /// The warning to show when some Role values were skipped (the others stay usable).
  public var roleWarning: SAMLError? {
    roleProblems.isEmpty || roles.isEmpty ? nil : .malformedRoleValues(roleProblems)
  }

  /// The row for `roleARN` among `choices` (from ``roleChoices(profile:)``).
  ///
  /// - Throws: ``SAMLError/roleNotInAssertion(roleARN:available:)``.
  public static func role(_ roleARN: String, in choices: [SAMLRole]) throws(SAMLError)
    -> SAMLRole
  {
    guard let role = choices.first(where: { $0.roleARN == roleARN }) else {
      throw .roleNotInAssertion(roleARN: roleARN, available: choices.map(\.roleARN))
    }
    return role
  }

  /// Who issued the response and for how long it is valid; never the assertion itself.
  public var description: String {
    let until = notOnOrAfter.map { ", valid until \(AWSTimestamp.format($0))" } ?? ""
    let kind = isEncrypted ? "encrypted" : "\(roles.count) role\(roles.count == 1 ? "" : "s")"
    return "SAMLResponse(\(issuer.map(UntrustedText.escaped) ?? "unknown issuer"), \(kind)\(until))"
  }
}
