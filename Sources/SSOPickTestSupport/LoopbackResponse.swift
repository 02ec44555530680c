public import Foundation
public import SessionEngine

/// What `LoopbackHTTPServer` does with a request: the handler's answer.
public enum LoopbackReply: Sendable, Equatable {
  /// Send this response.
  case respond(LoopbackResponse)
  /// Never answer: keep reading (and discarding) until the client gives up and closes
  /// the connection, or the server stops. Use it to provoke client timeouts.
  case hang
  /// Close the connection at once without a byte of response.
  case close

  /// A response with `status`, `headers` and a UTF-8 `body`.
  public static func status(
    _ status: Int, headers: [HTTPHeader] = [], body: String = ""
  ) -> LoopbackReply {
    .respond(LoopbackResponse(status: status, headers: headers, body: Data(body.utf8)))
  }
}

/// A response `LoopbackHTTPServer` writes. `Content-Length` is added unless `headers`
/// already have one (and is never sent for 1xx, 204 or 304, which have no body).
public struct LoopbackResponse: Sendable, Equatable {
  /// An interim (1xx) response sent before the final one, e.g. `103 Early Hints`.
  public struct Interim: Sendable, Equatable {
    /// The status, 100–199.
    public var status: Int
    /// Its header fields.
    public var headers: [HTTPHeader]

    /// Creates an interim response.
    public init(status: Int, headers: [HTTPHeader] = []) {
      self.status = status
      self.headers = headers
    }
  }

  /// The status code.
  public var status: Int
  /// The header fields, written in order exactly as given (names keep their case).
  public var headers: [HTTPHeader]
  /// The body (not sent in answer to `HEAD`).
  public var body: Data
  /// Interim responses written before this one.
  public var interim: [Interim]
  /// Add `Connection: close` and close the connection after this response.
  public var closesConnection: Bool
  /// Send only this many body bytes (the headers still announce the whole body), then
  /// close: a connection dropped in the middle of a response.
  public var truncatedBodyLength: Int?

  /// Creates a response.
  public init(
    status: Int, headers: [HTTPHeader] = [], body: Data = Data(), interim: [Interim] = [],
    closesConnection: Bool = false, truncatedBodyLength: Int? = nil
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.interim = interim
    self.closesConnection = closesConnection
    self.truncatedBodyLength = truncatedBodyLength
  }

  /// A 200 whose body is the request's head (`rawHead`) followed by its body, so a test
  /// can see every header line exactly as the client sent it.
  public static func echo(of request: LoopbackRequest) -> LoopbackResponse {
    LoopbackResponse(
      status: 200, headers: [HTTPHeader("Content-Type", "text/plain")],
      body: Data(request.rawHead.utf8) + request.body)
  }

  /// Whether a response with this status may carry a body.
  var allowsBody: Bool { status >= 200 && status != 204 && status != 304 }

  /// The status line's reason phrase.
  static func reason(for status: Int) -> String {
    switch status {
    case 100: "Continue"
    case 103: "Early Hints"
    case 200: "OK"
    case 201: "Created"
    case 204: "No Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    default: "Status \(status)"
    }
  }
}
