public import Foundation

/// One HTTP response from the fake.
public struct FakeHTTPResponse: Sendable {
  /// The status code.
  public var status: Int
  /// Headers in the order they are sent.
  public var headers: [(name: String, value: String)]
  /// The body bytes.
  public var body: Data

  /// Creates a response.
  public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The value of header `name` (case-insensitive), if present.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }

  /// The body decoded as UTF-8.
  public var text: String { String(decoding: body, as: UTF8.self) }

  /// The body parsed as a JSON object, or nil when it is not one.
  public var jsonObject: [String: Any]? {
    (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
  }
}

extension FakeHTTPResponse {
  static func json(
    _ status: Int, _ value: JSONValue, extraHeaders: [(name: String, value: String)] = []
  ) -> FakeHTTPResponse {
    FakeHTTPResponse(
      status: status,
      headers: [("Content-Type", "application/json")] + extraHeaders,
      body: Data(value.serialized().utf8))
  }

  static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8")
    -> FakeHTTPResponse
  {
    FakeHTTPResponse(
      status: status, headers: [("Content-Type", contentType)], body: Data(text.utf8))
  }

  static func redirect(to location: String) -> FakeHTTPResponse {
    FakeHTTPResponse(status: 302, headers: [("Location", location)])
  }
}
