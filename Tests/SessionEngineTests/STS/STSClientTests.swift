import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

@Suite("STSClient: the query protocol, XML answers and typed errors")
struct STSClientTests {
  static let credentials = AWSCredentials(
    accessKeyID: "ASIAEXAMPLEKEY", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//tok==",
    expiration: Date(timeIntervalSince1970: 1_767_225_600 - 720))
  static let endpoint = STSEndpoint(
    url: "https://sts.eu-central-1.amazonaws.com", signingRegion: "eu-central-1",
    source: .partitionDefault(partition: "aws"))

  static func xml(_ status: Int, _ body: String, headers: [HTTPHeader] = []) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: [HTTPHeader("Content-Type", "text/xml")] + headers,
      body: Data(body.utf8))
  }

  static func stsError(_ status: Int, _ code: String, _ message: String, type: String = "Sender")
    -> String
  {
    """
    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <Error><Type>\(type)</Type><Code>\(code)</Code><Message>\(message)</Message></Error>
      <RequestId>8e5c2f3a-0000-4000-8000-000000000001</RequestId>
    </ErrorResponse>
    """
  }

  func client(
    _ transport: ScriptedTransport, time: ManualTimeSource = ManualTimeSource(),
    retry: RetryPolicy = RetryPolicy(maxAttempts: 3)
  ) -> STSClient {
    STSClient(
      endpoint: Self.endpoint, transport: transport, time: time, retry: retry, jitter: { 0.5 })
  }

  @Test func getCallerIdentityIsASignedFormPost() async throws {
    let transport = ScriptedTransport([
      { _ in
        Self.xml(
          200,
          """
          <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
            <GetCallerIdentityResult>
              <Arn>arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_Platform_Admin_0123456789abcdef/jane.doe@acme.example</Arn>
              <UserId>AROAEXAMPLEID:jane.doe@acme.example</UserId>
              <Account>210987654321</Account>
              <NewMember>ignored</NewMember>
            </GetCallerIdentityResult>
            <ResponseMetadata><RequestId>x</RequestId></ResponseMetadata>
          </GetCallerIdentityResponse>
          """)
      }
    ])
    let time = ManualTimeSource()
    let identity = try await client(transport, time: time).getCallerIdentity(
      credentials: Self.credentials)
    #expect(identity.account == "210987654321")
    #expect(identity.userID == "AROAEXAMPLEID:jane.doe@acme.example")
    let role = try #require(identity.assumedRole)
    #expect(role.permissionSetName == "Platform_Admin")
    #expect(role.sessionName == "jane.doe@acme.example")
    #expect(role.accountID == "210987654321")
    let request = try #require(transport.requests.first)
    #expect(request.method == "POST")
    #expect(request.url == "https://sts.eu-central-1.amazonaws.com/")
    #expect(request.body == Data("Action=GetCallerIdentity&Version=2011-06-15".utf8))
    #expect(request.headers.value(for: "X-Amz-Date") == SigV4Signer.timestamp(time.now))
    #expect(request.headers.value(for: "X-Amz-Security-Token") == Self.credentials.sessionToken)
    let expected = SigV4Signer(
      credentials: Self.credentials, region: "eu-central-1", service: "sts"
    )
    .signature(for: request)
    #expect(request.headers.value(for: "Authorization") == expected.authorization)
    #expect(expected.authorization.contains("/eu-central-1/sts/aws4_request"))
  }

  @Test func assumeRoleSendsItsParametersAndReadsTheCredentials() async throws {
    let transport = ScriptedTransport([
      { _ in
        Self.xml(
          200,
          """
          <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
            <AssumeRoleResult>
              <SourceIdentity>jane</SourceIdentity>
              <AssumedRoleUser>
                <AssumedRoleId>AROA3XFRBF535PLBIFPI4:s3-access-example</AssumedRoleId>
                <Arn>arn:aws:sts::123456789012:assumed-role/Deploy/jane</Arn>
              </AssumedRoleUser>
              <Credentials>
                <AccessKeyId>ASIAJEXAMPLEXEG2JICEA</AccessKeyId>
                <SecretAccessKey>9drTJvcXLB89EXAMPLELB8923FB892xMFI</SecretAccessKey>
                <SessionToken>AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLEtoken</SessionToken>
                <Expiration>2026-01-01T01:00:00Z</Expiration>
              </Credentials>
              <PackedPolicySize>6</PackedPolicySize>
            </AssumeRoleResult>
            <ResponseMetadata><RequestId>c6104cbe</RequestId></ResponseMetadata>
          </AssumeRoleResponse>
          """)
      }
    ])
    let request = AssumeRoleRequest(
      roleARN: "arn:aws:iam::123456789012:role/Deploy", roleSessionName: "jane",
      durationSeconds: 900, externalID: "ext id/1",
      mfa: .init(serialNumber: "arn:aws:iam::210987654321:mfa/jane", tokenCode: "123456"),
      policyARNs: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      tags: [.init(key: "team", value: "a b")], sourceIdentity: "jane")
    let role = try await client(transport).assumeRole(request, credentials: Self.credentials)
    #expect(role.user.arn == "arn:aws:sts::123456789012:assumed-role/Deploy/jane")
    #expect(role.credentials.accessKeyID == "ASIAJEXAMPLEXEG2JICEA")
    #expect(role.credentials.expiration == AWSTimestamp.parse("2026-01-01T01:00:00Z"))
    #expect(role.packedPolicySize == 6)
    #expect(role.sourceIdentity == "jane")
    #expect(!"\(role)".contains("9drTJ") && !"\(role)".contains("AQoXdz"))
    let body = String(decoding: try #require(transport.requests.first?.body), as: UTF8.self)
    #expect(
      body
        == "Action=AssumeRole&Version=2011-06-15"
        + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FDeploy&RoleSessionName=jane"
        + "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"
        + "&DurationSeconds=900&Tags.member.1.Key=team&Tags.member.1.Value=a%20b"
        + "&ExternalId=ext%20id%2F1&SerialNumber=arn%3Aaws%3Aiam%3A%3A210987654321%3Amfa%2Fjane"
        + "&TokenCode=123456&SourceIdentity=jane")
  }

  @Test func assumeRoleWithSAMLIsUnsigned() async throws {
    let transport = ScriptedTransport([
      { _ in
        Self.xml(
          200,
          """
          <AssumeRoleWithSAMLResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
            <AssumeRoleWithSAMLResult>
              <Issuer>https://idp.acme.example/saml</Issuer>
              <AssumedRoleUser><AssumedRoleId>AROAX:jane</AssumedRoleId>
                <Arn>arn:aws:sts::210987654321:assumed-role/PlatformAdmin/jane</Arn></AssumedRoleUser>
              <Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>s</SecretAccessKey>
                <SessionToken>t</SessionToken><Expiration>2026-01-01T01:00:00.000Z</Expiration></Credentials>
              <Audience>https://signin.aws.amazon.com/saml</Audience>
              <SubjectType>transient</SubjectType><Subject>jane</Subject>
            </AssumeRoleWithSAMLResult>
          </AssumeRoleWithSAMLResponse>
          """)
      }
    ])
    let result = try await client(transport).assumeRoleWithSAML(
      AssumeRoleWithSAMLRequest(
        roleARN: "arn:aws:iam::210987654321:role/PlatformAdmin",
        principalARN: "arn:aws:iam::210987654321:saml-provider/AcmeIdP",
        samlAssertion: "PHNhbWxwOlJlc3BvbnNlIC4uLg==", durationSeconds: 3600))
    #expect(result.issuer == "https://idp.acme.example/saml")
    #expect(result.subjectType == "transient")
    #expect(result.role.user.assumedRoleID == "AROAX:jane")
    let request = try #require(transport.requests.first)
    #expect(request.headers.value(for: "Authorization") == nil)
    #expect(request.headers.value(for: "X-Amz-Security-Token") == nil)
    #expect(
      String(decoding: request.body ?? Data(), as: UTF8.self).contains(
        "SAMLAssertion=PHNhbWxwOlJlc3BvbnNlIC4uLg%3D%3D"))
  }

  func failure(_ response: HTTPResponse, time: ManualTimeSource = ManualTimeSource()) async
    -> (any Error)?
  {
    let transport = ScriptedTransport([{ _ in response }])
    do {
      _ = try await client(transport, time: time).getCallerIdentity(credentials: Self.credentials)
      return nil
    } catch {
      return error
    }
  }

  @Test func expiredCredentialsSayWhenAndWhatToDo() async throws {
    let error = await failure(
      Self.xml(
        400,
        Self.stsError(400, "ExpiredToken", "The security token included in the request is expired"))
    )
    let sts = try #require(error as? STSError)
    #expect(sts.code == "ExpiredToken")
    #expect(sts.description.contains("expired at 2025-12-31T23:48:00Z (12 minutes ago)"))
    #expect(sts.description.contains("ssopick export"))
  }

  @Test func unknownKeyAndMissingSignature() async throws {
    let unknown = await failure(
      Self.xml(
        403,
        Self.stsError(
          403, "InvalidClientTokenId", "The security token included in the request is invalid.")))
    #expect(unknown as? STSError == .unknownAccessKey(operation: "GetCallerIdentity"))
    let missing = await failure(
      Self.xml(
        403,
        Self.stsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token"))
    )
    #expect(missing as? STSError == .missingAuthentication(operation: "GetCallerIdentity"))
  }

  @Test func signatureMismatchMeasuresTheSkewFromTheDateHeader() async throws {
    let time = ManualTimeSource()  // 2026-01-01T00:00:00Z
    let skewed = await failure(
      Self.xml(
        403,
        Self.stsError(
          403, "SignatureDoesNotMatch",
          "Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T002000Z - 15 min.)"
        ),
        headers: [HTTPHeader("Date", "Thu, 01 Jan 2026 00:20:00 GMT")]), time: time)
    let error = try #require(skewed as? STSError)
    guard case .signatureMismatch(_, let skew, _) = error else {
      Issue.record("\(error)")
      return
    }
    #expect(skew == 1200)
    #expect(error.description.contains("clock is 20 minutes behind STS's"))
    let inTime = await failure(
      Self.xml(
        403,
        Self.stsError(
          403, "SignatureDoesNotMatch", "The request signature we calculated does not match"),
        headers: [HTTPHeader("Date", "Thu, 01 Jan 2026 00:00:01 GMT")]), time: time)
    #expect("\(inTime.map { "\($0)" } ?? "")".contains("clock agrees"))
  }

  @Test func accessDeniedNamesTheCallerAndTheRole() async throws {
    let caller =
      "arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_PlatformAdmin_0123456789abcdef/jane"
    let role = "arn:aws:iam::109876543210:role/Deploy"
    let transport = ScriptedTransport([
      { _ in
        Self.xml(
          403,
          Self.stsError(
            403, "AccessDenied",
            "User: \(caller) is not authorized to perform: sts:AssumeRole on resource: \(role)"))
      }
    ])
    do {
      _ = try await client(transport).assumeRole(
        AssumeRoleRequest(roleARN: role, roleSessionName: "jane"), credentials: Self.credentials)
      Issue.record("no error")
    } catch let error as STSError {
      #expect(
        error
          == .accessDenied(
            operation: "AssumeRole", caller: caller, resource: role,
            message:
              "User: \(caller) is not authorized to perform: sts:AssumeRole on resource: \(role)"))
      #expect(error.description.hasPrefix("\(caller) may not assume \(role) (AccessDenied)"))
    }
  }

  @Test func validationErrorExplainsTheChainedLimitAndServerTextIsEscaped() async throws {
    let error = await failure(
      Self.xml(
        400,
        Self.stsError(
          400, "ValidationError",
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.&#x202E;[31m"
        )))
    let text = "\(error.map { "\($0)" } ?? "")"
    #expect(text.contains("ask for 3600 seconds or less"))
    #expect(text.contains("\\u{202e}[31m") && !text.contains("\u{202E}"))
  }

  @Test func throttlingAndServerErrorsAreRetriedThroughThePolicy() async throws {
    let ok = """
      <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/u</Arn>
      <UserId>AIDA</UserId><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>
      """
    let transport = ScriptedTransport([
      { _ in Self.xml(400, Self.stsError(400, "Throttling", "Rate exceeded")) },
      { _ in HTTPResponse(status: 503, body: Data("<html>busy</html>".utf8)) },
      { _ in Self.xml(200, ok) },
    ])
    let time = ManualTimeSource()
    let identity = try await client(
      transport, time: time, retry: RetryPolicy(maxAttempts: 3, baseDelay: .seconds(4))
    ).getCallerIdentity(credentials: Self.credentials)
    #expect(identity.account == "1")
    #expect(identity.assumedRole == nil)
    #expect(transport.requests.count == 3)
    #expect(time.sleeps.count == 2)
    // Each attempt is signed at its own time.
    let dates = transport.requests.map { $0.headers.value(for: "X-Amz-Date") }
    #expect(Set(dates).count == 3)
  }

  @Test func exhaustedThrottlingEndsInARetryError() async throws {
    let transport = ScriptedTransport(
      fallback: { _ in Self.xml(400, Self.stsError(400, "Throttling", "Rate exceeded")) })
    do {
      _ = try await client(transport).getCallerIdentity(credentials: Self.credentials)
      Issue.record("no error")
    } catch let error as RetryError {
      #expect("\(error)".contains("STS kept failing GetCallerIdentity (3 attempts)"))
      #expect((error.underlying as? STSError)?.code == "Throttling")
    }
  }

  @Test func unreadableAnswersAndUnreachableSTS() async throws {
    let garbage = await failure(HTTPResponse(status: 200, body: Data("<html>".utf8)))
    guard case .malformedResponse = garbage as? STSError else {
      Issue.record("\(String(describing: garbage))")
      return
    }
    let missing = await failure(
      Self.xml(
        200, "<GetCallerIdentityResponse><GetCallerIdentityResult/></GetCallerIdentityResponse>"))
    guard case .malformedResponse = missing as? STSError else {
      Issue.record("\(String(describing: missing))")
      return
    }
    let html = await failure(
      HTTPResponse(status: 403, body: Data("<html><body>no</body></html>".utf8)))
    #expect((html as? STSError)?.code == "403")
    let transport = ScriptedTransport(fallback: { _ in
      throw HTTPTransportError(kind: .tls, message: "certificate not trusted", host: "sts.test")
    })
    do {
      _ = try await client(transport).getCallerIdentity(credentials: Self.credentials)
    } catch let error as STSError {
      #expect(error.description.hasPrefix("Could not reach STS for GetCallerIdentity"))
    }
  }

  @Test func requestsAreValidatedBeforeSending() async throws {
    let transport = ScriptedTransport()
    let sts = client(transport)
    for request in [
      AssumeRoleRequest(roleARN: "Deploy", roleSessionName: "jane"),
      AssumeRoleRequest(roleARN: "arn:aws:iam::1:role/Deploy", roleSessionName: "jane doe"),
      AssumeRoleRequest(roleARN: "arn:aws:iam::1:role/Deploy", roleSessionName: "j"),
      AssumeRoleRequest(
        roleARN: "arn:aws:iam::1:role/Deploy", roleSessionName: "jane", durationSeconds: 600),
      AssumeRoleRequest(
        roleARN: "arn:aws:iam::1:role/Deploy", roleSessionName: "jane", externalID: "x"),
      AssumeRoleRequest(
        roleARN: "arn:aws:iam::1:role/Deploy", roleSessionName: "jane",
        mfa: .init(serialNumber: "arn:aws:iam::1:mfa/jane", tokenCode: "12345")),
    ] {
      await #expect(throws: STSError.self) {
        _ = try await sts.assumeRole(request, credentials: Self.credentials)
      }
    }
    #expect(transport.requests.isEmpty)
    #expect(AssumeRoleRequest.sessionName(from: "Jane Doe (admin)") == "Jane-Doe--admin-")
    #expect(AssumeRoleRequest.sessionName(from: "j") == "j-")
    #expect(AssumeRoleRequest.sessionName(from: String(repeating: "a", count: 80)).count == 64)
  }

  @Test func httpDates() {
    #expect(
      HTTPDate.parse("Thu, 01 Jan 2026 00:20:00 GMT") == Date(timeIntervalSince1970: 1_767_226_800))
    #expect(HTTPDate.parse("Thursday, 01-Jan-26 00:20:00 GMT") == nil)
    #expect(HTTPDate.parse("Thu, 01 Jan 2026 25:20:00 GMT") == nil)
  }
}
