public import Foundation

/// The answer to an `HTTPRequest`: status, headers and the whole body.
public struct HTTPResponse: Sendable, Equatable {
  /// The HTTP status code, e.g. 200.
  public var status: Int
  /// Header fields of the final response, in the order received.
  public var headers: [HTTPHeader]
  /// The body, possibly empty.
  public var body: Data

  /// Creates a response.
  public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data()) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The value of the first header named `name` (case-insensitive), if any.
  public func header(_ name: String) -> String? { headers.value(for: name) }
}
