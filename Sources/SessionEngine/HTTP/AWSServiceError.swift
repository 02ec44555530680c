import Foundation

/// An error answer from an AWS service (any HTTP status ≥ 300), decoded as botocore does
/// (spec §2.1): the code comes from `x-amzn-ErrorType`, else the body's `code`/`Code`,
/// else `__type`, else the OAuth `error` (OIDC), else the status number.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible,
  RetryClassifiable
{
  /// The normalised exception name, e.g. `AuthorizationPendingException`, or the status
  /// number as text when the response named none.
  public var code: String
  /// The service's human message (`message`, `Message` or `error_description`), possibly
  /// empty. Service messages never contain our secrets.
  public var message: String
  /// The HTTP status.
  public var status: Int
  /// `x-amzn-RequestId`, useful in bug reports.
  public var requestID: String?
  /// The server's `Retry-After`, in seconds, when it sent one (throttling).
  public var retryAfter: Duration?

  /// Creates an error value.
  public init(
    code: String, message: String, status: Int, requestID: String? = nil,
    retryAfter: Duration? = nil
  ) {
    self.code = code
    self.message = message
    self.status = status
    self.requestID = requestID
    self.retryAfter = retryAfter
  }

  /// Decodes the error in `response`.
  public init(response: HTTPResponse) {
    let body = ErrorBody.decode(response.body)
    let rawCode =
      response.header("x-amzn-ErrorType") ?? body?.code ?? body?.capitalCode ?? body?.type
      ?? body?.error.flatMap(Self.exceptionName(forOAuthError:))
    code = rawCode.map(Self.normalise) ?? String(response.status)
    message = body?.message ?? body?.capitalMessage ?? body?.errorDescription ?? ""
    status = response.status
    requestID = response.header("x-amzn-RequestId")
    // Only the delta-seconds form; an HTTP-date here would be unusual for AWS.
    retryAfter = response.header("Retry-After")
      .flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
      .flatMap { $0 >= 0 && $0 < 3600 ? Duration.milliseconds(Int($0 * 1000)) : nil }
  }

  /// `Name:anything` → `Name`; `prefix#Name` → `Name` (spec §2.1).
  public static func normalise(_ raw: String) -> String {
    var code = Substring(raw)
    if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
    if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
    return code.trimmingCharacters(in: .whitespaces)
  }

  /// The exception name for an OAuth `error` value (spec §3.5), for OIDC responses that
  /// carry neither the header nor `__type`.
  public static func exceptionName(forOAuthError error: String) -> String? {
    switch error {
    case "authorization_pending": "AuthorizationPendingException"
    case "slow_down": "SlowDownException"
    case "expired_token": "ExpiredTokenException"
    case "access_denied": "AccessDeniedException"
    case "invalid_client": "InvalidClientException"
    case "invalid_grant": "InvalidGrantException"
    case "unauthorized_client": "UnauthorizedClientException"
    case "unsupported_grant_type": "UnsupportedGrantTypeException"
    case "invalid_scope": "InvalidScopeException"
    case "invalid_request": "InvalidRequestException"
    case "invalid_client_metadata": "InvalidClientMetadataException"
    case "invalid_redirect_uri": "InvalidRedirectUriException"
    case "server_error": "InternalServerException"
    default: nil
    }
  }

  /// Whether retrying later may succeed: throttling and server errors (spec §2.2).
  public var isRetryable: Bool { failureClass.isRetryable }

  /// Throttling (429 and the services' throttling codes), server errors (5xx,
  /// `InternalServerException`, `ServiceUnavailable`), a refused token (401), or permanent.
  public var failureClass: FailureClass {
    if status == 401 || code == "UnauthorizedException" { return .unauthorized }
    if status == 429 || Self.throttlingCodes.contains(code) {
      return .throttled(retryAfter: retryAfter)
    }
    if [500, 502, 503, 504].contains(status) || Self.serverErrorCodes.contains(code) {
      return .transient(retryAfter: retryAfter)
    }
    return .permanent
  }

  /// The codes AWS services use for throttling (botocore's retry handlers).
  static let throttlingCodes: Set<String> = [
    "TooManyRequestsException", "ThrottlingException", "Throttling", "ThrottledException",
    "RequestThrottledException", "RequestLimitExceeded", "SlowDown",
  ]

  /// The codes for a failure on the service's side.
  static let serverErrorCodes: Set<String> = [
    "InternalServerException", "InternalFailure", "InternalError", "ServiceUnavailable",
    "ServiceUnavailableException",
  ]

  /// The code, the status and the service's message.
  public var description: String {
    let detail = message.isEmpty ? "" : ": \(message)"
    return "\(code) (HTTP \(status))\(detail)"
  }

  private struct ErrorBody: Decodable {
    var code: String?
    var capitalCode: String?
    var type: String?
    var message: String?
    var capitalMessage: String?
    var error: String?
    var errorDescription: String?

    enum CodingKeys: String, CodingKey {
      case code
      case capitalCode = "Code"
      case type = "__type"
      case message
      case capitalMessage = "Message"
      case error
      case errorDescription = "error_description"
    }

    static func decode(_ data: Data) -> ErrorBody? {
      guard !data.isEmpty else { return nil }
      return try? JSONDecoder().decode(ErrorBody.self, from: data)
    }
  }
}
