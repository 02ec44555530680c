public import Foundation

extension HTTPServer {
  /// One HTTP response from a handler.
  public struct Response: Sendable {
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

}

extension HTTPServer.Response {
  /// A plain-text answer the server itself gives (to a request it cannot read, or a
  /// connection over the limit).
  static func serverText(_ status: Int, _ text: String) -> HTTPServer.Response {
    HTTPServer.Response(
      status: status, headers: [("Content-Type", "text/plain; charset=utf-8")],
      body: Data(text.utf8))
  }
}
