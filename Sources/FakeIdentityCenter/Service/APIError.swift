import Foundation
import LoopbackServer

/// The modelled exceptions of the OIDC (spec §3.5), portal (spec §5.2) and STS (spec §12.3,
/// §17) services.
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
  /// STS: throttled (400).
  case throttling = "Throttling"
  /// STS: the caller may not do this, e.g. assume the role (403).
  case stsAccessDenied = "AccessDenied"
  /// STS: the credentials' session has expired (400).
  case stsExpiredToken = "ExpiredToken"
  /// STS: unknown access key, or a session token that is missing or not the key's (403).
  case invalidClientTokenId = "InvalidClientTokenId"
  /// STS: the signature is wrong, or its time is off by more than 15 minutes (403).
  case signatureDoesNotMatch = "SignatureDoesNotMatch"
  /// STS: no signature at all (403).
  case missingAuthenticationToken = "MissingAuthenticationToken"
  /// STS: an `Authorization` header without the parts SigV4 needs (403).
  case incompleteSignature = "IncompleteSignature"
  /// STS: a parameter STS refuses (400).
  case validationError = "ValidationError"
  /// STS: a session policy that is not JSON (400).
  case malformedPolicyDocument = "MalformedPolicyDocument"
  /// STS: an `Action` STS does not have (400).
  case invalidAction = "InvalidAction"
  /// STS: a failure on the service's side (500).
  case internalFailure = "InternalFailure"
  /// STS AssumeRoleWithSAML: the assertion could not be validated (400).
  case invalidIdentityToken = "InvalidIdentityToken"
  /// STS AssumeRoleWithSAML: the identity provider's claim was rejected (403).
  case idpRejectedClaim = "IDPRejectedClaim"

  /// The HTTP status the service answers with.
  public var status: Int {
    switch self {
    case .invalidClient, .unauthorized: 401
    case .internalServer, .internalFailure: 500
    case .resourceNotFound, .unknownOperation: 404
    case .tooManyRequests: 429
    case .forbidden, .stsAccessDenied, .invalidClientTokenId, .signatureDoesNotMatch,
      .missingAuthenticationToken, .incompleteSignature, .idpRejectedClaim:
      403
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
    default: !isSTS
    }
  }

  /// Whether the exception belongs to STS's catalogue.
  var isSTS: Bool {
    switch self {
    case .throttling, .stsAccessDenied, .stsExpiredToken, .invalidClientTokenId,
      .signatureDoesNotMatch, .missingAuthenticationToken, .incompleteSignature,
      .validationError, .malformedPolicyDocument, .invalidAction, .internalFailure,
      .invalidIdentityToken, .idpRejectedClaim:
      true
    default: false
    }
  }

  /// STS's `Type`: `Receiver` for its own failures, `Sender` for the caller's.
  var stsFaultType: String { self == .internalFailure ? "Receiver" : "Sender" }

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
    case .throttling: "Rate exceeded"
    case .stsAccessDenied: "Access denied"
    case .stsExpiredToken: "The security token included in the request is expired"
    case .invalidClientTokenId: "The security token included in the request is invalid."
    case .signatureDoesNotMatch:
      "The request signature we calculated does not match the signature you provided. Check "
        + "your AWS Secret Access Key and signing method. Consult the service documentation for "
        + "details."
    case .missingAuthenticationToken: "Request is missing Authentication Token"
    case .incompleteSignature: "The request signature does not conform to AWS standards."
    case .validationError: "1 validation error detected"
    case .malformedPolicyDocument: "The policy is not in the valid JSON format."
    case .invalidAction: "Could not find operation for version 2011-06-15"
    case .internalFailure: "An internal error occurred"
    case .invalidIdentityToken: "The SAML assertion could not be validated"
    case .idpRejectedClaim: "The identity provider's claim was rejected"
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

  func response(service: Operation.Service, withSuffix: Bool, requestID: String = "")
    -> FakeHTTPResponse
  {
    if service == .sts {
      // STS's query protocol: an XML ErrorResponse, no x-amzn-ErrorType (spec §12.3).
      let body =
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n"
        + "    <Type>\(exception.stsFaultType)</Type>\n    <Code>\(exception.rawValue)</Code>\n"
        + "    <Message>\(XMLText.escaped(message))</Message>\n  </Error>\n"
        + "  <RequestId>\(requestID)</RequestId>\n</ErrorResponse>\n"
      return FakeHTTPResponse(
        status: exception.status, headers: [("Content-Type", "text/xml")], body: Data(body.utf8))
    }
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
