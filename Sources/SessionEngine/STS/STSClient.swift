import Foundation

/// A client for STS's query protocol (spec §12.3, §17): GetCallerIdentity and AssumeRole,
/// signed with SigV4 at the time of each attempt, and AssumeRoleWithSAML, unsigned.
///
/// Each call is `POST /` with a form body (`Action=…&Version=2011-06-15&…`) and goes through
/// the one ``RetryPolicy`` (`Throttling` and server errors are retried, with backoff on the
/// injected clock). Answers are XML, read with ``XMLReader``; errors become ``STSError``.
///
/// Calls throw ``STSError``, or ``RetryError`` when the policy gave up on retryable failures.
public struct STSClient: Sendable {
  /// Where requests go, and the region they are signed for.
  public let endpoint: STSEndpoint
  private let transport: any HTTPTransport
  private let time: any TimeSource
  private let retry: RetryPolicy
  private let jitter: @Sendable () -> Double

  /// The API version of every call.
  public static let apiVersion = "2011-06-15"

  /// Creates a client for `endpoint` (see ``EndpointResolver/stsEndpoint(region:)``).
  public init(
    endpoint: STSEndpoint, transport: any HTTPTransport, time: any TimeSource = SystemTimeSource(),
    retry: RetryPolicy = .standard,
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.endpoint = endpoint
    self.transport = transport
    self.time = time
    self.retry = retry
    self.jitter = jitter
  }

  /// GetCallerIdentity: who `credentials` belong to (spec §17.3). Needs no permission.
  public func getCallerIdentity(credentials: AWSCredentials) async throws -> CallerIdentity {
    let result = try await call("GetCallerIdentity", [], credentials: credentials)
    guard let account = result.child("Account")?.text, let arn = result.child("Arn")?.text,
      let userID = result.child("UserId")?.text
    else {
      throw STSError.malformedResponse(
        operation: "GetCallerIdentity", reason: "Account, Arn or UserId is missing")
    }
    return CallerIdentity(account: account, arn: arn, userID: userID)
  }

  /// AssumeRole: credentials for `request.roleARN`, signed with `credentials` (spec §17.4).
  /// The request is validated first, so a bad parameter is reported without a round trip.
  public func assumeRole(_ request: AssumeRoleRequest, credentials: AWSCredentials)
    async throws -> AssumedRole
  {
    try request.validate()
    let result = try await call("AssumeRole", request.parameters, credentials: credentials)
    return try Self.assumedRole(result, operation: "AssumeRole")
  }

  /// AssumeRoleWithSAML: credentials for a role from a SAML assertion (spec §12.3). Unsigned:
  /// the assertion is the proof.
  public func assumeRoleWithSAML(_ request: AssumeRoleWithSAMLRequest) async throws
    -> SAMLAssumedRole
  {
    try request.validate()
    let result = try await call("AssumeRoleWithSAML", request.parameters, credentials: nil)
    return SAMLAssumedRole(
      role: try Self.assumedRole(result, operation: "AssumeRoleWithSAML"),
      subject: result.child("Subject")?.text, subjectType: result.child("SubjectType")?.text,
      issuer: result.child("Issuer")?.text, audience: result.child("Audience")?.text,
      nameQualifier: result.child("NameQualifier")?.text)
  }

  // MARK: Wire

  /// The `<ActionResult>` element of a successful answer to `action`.
  private func call(
    _ action: String, _ parameters: [(String, String)], credentials: AWSCredentials?
  ) async throws -> XMLReader.Element {
    let body = Data(
      PercentEncoding.query([("Action", action), ("Version", Self.apiVersion)] + parameters).utf8)
    let endpoint = endpoint
    let transport = transport
    let time = time
    return try await retry.run(
      RetryOperation(service: "STS", name: action), time: time, jitter: jitter
    ) {
      var request = HTTPRequest(
        method: "POST", url: OperationURL.join(endpoint.url, ""),
        headers: [
          HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
          HTTPHeader("User-Agent", SSOPickVersion.userAgent),
        ], body: body)
      let sentAt = time.now
      if let credentials {
        request = SigV4Signer(
          credentials: credentials, region: endpoint.signingRegion, service: "sts"
        )
        .sign(request, at: sentAt)
      }
      let response: HTTPResponse
      do {
        response = try await transport.send(request)
      } catch let error as HTTPTransportError {
        throw STSError.unreachable(operation: action, error)
      }
      guard (200..<300).contains(response.status) else {
        throw Self.error(
          response, operation: action, credentials: credentials, sentAt: sentAt)
      }
      return try Self.result(response, action: action)
    }
  }

  static func result(_ response: HTTPResponse, action: String) throws(STSError)
    -> XMLReader.Element
  {
    let root: XMLReader.Element
    do {
      root = try XMLReader.parse(response.body)
    } catch {
      throw .malformedResponse(operation: action, reason: error.description)
    }
    guard root.localName == action + "Response", let result = root.child(action + "Result")
    else {
      throw .malformedResponse(operation: action, reason: "no \(action)Result element")
    }
    return result
  }

  static func assumedRole(_ result: XMLReader.Element, operation: String) throws(STSError)
    -> AssumedRole
  {
    guard let credentials = result.child("Credentials"),
      let accessKeyID = credentials.child("AccessKeyId")?.text,
      let secret = credentials.child("SecretAccessKey")?.text,
      let token = credentials.child("SessionToken")?.text,
      let expirationText = credentials.child("Expiration")?.text
    else {
      throw .malformedResponse(operation: operation, reason: "the Credentials are incomplete")
    }
    guard let expiration = AWSTimestamp.parse(expirationText) else {
      throw .malformedResponse(operation: operation, reason: "the Expiration is not a timestamp")
    }
    guard let user = result.child("AssumedRoleUser"),
      let roleID = user.child("AssumedRoleId")?.text, let arn = user.child("Arn")?.text
    else {
      throw .malformedResponse(operation: operation, reason: "the AssumedRoleUser is incomplete")
    }
    return AssumedRole(
      credentials: AWSCredentials(
        accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token,
        expiration: expiration),
      user: AssumedRoleUser(assumedRoleID: roleID, arn: arn),
      packedPolicySize: result.child("PackedPolicySize").flatMap { Int($0.text) },
      sourceIdentity: result.child("SourceIdentity")?.text)
  }

  /// The error in `response` (spec §12.3's `ErrorResponse`), typed by its code.
  static func error(
    _ response: HTTPResponse, operation: String, credentials: AWSCredentials?, sentAt: Date
  ) -> STSError {
    let parsed = try? XMLReader.parse(response.body)
    let error = parsed.flatMap { $0.localName == "ErrorResponse" ? $0.child("Error") : nil }
    let code = error?.child("Code")?.text.trimmingCharacters(in: .whitespaces) ?? ""
    let message =
      error?.child("Message")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    let requestID =
      parsed?.child("RequestId")?.text ?? response.header("x-amzn-RequestId")
    let service = AWSServiceError(
      code: code.isEmpty ? String(response.status) : code, message: message,
      status: response.status, requestID: requestID,
      retryAfter: response.header("Retry-After").flatMap { Int($0) }.map { .seconds($0) })
    switch code {
    case "ExpiredToken" where credentials != nil, "ExpiredTokenException" where credentials != nil,
      "RequestExpired" where credentials != nil:
      return .expiredCredentials(
        operation: operation, expiredAt: credentials?.expiration, now: sentAt)
    case "ExpiredTokenException" where operation == "AssumeRoleWithSAML",
      "InvalidIdentityToken", "IDPRejectedClaim":
      return .samlAssertionRefused(code: code, message: message)
    case "InvalidClientTokenId", "UnrecognizedClientException":
      return .unknownAccessKey(operation: operation)
    case "MissingAuthenticationToken":
      return .missingAuthentication(operation: operation)
    case "SignatureDoesNotMatch":
      let skew = response.header("Date").flatMap(HTTPDate.parse).map {
        $0.timeIntervalSince(sentAt)
      }
      return .signatureMismatch(operation: operation, clockSkew: skew, message: message)
    case "AccessDenied", "AccessDeniedException":
      let (caller, resource) = Self.principals(inDenial: message)
      return .accessDenied(
        operation: operation, caller: caller, resource: resource, message: message)
    case "ValidationError", "MalformedPolicyDocument", "PackedPolicyTooLarge",
      "InvalidParameterValue", "MissingParameter", "InvalidAction", "RegionDisabledException":
      return .invalidRequest(operation: operation, code: code, message: message)
    default:
      return .service(operation: operation, service)
    }
  }

  /// The caller and resource ARNs of "User: <caller> is not authorized to perform: <action>
  /// on resource: <resource>[ …]".
  static func principals(inDenial message: String) -> (caller: String?, resource: String?) {
    func token(after marker: String) -> String? {
      guard let range = message.range(of: marker) else { return nil }
      let rest = message[range.upperBound...]
      let word = rest.prefix { !$0.isWhitespace }
      return word.isEmpty ? nil : String(word)
    }
    return (token(after: "User: "), token(after: "on resource: "))
  }
}
