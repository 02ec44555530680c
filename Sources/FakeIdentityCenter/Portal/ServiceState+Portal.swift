import Foundation
import LoopbackServer

/// The portal operations (spec §5): ListAccounts, ListAccountRoles, GetRoleCredentials, Logout.
extension ServiceState {
  /// The session of the `x-amz-sso_bearer_token`, or 401 UnauthorizedException.
  func authenticatedSession(_ context: Context) throws -> (token: String, sessionID: Int) {
    guard let token = context.request.header("x-amz-sso_bearer_token"), !token.isEmpty,
      let record = accessTokens[token], !record.revoked, record.expiresAt > context.now,
      !sessions[record.sessionID].revoked
    else {
      throw APIError(.unauthorized)
    }
    return (token, record.sessionID)
  }

  private func pageSize(_ context: Context) throws -> Int {
    guard let text = context.query["max_result"] else { return options.defaultPageSize }
    guard let value = Int(text), (1...100).contains(value) else {
      throw APIError(.invalidRequest, "max_result must be an integer between 1 and 100")
    }
    return value
  }

  private func offset(_ context: Context, listing: PageToken.Listing, count: Int) throws -> Int {
    guard let text = context.query["next_token"] else { return 0 }
    guard let token = PageToken.decode(text, key: pageKey), token.listing == listing,
      token.offset > 0, token.offset < count
    else {
      throw APIError(.invalidRequest, "Invalid next token")
    }
    return token.offset
  }

  /// `{"nextToken":…,"<key>":[…]}`, `nextToken` omitted on the last page.
  private func page(
    _ entries: [String], key: String, listing: PageToken.Listing, _ context: Context
  ) throws -> FakeHTTPResponse {
    let size = try pageSize(context)
    let start = try offset(context, listing: listing, count: entries.count)
    let end = min(entries.count, start + size)
    var members: [(String, JSONValue)] = []
    if repeatNextToken, let token = context.query["next_token"] {
      members.append(("nextToken", .string(token)))
    } else if end < entries.count {
      members.append(
        ("nextToken", .string(PageToken(listing: listing, offset: end).encoded(key: pageKey))))
    }
    members.append((key, .raw("[" + entries[start..<end].joined(separator: ",") + "]")))
    return .json(200, .object(members))
  }

  func listAccounts(_ context: Context) throws -> FakeHTTPResponse {
    _ = try authenticatedSession(context)
    return try page(catalog.accountEntries, key: "accountList", listing: .accounts, context)
  }

  func accountIndex(_ context: Context) throws -> Int {
    guard let accountId = context.query["account_id"], !accountId.isEmpty else {
      throw APIError(.invalidRequest, "account_id is required")
    }
    guard let index = catalog.indexByAccountID[accountId] else {
      throw APIError(.resourceNotFound, "Account not found")
    }
    return index
  }

  func listAccountRoles(_ context: Context) throws -> FakeHTTPResponse {
    _ = try authenticatedSession(context)
    let index = try accountIndex(context)
    return try page(
      catalog.roleEntries[index], key: "roleList", listing: .roles(accountIndex: index), context)
  }

  mutating func getRoleCredentials(_ context: Context) throws -> FakeHTTPResponse {
    _ = try authenticatedSession(context)
    guard let roleName = context.query["role_name"], !roleName.isEmpty else {
      throw APIError(.invalidRequest, "role_name is required")
    }
    let index = try accountIndex(context)
    guard catalog.roleSets[index].contains(roleName) else {
      throw APIError(.forbidden)
    }
    let accessKeyId = SecretFactory.accessKeyID()
    let record = RoleCredentialRecord(
      secretAccessKey: SecretFactory.secretAccessKey(),
      sessionToken: SecretFactory.sessionToken(),
      expiresAt: context.now.addingTimeInterval(options.roleCredentialLifetime),
      accountId: catalog.organisation.accounts[index].accountId, roleName: roleName)
    roleCredentials[accessKeyId] = record
    return .json(
      200,
      .object([
        (
          "roleCredentials",
          .object([
            ("accessKeyId", .string(accessKeyId)),
            ("secretAccessKey", .string(record.secretAccessKey)),
            ("sessionToken", .string(record.sessionToken)),
            ("expiration", .int(Timestamp.epochMilliseconds(record.expiresAt))),
          ])
        )
      ]))
  }

  /// Ends the session of the bearer token: its access tokens and its refresh token.
  mutating func logout(_ context: Context) throws -> FakeHTTPResponse {
    let session = try authenticatedSession(context)
    sessions[session.sessionID].revoked = true
    return FakeHTTPResponse(status: 200)
  }
}
