import Crypto
import Foundation
import LoopbackServer

/// The OIDC operations: RegisterClient, StartDeviceAuthorization and CreateToken (spec §3).
extension ServiceState {
  static let accountAccessScope = "sso:account:access"

  func jsonBody(_ context: Context) throws -> JSONValue {
    guard let body = JSONValue.parse(context.request.body), case .object = body else {
      throw APIError(.invalidRequest, "The request body must be a JSON object")
    }
    return body
  }

  func string(_ body: JSONValue, _ key: String) throws -> String {
    guard let member = body[key], member != .null else {
      throw APIError(.invalidRequest, "\(key) is required")
    }
    guard let value = member.stringValue, !value.isEmpty else {
      throw APIError(.invalidRequest, "\(key) must be a non-empty string")
    }
    return value
  }

  func optionalStrings(_ body: JSONValue, _ key: String) throws -> [String]? {
    guard let member = body[key], member != .null else { return nil }
    guard let values = member.stringArray else {
      throw APIError(.invalidRequest, "\(key) must be a list of strings")
    }
    return values
  }

  static func isValidScope(_ scope: String) -> Bool {
    !scope.isEmpty && scope.count <= 256 && !scope.contains(where: \.isWhitespace)
  }

  /// Loopback redirect URIs as RFC 8252 §7.3 allows: `http`, host 127.0.0.1 (or `localhost`,
  /// `[::1]`); the port is ignored when matching.
  static func loopbackParts(_ uri: String) -> (host: String, path: String)? {
    guard let components = URLComponents(string: uri), components.scheme == "http",
      let host = components.host?.lowercased(),
      ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host), components.fragment == nil
    else { return nil }
    let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
    return (host, path + (components.percentEncodedQuery.map { "?" + $0 } ?? ""))
  }

  // MARK: RegisterClient

  mutating func registerClient(_ context: Context) throws -> FakeHTTPResponse {
    let body = try jsonBody(context)
    let name = try string(body, "clientName")
    let type = try string(body, "clientType")
    guard type == "public" else {
      throw APIError(.invalidClientMetadata, "clientType must be public")
    }
    let scopes = try optionalStrings(body, "scopes") ?? []
    if let bad = scopes.first(where: { !ServiceState.isValidScope($0) }) {
      throw APIError(.invalidScope, "Invalid scope: \(bad)")
    }
    let grantTypes = try optionalStrings(body, "grantTypes")
    if let bad = grantTypes?.first(where: { !Grant.all.contains($0) }) {
      throw APIError(.unsupportedGrantType, "Unsupported grant type: \(bad)")
    }
    let redirectURIs = try optionalStrings(body, "redirectUris") ?? []
    if let bad = redirectURIs.first(where: { ServiceState.loopbackParts($0) == nil }) {
      throw APIError(.invalidRedirectURI, "Redirect URI must be an http loopback URI: \(bad)")
    }
    var issuer: String?
    if grantTypes?.contains(Grant.authorizationCode) == true {
      guard !redirectURIs.isEmpty else {
        throw APIError(.invalidRequest, "redirectUris is required for authorization_code")
      }
      let issuerURL = try string(body, "issuerUrl")
      guard let url = URLComponents(string: issuerURL), url.scheme == "https", url.host != nil
      else {
        throw APIError(.invalidRequest, "issuerUrl must be an https URL")
      }
      issuer = issuerURL
    }
    let client = ClientRecord(
      clientId: SecretFactory.clientID(), clientSecret: SecretFactory.clientSecret(),
      clientName: name, scopes: scopes, grantTypes: grantTypes, redirectURIs: redirectURIs,
      issuerURL: issuer, issuedAt: context.now,
      expiresAt: context.now.addingTimeInterval(options.registrationLifetime))
    clients[client.clientId] = client
    return .json(
      200,
      .object([
        ("clientId", .string(client.clientId)), ("clientSecret", .string(client.clientSecret)),
        ("clientIdIssuedAt", .int(Timestamp.epochSeconds(client.issuedAt))),
        ("clientSecretExpiresAt", .int(Timestamp.epochSeconds(client.expiresAt))),
      ]))
  }

  /// The client named by `clientId`/`clientSecret`, or 401 InvalidClientException.
  func authenticatedClient(_ body: JSONValue, now: Date) throws -> ClientRecord {
    let clientId = try string(body, "clientId")
    let secret = try string(body, "clientSecret")
    guard let client = clients[clientId], client.clientSecret == secret else {
      throw APIError(.invalidClient)
    }
    guard client.expiresAt > now else {
      throw APIError(.invalidClient, "Client registration has expired")
    }
    return client
  }

  // MARK: StartDeviceAuthorization

  mutating func startDeviceAuthorization(_ context: Context) throws -> FakeHTTPResponse {
    let body = try jsonBody(context)
    _ = try string(body, "clientId")
    _ = try string(body, "clientSecret")
    let startURL = try string(body, "startUrl")
    let client = try authenticatedClient(body, now: context.now)
    guard client.allows(grant: Grant.deviceCode) else {
      throw APIError(.unauthorizedClient, "Client is not registered for the device code grant")
    }
    guard let url = URLComponents(string: startURL), url.scheme == "https" || url.scheme == "http",
      url.host != nil
    else {
      throw APIError(.invalidRequest, "startUrl must be a URL")
    }
    var userCode = SecretFactory.userCode()
    while deviceCodeByUserCode[userCode] != nil { userCode = SecretFactory.userCode() }
    let grant = DeviceGrantRecord(
      deviceCode: SecretFactory.deviceCode(), userCode: userCode, clientId: client.clientId,
      createdAt: context.now,
      expiresAt: context.now.addingTimeInterval(options.deviceCodeLifetime), state: .pending,
      autoApproveAt: options.autoApprove
        ? context.now.addingTimeInterval(options.autoApproveDelay) : nil)
    deviceGrants[grant.deviceCode] = grant
    deviceCodeByUserCode[userCode] = grant.deviceCode
    let verification = context.baseURL + "/device"
    return .json(
      200,
      .object([
        ("deviceCode", .string(grant.deviceCode)), ("userCode", .string(userCode)),
        ("verificationUri", .string(verification)),
        ("verificationUriComplete", .string(verification + "?user_code=" + userCode)),
        ("expiresIn", .int(Int64(options.deviceCodeLifetime.rounded(.down)))),
        ("interval", .int(Int64(options.deviceCodeInterval))),
      ]))
  }

  // MARK: CreateToken

  mutating func createToken(_ context: Context) throws -> FakeHTTPResponse {
    if context.query["aws_iam"] != nil {
      throw APIError(.invalidRequest, "CreateTokenWithIAM is not supported by the fake")
    }
    let body = try jsonBody(context)
    _ = try string(body, "clientId")
    _ = try string(body, "clientSecret")
    let grantType = try string(body, "grantType")
    let client = try authenticatedClient(body, now: context.now)
    guard Grant.all.contains(grantType) else {
      throw APIError(.unsupportedGrantType, "Unsupported grant type: \(grantType)")
    }
    guard client.allows(grant: grantType) else {
      throw APIError(.unauthorizedClient, "Client is not registered for grant \(grantType)")
    }
    switch grantType {
    case Grant.deviceCode:
      return try redeemDeviceCode(try string(body, "deviceCode"), client: client, context)
    case Grant.authorizationCode:
      return try redeemAuthorizationCode(
        code: try string(body, "code"), redirectURI: try string(body, "redirectUri"),
        verifier: try string(body, "codeVerifier"), client: client, context)
    default:
      return try refresh(try string(body, "refreshToken"), client: client, context)
    }
  }

  /// The device-code state machine. Order of checks: unknown or another client's code →
  /// InvalidGrant; already redeemed → InvalidGrant; expired → ExpiredToken; denied →
  /// AccessDenied; approved → tokens (once); pending → SlowDown when polled too fast (see
  /// `SlowDownPolicy`), else AuthorizationPending.
  private mutating func redeemDeviceCode(
    _ deviceCode: String, client: ClientRecord, _ context: Context
  ) throws -> FakeHTTPResponse {
    guard var grant = deviceGrants[deviceCode], grant.clientId == client.clientId else {
      throw APIError(.invalidGrant, "Invalid device code provided")
    }
    defer { deviceGrants[deviceCode] = grant }
    let previousPoll = grant.lastPollAt
    grant.polls += 1
    grant.lastPollAt = context.now
    if grant.state == .used {
      throw APIError(.invalidGrant, "Device code has already been used")
    }
    guard grant.expiresAt > context.now else {
      throw APIError(.expiredToken, "Device code has expired")
    }
    if grant.state == .pending, let approveAt = grant.autoApproveAt, approveAt <= context.now {
      grant.state = .approved
    }
    switch grant.state {
    case .denied:
      throw APIError(.accessDenied, "The user denied the authorization request")
    case .approved:
      grant.state = .used
      return issueTokens(client: client, scopes: client.scopes, context)
    default:
      if case .enforceInterval(let exempt) = options.slowDown, grant.polls > exempt,
        let previousPoll
      {
        let required = TimeInterval(options.deviceCodeInterval + 5 * grant.slowDowns)
        if context.now.timeIntervalSince(previousPoll) < required {
          grant.slowDowns += 1
          throw APIError(.slowDown)
        }
      }
      throw APIError(.authorizationPending)
    }
  }

  private mutating func redeemAuthorizationCode(
    code: String, redirectURI: String, verifier: String, client: ClientRecord,
    _ context: Context
  ) throws -> FakeHTTPResponse {
    guard var record = authorizationCodes[code], record.clientId == client.clientId else {
      throw APIError(.invalidGrant, "Invalid authorization code provided")
    }
    guard !record.used else {
      throw APIError(.invalidGrant, "Authorization code has already been used")
    }
    guard record.expiresAt > context.now else {
      throw APIError(.invalidGrant, "Authorization code has expired")
    }
    guard record.redirectURI == redirectURI else {
      throw APIError(.invalidGrant, "redirectUri does not match the authorization request")
    }
    guard ServiceState.challenge(for: verifier) == record.challenge else {
      throw APIError(.invalidGrant, "Code verifier does not match the code challenge")
    }
    record.used = true
    authorizationCodes[code] = record
    return issueTokens(client: client, scopes: record.scopes, context)
  }

  /// `base64url_nopad(SHA256(verifier))` (RFC 7636 S256).
  static func challenge(for verifier: String) -> String {
    Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  private mutating func refresh(
    _ refreshToken: String, client: ClientRecord, _ context: Context
  ) throws -> FakeHTTPResponse {
    guard var record = refreshTokens[refreshToken], record.clientId == client.clientId,
      !record.revoked, record.expiresAt > context.now, !sessions[record.sessionID].revoked
    else {
      throw APIError(.invalidGrant, "Invalid refresh token provided")
    }
    let accessToken = SecretFactory.accessToken()
    accessTokens[accessToken] = AccessTokenRecord(
      sessionID: record.sessionID,
      expiresAt: context.now.addingTimeInterval(options.accessTokenLifetime))
    var members: [(String, JSONValue)] = [
      ("accessToken", .string(accessToken)), ("tokenType", .string("Bearer")),
      ("expiresIn", .int(Int64(options.accessTokenLifetime.rounded(.down)))),
    ]
    if options.rotateRefreshTokens {
      record.revoked = true
      refreshTokens[refreshToken] = record
      let rotated = SecretFactory.refreshToken()
      refreshTokens[rotated] = RefreshTokenRecord(
        sessionID: record.sessionID, clientId: client.clientId,
        expiresAt: context.now.addingTimeInterval(options.refreshTokenLifetime))
      members.append(("refreshToken", .string(rotated)))
    }
    return .json(200, .object(members))
  }

  /// Starts a session and answers the CreateToken success shape.
  private mutating func issueTokens(
    client: ClientRecord, scopes: [String], _ context: Context
  ) -> FakeHTTPResponse {
    let issued = startSession(client: client, scopes: scopes, now: context.now)
    var members: [(String, JSONValue)] = [
      ("accessToken", .string(issued.accessToken)), ("tokenType", .string("Bearer")),
      ("expiresIn", .int(Int64(issued.expiresIn.rounded(.down)))),
    ]
    if let refreshToken = issued.refreshToken {
      members.append(("refreshToken", .string(refreshToken)))
    }
    return .json(200, .object(members))
  }

  struct IssuedTokens {
    var accessToken: String
    var refreshToken: String?
    var expiresIn: TimeInterval
  }

  /// A new session with an access token, and a refresh token when the client registered with
  /// `sso:account:access`.
  mutating func startSession(
    client: ClientRecord, scopes: [String], now: Date, lifetime: TimeInterval? = nil
  ) -> IssuedTokens {
    let sessionID = sessions.count
    sessions.append(SessionRecord(clientId: client.clientId, scopes: scopes))
    let expiresIn = lifetime ?? options.accessTokenLifetime
    let accessToken = SecretFactory.accessToken()
    accessTokens[accessToken] = AccessTokenRecord(
      sessionID: sessionID, expiresAt: now.addingTimeInterval(expiresIn))
    var refreshToken: String?
    if client.issuesRefreshTokens {
      let token = SecretFactory.refreshToken()
      refreshTokens[token] = RefreshTokenRecord(
        sessionID: sessionID, clientId: client.clientId,
        expiresAt: now.addingTimeInterval(options.refreshTokenLifetime))
      refreshToken = token
    }
    return IssuedTokens(accessToken: accessToken, refreshToken: refreshToken, expiresIn: expiresIn)
  }
}
