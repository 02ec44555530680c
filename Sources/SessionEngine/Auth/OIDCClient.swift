public import Foundation

/// A client for the SSO OIDC service (spec §3): RegisterClient, StartDeviceAuthorization
/// and CreateToken. Unsigned rest-json; bodies are written the way botocore writes them.
///
/// Service errors are thrown as `AWSServiceError` (the login flows decide what each means);
/// a missing response as `HTTPTransportError`; an unreadable success body as
/// `AuthError.malformedResponse`.
public struct OIDCClient: Sendable {
  /// The OIDC base URL, e.g. `https://oidc.eu-central-1.amazonaws.com`; a path prefix is kept.
  public let endpoint: String
  private let transport: any HTTPTransport

  /// Creates a client for `endpoint` sending through `transport`.
  public init(endpoint: String, transport: any HTTPTransport) {
    self.endpoint = endpoint
    self.transport = transport
  }

  /// Registers a public client (spec §3.1).
  public func registerClient(_ request: ClientRegistrationRequest) async throws
    -> ClientRegistration
  {
    var members: [(String, PythonJSON)] = [
      ("clientName", .string(request.clientName)), ("clientType", .string("public")),
    ]
    if let grantTypes = request.grantTypes {
      members.append(("grantTypes", .array(grantTypes.map(PythonJSON.string))))
    }
    if let redirectURIs = request.redirectURIs {
      members.append(("redirectUris", .array(redirectURIs.map(PythonJSON.string))))
    }
    if let issuerURL = request.issuerURL {
      members.append(("issuerUrl", .string(issuerURL)))
    }
    if let scopes = request.scopes {
      members.append(("scopes", .array(scopes.map(PythonJSON.string))))
    }
    let wire: RegisterClientResponse = try await post(
      "client/register", .object(members), operation: "RegisterClient")
    return ClientRegistration(
      clientID: wire.clientId, clientSecret: wire.clientSecret,
      expiresAt: Date(timeIntervalSince1970: Double(wire.clientSecretExpiresAt)),
      scopes: request.scopes, grantTypes: request.grantTypes)
  }

  /// Starts the device-code flow (spec §3.2).
  public func startDeviceAuthorization(client: ClientRegistration, startURL: String)
    async throws -> DeviceAuthorization
  {
    let body = PythonJSON.object([
      ("clientId", .string(client.clientID)), ("clientSecret", .string(client.clientSecret)),
      ("startUrl", .string(startURL)),
    ])
    let wire: StartDeviceAuthorizationResponse = try await post(
      "device_authorization", body, operation: "StartDeviceAuthorization")
    return DeviceAuthorization(
      deviceCode: wire.deviceCode, userCode: wire.userCode,
      verificationURI: wire.verificationUri,
      verificationURIComplete: wire.verificationUriComplete,
      expiresIn: wire.expiresIn, interval: wire.interval)
  }

  /// Exchanges a grant for tokens (spec §3.3).
  public func createToken(client: ClientRegistration, grant: TokenGrant) async throws
    -> TokenResponse
  {
    var members: [(String, PythonJSON)] = [("grantType", .string(grant.grantType))]
    members += [
      ("clientId", .string(client.clientID)), ("clientSecret", .string(client.clientSecret)),
    ]
    switch grant {
    case .deviceCode(let code):
      members.append(("deviceCode", .string(code)))
    case .refreshToken(let token):
      members.append(("refreshToken", .string(token)))
    case .authorizationCode(let code, let redirectURI, let verifier):
      members += [
        ("redirectUri", .string(redirectURI)), ("codeVerifier", .string(verifier)),
        ("code", .string(code)),
      ]
    }
    let wire: CreateTokenResponse = try await post(
      "token", .object(members), operation: "CreateToken")
    return TokenResponse(
      accessToken: wire.accessToken, expiresIn: wire.expiresIn, refreshToken: wire.refreshToken)
  }

  private func post<Response: Decodable>(
    _ path: String, _ body: PythonJSON, operation: String
  ) async throws -> Response {
    let request = HTTPRequest(
      method: "POST", url: OperationURL.join(endpoint, path),
      headers: [
        HTTPHeader("Content-Type", "application/json"),
        HTTPHeader("User-Agent", SSOPickVersion.userAgent),
      ],
      body: Data(body.rendered().utf8))
    let response = try await transport.send(request)
    guard (200..<300).contains(response.status) else {
      throw AWSServiceError(response: response)
    }
    do {
      return try JSONDecoder().decode(Response.self, from: response.body)
    } catch {
      throw AuthError.malformedResponse(operation: operation)
    }
  }

  // The wire shapes; names are the service's camelCase members.
  private struct RegisterClientResponse: Decodable {
    var clientId: String
    var clientSecret: String
    var clientSecretExpiresAt: Int64
  }

  private struct StartDeviceAuthorizationResponse: Decodable {
    var deviceCode: String
    var userCode: String
    var verificationUri: String
    var verificationUriComplete: String
    var expiresIn: Int
    var interval: Int?
  }

  private struct CreateTokenResponse: Decodable {
    var accessToken: String
    var expiresIn: Int
    var refreshToken: String?
  }
}

/// What RegisterClient is asked for (spec §3.1).
public struct ClientRegistrationRequest: Sendable, Equatable {
  /// `botocore-client-<session>` or `botocore-client-<epoch seconds>` (legacy), as the CLI.
  public var clientName: String
  /// Scopes to request, or `nil` to send none.
  public var scopes: [String]?
  /// Grant types (PKCE: `authorization_code`, `refresh_token`), or `nil` (device flow).
  public var grantTypes: [String]?
  /// Redirect URIs (PKCE: the port-less loopback URI), or `nil`.
  public var redirectURIs: [String]?
  /// The start URL as issuer (PKCE), or `nil`.
  public var issuerURL: String?

  /// Creates a request.
  public init(
    clientName: String, scopes: [String]?, grantTypes: [String]? = nil,
    redirectURIs: [String]? = nil, issuerURL: String? = nil
  ) {
    self.clientName = clientName
    self.scopes = scopes
    self.grantTypes = grantTypes
    self.redirectURIs = redirectURIs
    self.issuerURL = issuerURL
  }
}

/// A registered OIDC client, as cached in the registration file (spec §7.3).
public struct ClientRegistration: Sendable, Equatable {
  /// The opaque client id.
  public var clientID: String
  /// The client secret (a secret: never printed).
  public var clientSecret: String
  /// When the registration (and every refresh it allows) ends.
  public var expiresAt: Date
  /// The scopes it was registered with, if any were sent.
  public var scopes: [String]?
  /// The grant types it was registered with, if any were sent.
  public var grantTypes: [String]?

  /// Creates a registration value.
  public init(
    clientID: String, clientSecret: String, expiresAt: Date, scopes: [String]?,
    grantTypes: [String]?
  ) {
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.expiresAt = expiresAt
    self.scopes = scopes
    self.grantTypes = grantTypes
  }

  /// Whether this registration can be used for the PKCE flow (spec §7.3 reuse rule c).
  public var supportsAuthorizationCode: Bool {
    grantTypes?.contains("authorization_code") ?? false
  }
}

/// The answer to StartDeviceAuthorization (spec §3.2).
public struct DeviceAuthorization: Sendable, Equatable {
  /// The code polled with CreateToken.
  public var deviceCode: String
  /// The code the user confirms in the browser.
  public var userCode: String
  /// The page where the user types the code.
  public var verificationURI: String
  /// The same page with the code filled in.
  public var verificationURIComplete: String
  /// Seconds until the device code expires.
  public var expiresIn: Int
  /// The minimum seconds between polls, when the service says.
  public var interval: Int?

  /// Creates a value.
  public init(
    deviceCode: String, userCode: String, verificationURI: String,
    verificationURIComplete: String, expiresIn: Int, interval: Int?
  ) {
    self.deviceCode = deviceCode
    self.userCode = userCode
    self.verificationURI = verificationURI
    self.verificationURIComplete = verificationURIComplete
    self.expiresIn = expiresIn
    self.interval = interval
  }
}

/// The grants CreateToken accepts (spec §3.3).
public enum TokenGrant: Sendable, Equatable {
  /// Poll for a device-code login.
  case deviceCode(String)
  /// Exchange a PKCE authorization code; `redirectURI` carries the port.
  case authorizationCode(code: String, redirectURI: String, codeVerifier: String)
  /// Refresh with a refresh token.
  case refreshToken(String)

  /// The `grantType` value on the wire.
  public var grantType: String {
    switch self {
    case .deviceCode: "urn:ietf:params:oauth:grant-type:device_code"
    case .authorizationCode: "authorization_code"
    case .refreshToken: "refresh_token"
    }
  }
}

/// Tokens from CreateToken (spec §3.3).
public struct TokenResponse: Sendable, Equatable {
  /// The bearer token for the portal (a secret).
  public var accessToken: String
  /// Seconds until the access token expires.
  public var expiresIn: Int
  /// A refresh token, when the service issued one (a secret).
  public var refreshToken: String?

  /// Creates a value.
  public init(accessToken: String, expiresIn: Int, refreshToken: String?) {
    self.accessToken = accessToken
    self.expiresIn = expiresIn
    self.refreshToken = refreshToken
  }
}
