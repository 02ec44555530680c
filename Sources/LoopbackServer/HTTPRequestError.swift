/// Why a request could not be read. Each case is answered with its status and a short
/// plain-text message, and the connection is then closed (after a malformed request the
/// server cannot know where the next one starts).
enum HTTPRequestError: Error, Equatable {
  /// The request line or a header line is not HTTP/1.x syntax.
  case malformed(String)
  /// The request line is longer than the limit.
  case requestLineTooLong(limit: Int)
  /// The header section is larger than the limit, or has too many fields.
  case headersTooLarge(limit: Int)
  /// The body is larger than the limit.
  case bodyTooLarge(limit: Int)
  /// A transfer coding other than `chunked`.
  case unsupportedTransferCoding(String)
  /// An HTTP version other than 1.0 and 1.1.
  case unsupportedVersion(String)
  /// The client stopped sending in the middle of a request.
  case timedOut

  /// The status the server answers with.
  var status: Int {
    switch self {
    case .malformed: 400
    case .requestLineTooLong: 414
    case .headersTooLarge: 431
    case .bodyTooLarge: 413
    case .unsupportedTransferCoding: 501
    case .unsupportedVersion: 505
    case .timedOut: 408
    }
  }

  /// The plain-text body: what was wrong, in terms the client's author can act on.
  var message: String {
    switch self {
    case .malformed(let reason): "Malformed request: \(reason)."
    case .requestLineTooLong(let limit):
      "The request line is longer than \(limit) bytes."
    case .headersTooLarge(let limit):
      "The request header section is larger than \(limit) bytes or has too many fields."
    case .bodyTooLarge(let limit): "The request body is larger than \(limit) bytes."
    case .unsupportedTransferCoding(let coding):
      "Transfer-Encoding \(coding) is not supported; send chunked or Content-Length."
    case .unsupportedVersion(let version):
      "\(version) is not supported; send HTTP/1.1 or HTTP/1.0."
    case .timedOut: "The request was not completed in time."
    }
  }
}
