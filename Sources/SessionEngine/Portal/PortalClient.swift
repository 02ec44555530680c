import Foundation

/// A thin client for the SSO portal (spec §5): ListAccounts, ListAccountRoles,
/// GetRoleCredentials and Logout, each one HTTP call. Paging, concurrency, retries and
/// rate control belong to the catalog loader.
///
/// Every call carries the access token in `x-amz-sso_bearer_token`. Errors are thrown as
/// `PortalError`.
public struct PortalClient: Sendable {
  /// The portal base URL, e.g. `https://portal.sso.eu-central-1.amazonaws.com`.
  public let endpoint: String
  private let transport: any HTTPTransport

  /// Creates a client for `endpoint` sending through `transport`.
  public init(endpoint: String, transport: any HTTPTransport) {
    self.endpoint = endpoint
    self.transport = transport
  }

  /// The largest page the service allows (`max_result` 1...100).
  public static let maxPageSize = 100

  /// One page of ListAccounts.
  public func listAccounts(
    accessToken: String, nextToken: String? = nil, maxResults: Int = maxPageSize
  ) async throws -> PortalPage<AccountInfo> {
    var query = [("max_result", String(maxResults))]
    if let nextToken { query.append(("next_token", nextToken)) }
    let wire: AccountsWire = try await get(
      "assignment/accounts", query: query, accessToken: accessToken, operation: "ListAccounts")
    return PortalPage(
      items: (wire.accountList ?? []).map {
        AccountInfo(
          accountID: $0.accountId, accountName: $0.accountName ?? $0.accountId,
          emailAddress: $0.emailAddress ?? "")
      },
      nextToken: wire.nextToken)
  }

  /// One page of ListAccountRoles for `accountID`.
  public func listAccountRoles(
    accessToken: String, accountID: String, nextToken: String? = nil,
    maxResults: Int = maxPageSize
  ) async throws -> PortalPage<String> {
    var query = [("account_id", accountID), ("max_result", String(maxResults))]
    if let nextToken { query.append(("next_token", nextToken)) }
    let wire: RolesWire = try await get(
      "assignment/roles", query: query, accessToken: accessToken, operation: "ListAccountRoles")
    return PortalPage(items: (wire.roleList ?? []).map(\.roleName), nextToken: wire.nextToken)
  }

  /// GetRoleCredentials: short-term credentials for a role (expiration in epoch ms).
  public func getRoleCredentials(accessToken: String, accountID: String, roleName: String)
    async throws -> RoleCredentials
  {
    let wire: CredentialsWire = try await get(
      "federation/credentials", query: [("account_id", accountID), ("role_name", roleName)],
      accessToken: accessToken, operation: "GetRoleCredentials")
    let credentials = wire.roleCredentials
    return RoleCredentials(
      accessKeyID: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: Date(timeIntervalSince1970: Double(credentials.expiration) / 1000),
      accountID: accountID)
  }

  /// Logout: ends the access token (and its refresh token) at the service.
  public func logout(accessToken: String) async throws {
    let request = HTTPRequest(
      method: "POST", url: OperationURL.join(endpoint, "logout"),
      headers: headers(accessToken), body: Data())
    _ = try await send(request, operation: "Logout")
  }

  private func headers(_ accessToken: String) -> [HTTPHeader] {
    [
      HTTPHeader("x-amz-sso_bearer_token", accessToken),
      HTTPHeader("User-Agent", SSOPickVersion.userAgent),
    ]
  }

  private func get<Wire: Decodable>(
    _ path: String, query: [(String, String)], accessToken: String, operation: String
  ) async throws -> Wire {
    let url = OperationURL.join(endpoint, path) + "?" + PercentEncoding.query(query)
    let response = try await send(
      HTTPRequest(method: "GET", url: url, headers: headers(accessToken)), operation: operation)
    do {
      return try JSONDecoder().decode(Wire.self, from: response.body)
    } catch {
      throw PortalError.malformedResponse(operation: operation)
    }
  }

  private func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
    let response: HTTPResponse
    do {
      response = try await transport.send(request)
    } catch let error as HTTPTransportError {
      throw PortalError.unreachable(operation: operation, error)
    }
    guard (200..<300).contains(response.status) else {
      let error = AWSServiceError(response: response)
      if error.status == 401 || error.code == "UnauthorizedException" {
        throw PortalError.unauthorized(operation: operation)
      }
      throw PortalError.service(operation: operation, error)
    }
    return response
  }

  private struct AccountsWire: Decodable {
    var nextToken: String?
    var accountList: [Account]?

    struct Account: Decodable {
      var accountId: String
      var accountName: String?
      var emailAddress: String?
    }
  }

  private struct RolesWire: Decodable {
    var nextToken: String?
    var roleList: [Role]?

    struct Role: Decodable {
      var roleName: String
    }
  }

  private struct CredentialsWire: Decodable {
    var roleCredentials: Credentials

    struct Credentials: Decodable {
      var accessKeyId: String
      var secretAccessKey: String
      var sessionToken: String
      var expiration: Int64
    }
  }
}

/// One page of a portal listing.
public struct PortalPage<Item: Sendable>: Sendable {
  /// The items on this page.
  public var items: [Item]
  /// The token for the next page; `nil` on the last page (`null` counts as absent).
  public var nextToken: String?

  /// Creates a page.
  public init(items: [Item], nextToken: String?) {
    self.items = items
    self.nextToken = nextToken
  }
}
