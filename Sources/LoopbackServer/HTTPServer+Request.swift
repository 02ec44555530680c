public import Foundation

extension HTTPServer {
  /// One HTTP request as a handler sees it, independent of the socket layer, so a handler can
  /// be called directly (tests call `FakeIdentityCenter.handle(_:)` so).
  public struct Request: Sendable {
    /// The method, upper-case (`GET`, `POST`).
    public var method: String
    /// The path, percent-decoded (`/assignment/accounts`).
    public var path: String
    /// The query exactly as sent, still percent-encoded, without `?`.
    public var rawQuery: String
    /// Header values by lower-cased name. Names keep underscores (`x-amz-sso_bearer_token`).
    public var headers: [String: String]
    /// The body bytes (empty when there is none).
    public var body: Data

    /// Creates a request from a request target such as `/assignment/roles?account_id=1`.
    public init(
      method: String, target: String, headers: [String: String] = [:], body: Data = Data()
    ) {
      let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
      let rawPath = parts.first.map(String.init) ?? "/"
      self.method = method.uppercased()
      self.path = rawPath.removingPercentEncoding ?? rawPath
      self.rawQuery = parts.count > 1 ? String(parts[1]) : ""
      self.headers = Dictionary(
        headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
      self.body = body
    }

    /// Creates a POST request with a JSON body built from `json` (any `JSONSerialization` value).
    public static func json(
      _ method: String, _ target: String, _ json: [String: any Sendable],
      headers: [String: String] = [:]
    ) -> Request {
      let body = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
      var all = headers
      all["content-type"] = "application/json"
      return Request(method: method, target: target, headers: all, body: body)
    }

    /// The value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
      headers[name.lowercased()]
    }
  }
}
