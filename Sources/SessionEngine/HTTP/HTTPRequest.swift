public import Foundation

/// An HTTP request as the session engine needs it: a method, an absolute URL, headers and an
/// optional body. Requests are values, so tests can compare them.
public struct HTTPRequest: Sendable, Equatable {
  /// The HTTP method, e.g. `GET` or `POST`.
  public var method: String
  /// The absolute URL, already percent-encoded (see `PercentEncoding`).
  public var url: String
  /// Header fields in the order they are sent. Names keep their case; matching is
  /// case-insensitive.
  public var headers: [HTTPHeader]
  /// The request body; `nil` sends none (`Content-Length` is then omitted for GET).
  public var body: Data?
  /// The longest the whole exchange may take; `nil` uses the transport's default.
  public var timeout: Duration?

  /// Creates a request.
  public init(
    method: String, url: String, headers: [HTTPHeader] = [], body: Data? = nil,
    timeout: Duration? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

/// One header field. Names are compared case-insensitively.
public struct HTTPHeader: Sendable, Equatable {
  /// The field name as sent, e.g. `x-amz-sso_bearer_token`.
  public var name: String
  /// The field value.
  public var value: String

  /// Creates a header field.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

extension Array where Element == HTTPHeader {
  /// The value of the first field named `name` (case-insensitive), if any.
  public func value(for name: String) -> String? {
    first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }
}
