/// The modelled exceptions of the OIDC (spec §3.5) and portal (spec §5.2) services.
public enum APIException: String, Sendable, CaseIterable {
  /// OIDC: the user has not approved the device code yet (400).
  case authorizationPending = "AuthorizationPendingException"
  /// OIDC: polling too fast, or throttled (400).
  case slowDown = "SlowDownException"
  /// OIDC: the device code expired (400).
  case expiredToken = "ExpiredTokenException"
  /// OIDC: the user denied (400).
  case accessDenied = "AccessDeniedException"
  /// OIDC: unknown client, wrong secret or expired registration (401).
  case invalidClient = "InvalidClientException"
  /// OIDC: bad device code, authorization code, verifier or refresh token (400).
  case invalidGrant = "InvalidGrantException"
  /// OIDC: the client may not use this grant (400).
  case unauthorizedClient = "UnauthorizedClientException"
  /// OIDC: unknown grant type (400).
  case unsupportedGrantType = "UnsupportedGrantTypeException"
  /// OIDC: bad scope (400).
  case invalidScope = "InvalidScopeException"
  /// OIDC and portal: malformed request (400).
  case invalidRequest = "InvalidRequestException"
  /// OIDC: bad registration metadata (400).
  case invalidClientMetadata = "InvalidClientMetadataException"
  /// OIDC: bad redirect URI at registration (400).
  case invalidRedirectURI = "InvalidRedirectUriException"
  /// OIDC: server error (500).
  case internalServer = "InternalServerException"
  /// Portal: missing, unknown, expired or revoked bearer token (401).
  case unauthorized = "UnauthorizedException"
  /// Portal: unknown account or role (404).
  case resourceNotFound = "ResourceNotFoundException"
  /// Portal: throttled (429).
  case tooManyRequests = "TooManyRequestsException"
  /// Portal: the role is not assigned (403, unmodelled but seen in the wild).
  case forbidden = "ForbiddenException"
  /// Any service: no such operation (404).
  case unknownOperation = "UnknownOperationException"

  /// The HTTP status the service answers with.
  public var status: Int {
    switch self {
    case .invalidClient, .unauthorized: 401
    case .internalServer: 500
    case .resourceNotFound, .unknownOperation: 404
    case .tooManyRequests: 429
    case .forbidden: 403
    default: 400
    }
  }

  /// The OAuth `error` member of OIDC error bodies.
  var oauthError: String {
    switch self {
    case .authorizationPending: "authorization_pending"
    case .slowDown: "slow_down"
    case .expiredToken: "expired_token"
    case .accessDenied: "access_denied"
    case .invalidClient: "invalid_client"
    case .invalidGrant: "invalid_grant"
    case .unauthorizedClient: "unauthorized_client"
    case .unsupportedGrantType: "unsupported_grant_type"
    case .invalidScope: "invalid_scope"
    case .invalidRequest: "invalid_request"
    case .invalidClientMetadata: "invalid_client_metadata"
    case .invalidRedirectURI: "invalid_redirect_uri"
    case .internalServer: "server_error"
    default: "invalid_request"
    }
  }

  /// Whether the exception belongs to the OIDC service's catalogue.
  var isOIDC: Bool {
    switch self {
    case .unauthorized, .resourceNotFound, .tooManyRequests, .forbidden: false
    default: true
    }
  }

  /// Whether the exception belongs to the portal service's catalogue.
  var isPortal: Bool {
    switch self {
    case .invalidRequest, .unauthorized, .resourceNotFound, .tooManyRequests, .forbidden,
      .internalServer, .unknownOperation:
      true
    default: false
    }
  }

  /// The default human text for the exception.
  var defaultDescription: String {
    switch self {
    case .authorizationPending: "Authorization is still pending"
    case .slowDown: "Client is polling too quickly"
    case .expiredToken: "Device code has expired"
    case .accessDenied: "Access denied"
    case .invalidClient: "Invalid client provided"
    case .invalidGrant: "Invalid grant provided"
    case .unauthorizedClient: "Client is not authorized for this grant type"
    case .unsupportedGrantType: "Unsupported grant type"
    case .invalidScope: "Invalid scope provided"
    case .invalidRequest: "Invalid request"
    case .invalidClientMetadata: "Invalid client metadata"
    case .invalidRedirectURI: "Invalid redirect URI"
    case .internalServer: "Internal server error"
    case .unauthorized: "Session token not found or invalid"
    case .resourceNotFound: "Resource not found"
    case .tooManyRequests: "Too many requests"
    case .forbidden: "No access"
    case .unknownOperation: "Unknown operation"
    }
  }
}

/// A wire error: an exception with its text, rendered per service (spec §2.1, §3.5, §5.2).
struct APIError: Error, Sendable {
  var exception: APIException
  var message: String
  /// `reason` member (OIDC AccessDenied / InvalidRequest only).
  var reason: String?

  init(_ exception: APIException, _ message: String? = nil, reason: String? = nil) {
    self.exception = exception
    self.message = message ?? exception.defaultDescription
    self.reason = reason
  }

  /// The coral namespace real services append to `x-amzn-ErrorType` (spec §2.1).
  static func errorTypeSuffix(for service: Operation.Service) -> String {
    switch service {
    case .oidc: ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"
    default: ":http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"
    }
  }

  func response(service: Operation.Service, withSuffix: Bool) -> FakeHTTPResponse {
    var members: [(String, JSONValue)]
    if service == .oidc {
      members = [("error", .string(exception.oauthError)), ("error_description", .string(message))]
      if let reason { members.append(("reason", .string(reason))) }
    } else {
      members = [("message", .string(message))]
    }
    let type = exception.rawValue + (withSuffix ? APIError.errorTypeSuffix(for: service) : "")
    return .json(exception.status, .object(members), extraHeaders: [("x-amzn-ErrorType", type)])
  }
}
