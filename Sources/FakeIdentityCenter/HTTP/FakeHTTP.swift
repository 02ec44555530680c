import Foundation
public import LoopbackServer

/// The fake's names for the one HTTP server's types (`LoopbackServer`): the fake serves
/// itself with ``HTTPServer`` and its handlers take and give these.
public typealias FakeHTTPServer = HTTPServer
/// A request as the fake's handlers see it.
public typealias FakeHTTPRequest = HTTPServer.Request
/// A response from the fake.
public typealias FakeHTTPResponse = HTTPServer.Response
/// Why the fake's server could not start.
public typealias FakeHTTPServerError = HTTPServerError

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
