public import Foundation
public import SessionEngine

/// A request as `LoopbackHTTPServer` received it, byte for byte where it matters.
public struct LoopbackRequest: Sendable, Equatable {
  /// The method, e.g. `GET`, `POST` or (from a client using the server as proxy) `CONNECT`.
  public var method: String
  /// The request target exactly as sent: `/path?query`, an absolute URI when the client
  /// treats the server as its proxy (`http://host:port/path`), or `host:port` for CONNECT.
  public var target: String
  /// The protocol version from the request line, e.g. `HTTP/1.1`.
  public var version: String
  /// The header fields in the order received, names exactly as sent, values trimmed.
  public var headers: [HTTPHeader]
  /// The request body (read by `Content-Length`; empty when there is none).
  public var body: Data
  /// The request line and header block as received, up to and including the blank line.
  public var rawHead: String
  /// Which accepted connection carried the request: 1 for the first, 2 for the second...
  public var connectionNumber: Int

  /// Creates a request (the server does; tests rarely need to).
  public init(
    method: String, target: String, version: String, headers: [HTTPHeader], body: Data,
    rawHead: String, connectionNumber: Int
  ) {
    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
    self.body = body
    self.rawHead = rawHead
    self.connectionNumber = connectionNumber
  }

  /// The value of the first header named `name` (case-insensitive), if any.
  public func header(_ name: String) -> String? { headers.value(for: name) }

  /// The target without its query, e.g. `/accounts` for `/accounts?maxResults=5`.
  public var path: String {
    String(target.prefix { $0 != "?" })
  }

  /// The query's parameters in order, percent-decoded (`+` is left as is).
  public var queryItems: [(name: String, value: String)] {
    guard let mark = target.firstIndex(of: "?") else { return [] }
    return target[target.index(after: mark)...].split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
      let value =
        parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
      return (name, value)
    }
  }
}
