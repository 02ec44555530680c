import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

struct PortalClientTests {
  @Test func listAccountsEncodesHostileTokensAndSendsTheBearerHeader() async throws {
    let transport = ScriptedTransport([
      { _ in
        .json(
          200,
          #"{"nextToken":"AAMA-EXAMPLE/page2+x=","accountList":[{"accountId":"012345678901","accountName":"Zürich & Co (EU)","emailAddress":"aws@acme.example"},{"accountId":"109876543210"}]}"#
        )
      },
      { _ in .json(200, #"{"nextToken":null,"accountList":[]}"#) },
    ])
    let portal = PortalClient(
      endpoint: "https://portal.sso.eu-central-1.amazonaws.com", transport: transport)
    let first = try await portal.listAccounts(accessToken: "tok")
    #expect(first.nextToken == "AAMA-EXAMPLE/page2+x=")
    #expect(
      first.items == [
        AccountInfo(
          accountID: "012345678901", accountName: "Zürich & Co (EU)",
          emailAddress: "aws@acme.example"),
        AccountInfo(accountID: "109876543210", accountName: "109876543210", emailAddress: ""),
      ])
    let second = try await portal.listAccounts(accessToken: "tok", nextToken: first.nextToken)
    #expect(second.nextToken == nil)
    #expect(second.items.isEmpty)

    let urls = transport.requests.map(\.url)
    #expect(
      urls == [
        "https://portal.sso.eu-central-1.amazonaws.com/assignment/accounts?max_result=100",
        "https://portal.sso.eu-central-1.amazonaws.com/assignment/accounts?max_result=100&next_token=AAMA-EXAMPLE%2Fpage2%2Bx%3D",
      ])
    #expect(
      transport.requests.allSatisfy { $0.headers.value(for: "x-amz-sso_bearer_token") == "tok" })
    #expect(transport.requests.allSatisfy { $0.method == "GET" && $0.body == nil })
  }

  @Test func listRolesAndCredentials() async throws {
    let transport = ScriptedTransport([
      { _ in
        .json(
          200,
          #"{"roleList":[{"roleName":"PlatformAdmin","accountId":"210987654321"},{"roleName":"ReadOnly","accountId":"210987654321"}]}"#
        )
      },
      { _ in
        .json(
          200,
          #"{"roleCredentials":{"accessKeyId":"ASIA","secretAccessKey":"sk/+","sessionToken":"st==","expiration":1767229200000}}"#
        )
      },
    ])
    let portal = PortalClient(endpoint: "http://p/", transport: transport)
    let roles = try await portal.listAccountRoles(accessToken: "t", accountID: "210987654321")
    #expect(roles.items == ["PlatformAdmin", "ReadOnly"])
    #expect(roles.nextToken == nil)
    let credentials = try await portal.getRoleCredentials(
      accessToken: "t", accountID: "210987654321", roleName: "Platform Admin")
    #expect(credentials.expiration == Date(timeIntervalSince1970: 1_767_229_200))
    #expect(credentials.secretAccessKey == "sk/+")
    #expect(!String(describing: credentials).contains("sk/+"))
    #expect(
      transport.requests.map(\.url) == [
        "http://p/assignment/roles?account_id=210987654321&max_result=100",
        "http://p/federation/credentials?account_id=210987654321&role_name=Platform%20Admin",
      ])
  }

  @Test func logoutIsAnEmptyPost() async throws {
    let transport = ScriptedTransport([{ _ in HTTPResponse(status: 200) }])
    try await PortalClient(endpoint: "http://p", transport: transport).logout(accessToken: "t")
    let request = try #require(transport.requests.first)
    #expect(request.method == "POST")
    #expect(request.url == "http://p/logout")
    #expect(request.body == Data())
    #expect(request.headers.value(for: "content-type") == nil)
  }

  @Test func errorsAreMappedPerSpec() async {
    let portal = { (response: HTTPResponse) in
      PortalClient(endpoint: "http://p", transport: ScriptedTransport([{ _ in response }]))
    }
    await #expect(throws: PortalError.unauthorized(operation: "ListAccounts")) {
      try await portal(
        .awsError(
          401, "UnauthorizedException", #"{"message":"Session token not found or invalid"}"#)
      ).listAccounts(accessToken: "t")
    }
    await #expect {
      try await portal(
        HTTPResponse(
          status: 429,
          headers: [
            HTTPHeader("x-amzn-ErrorType", "TooManyRequestsException"),
            HTTPHeader("Retry-After", "2"),
          ],
          body: Data(#"{"message":"Rate exceeded"}"#.utf8))
      ).listAccountRoles(accessToken: "t", accountID: "1")
    } throws: { error in
      guard let service = (error as? PortalError)?.serviceError else { return false }
      return service.code == "TooManyRequestsException" && service.isRetryable
        && service.retryAfter == .seconds(2)
    }
    await #expect(throws: PortalError.malformedResponse(operation: "GetRoleCredentials")) {
      try await portal(.json(200, "{}")).getRoleCredentials(
        accessToken: "t", accountID: "1", roleName: "r")
    }
    await #expect {
      try await PortalClient(
        endpoint: "http://p",
        transport: ScriptedTransport([
          { _ in throw HTTPTransportError(kind: .timeout, message: "Operation timed out", host: "p")
          }
        ])
      ).listAccounts(accessToken: "secret-token")
    } throws: { error in
      let text = String(describing: error)
      return text.contains("Operation timed out") && !text.contains("secret-token")
    }
  }
}
