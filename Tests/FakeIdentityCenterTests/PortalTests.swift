import FakeIdentityCenter
import Foundation
import LoopbackServer
import Testing

@Suite("Portal: pagination, lookups, credentials and errors")
struct PortalTests {
  /// Walks every page of `path` with `pageSize`, returning the items and the tokens seen.
  static func walk(
    _ center: FakeIdentityCenter, _ path: String, key: String, token: String, pageSize: Int?
  ) async throws -> (items: [[String: Any]], tokens: [String]) {
    var items: [[String: Any]] = []
    var tokens: [String] = []
    var next: String?
    repeat {
      var query: [String] = []
      if path.contains("?") == false { query = [] }
      if let pageSize { query.append("max_result=\(pageSize)") }
      if let next { query.append("next_token=\(percentEncoded(next))") }
      let separator = path.contains("?") ? "&" : "?"
      let target = query.isEmpty ? path : path + separator + query.joined(separator: "&")
      let response = await center.get(target, token: token)
      try #require(response.status == 200, "\(target): \(response.text)")
      let json = try #require(response.jsonObject)
      items += try #require(json[key] as? [[String: Any]])
      next = json["nextToken"] as? String
      if let next { tokens.append(next) }
    } while next != nil
    return (items, tokens)
  }

  @Test(arguments: [1, 3, 7, 59, 60, 100])
  func accountsPaginateToExactlyTheOrganisation(pageSize: Int) async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    let (items, pageTokens) = try await Self.walk(
      center, "/assignment/accounts", key: "accountList", token: tokens.access,
      pageSize: pageSize)
    let expected = center.organisation.accounts
    #expect(items.map { $0["accountId"] as? String } == expected.map(\.accountId))
    #expect(items.map { $0["accountName"] as? String } == expected.map(\.accountName))
    #expect(items.map { $0["emailAddress"] as? String } == expected.map(\.emailAddress))
    #expect(pageTokens.count == (expected.count - 1) / pageSize)
    #expect(pageTokens.allSatisfy { $0.contains("+") && $0.contains("/") && $0.contains("=") })
  }

  @Test func defaultPageSizeApplies() async throws {
    let center = try Fixture.center { $0.defaultPageSize = 25 }
    let (_, tokens) = try await center.login()
    let response = await center.get("/assignment/accounts", token: tokens.access)
    #expect((response.jsonObject?["accountList"] as? [Any])?.count == 25)
    let (items, pages) = try await Self.walk(
      center, "/assignment/accounts", key: "accountList", token: tokens.access, pageSize: nil)
    #expect(items.count == 60 && pages.count == 2)
  }

  @Test func rolesPaginatePerAccount() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    for account in center.organisation.accounts.prefix(12) {
      let (items, _) = try await Self.walk(
        center, "/assignment/roles?account_id=\(account.accountId)", key: "roleList",
        token: tokens.access, pageSize: 2)
      #expect(items.map { $0["roleName"] as? String } == account.roles)
      #expect(items.allSatisfy { $0["accountId"] as? String == account.accountId })
    }
  }

  @Test func tokensAreBoundToTheirListingAndCannotBeForged() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    let first = await center.get("/assignment/accounts?max_result=5", token: tokens.access)
    let next = try #require(first.jsonObject?["nextToken"] as? String)
    let account = center.organisation.accounts[59]  // 6 roles
    let roles = "/assignment/roles?account_id=\(account.accountId)&max_result=1&next_token="
    let misuse = await center.get(roles + percentEncoded(next), token: tokens.access)
    #expect(misuse.status == 400 && misuse.errorType == "InvalidRequestException")
    var bytes = Array(try #require(Data(base64Encoded: next)))
    bytes[10] ^= 1
    let forged = Data(bytes).base64EncodedString()
    let edited = await center.get(
      "/assignment/accounts?next_token=" + percentEncoded(forged), token: tokens.access)
    #expect(edited.errorType == "InvalidRequestException")
    // A literal `+`, `/` and `=` (not percent-encoded) is read as itself, never as a space.
    let literal = await center.get("/assignment/accounts?next_token=" + next, token: tokens.access)
    #expect(literal.status == 200)
    let encoded = await center.get(
      "/assignment/accounts?next_token=" + percentEncoded(next), token: tokens.access)
    #expect(literal.body == encoded.body)
  }

  @Test(arguments: ["0", "101", "-1", "ten", ""])
  func maxResultOutOfRangeIsInvalidRequest(value: String) async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    let response = await center.get(
      "/assignment/accounts?max_result=\(value)", token: tokens.access)
    #expect(response.status == 400)
    #expect(response.errorType == "InvalidRequestException")
    #expect(response.jsonObject?["message"] is String)
  }

  @Test(arguments: [nil, "", "unknown-token"] as [String?])
  func badBearerIs401WithTheRealMessage(token: String?) async throws {
    let center = try Fixture.center()
    for target in [
      "/assignment/accounts", "/assignment/roles?account_id=210987654321",
      "/federation/credentials?account_id=210987654321&role_name=Billing",
    ] {
      let response = await center.get(target, token: token)
      #expect(response.status == 401)
      #expect(response.errorType == "UnauthorizedException")
      #expect(response.text == #"{"message":"Session token not found or invalid"}"#)
      #expect(response.header("Content-Type") == "application/json")
    }
  }

  @Test func unknownAccountIs404AndMissingParametersAre400() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    let roles = await center.get("/assignment/roles?account_id=000000000000", token: tokens.access)
    #expect(roles.status == 404 && roles.errorType == "ResourceNotFoundException")
    let creds = await center.get(
      "/federation/credentials?account_id=000000000000&role_name=Billing", token: tokens.access)
    #expect(creds.status == 404)
    #expect(await center.get("/assignment/roles", token: tokens.access).status == 400)
    #expect(
      await center.get("/federation/credentials?account_id=210987654321", token: tokens.access)
        .errorType == "InvalidRequestException")
  }

  @Test func unassignedRoleIs403NoAccess() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    let response = await center.get(
      "/federation/credentials?account_id=210987654321&role_name=DataScientist",
      token: tokens.access)
    #expect(response.status == 403 && response.errorType == "ForbiddenException")
    #expect(response.text == #"{"message":"No access"}"#)
  }

  @Test func credentialsCarryExpirationInMilliseconds() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) { $0.roleCredentialLifetime = 3_600 }
    let (_, tokens) = try await center.login()
    let response = await center.get(
      "/federation/credentials?role_name=AdministratorAccess&account_id=210987654321",
      token: tokens.access)
    let credentials = try #require(response.jsonObject?["roleCredentials"] as? [String: Any])
    #expect(credentials["expiration"] as? Int == (1_767_225_600 + 3_600) * 1_000)
    #expect((credentials["accessKeyId"] as? String)?.hasPrefix("ASIA") == true)
    #expect((credentials["secretAccessKey"] as? String)?.count == 40)
    #expect((credentials["sessionToken"] as? String)?.hasSuffix("==") == true)
  }

  @Test func unknownPathIs404UnknownOperation() async throws {
    let center = try Fixture.center()
    let response = await center.get("/assignment/everything")
    #expect(response.status == 404 && response.errorType == "UnknownOperationException")
  }

  @Test func nonASCIINamesAreServedAsUTF8() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    let response = await center.get("/assignment/accounts?max_result=100", token: tokens.access)
    #expect(response.text.contains("Zürich Analytics"))
    #expect(response.text.contains("Payments (EU) & Billing"))
    #expect(!response.text.contains("\\/"))
  }
}
