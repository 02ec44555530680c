import FakeIdentityCenter
import Foundation
import LoopbackServer
import SessionEngine

/// An `HTTPTransport` that hands each request straight to a `FakeIdentityCenter` (no
/// sockets), so engine tests talk to the faithful fake without the libcurl transport.
struct InProcessFake: HTTPTransport {
  let center: FakeIdentityCenter

  /// A fake with `options` (auto-approve, demo organisation by default) on `clock`.
  init(
    options: FakeIdentityCenter.Options = FakeIdentityCenter.Options(),
    clock: any FakeClock = SystemFakeClock()
  ) throws {
    center = try FakeIdentityCenter(options: options, clock: clock)
  }

  /// A transport to `center` (which may also be serving on a socket).
  init(center: FakeIdentityCenter) {
    self.center = center
  }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard let components = URLComponents(string: request.url) else {
      throw HTTPTransportError(kind: .other, message: "bad URL", host: "")
    }
    var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
    if let query = components.percentEncodedQuery { target += "?" + query }
    var headers: [String: String] = [:]
    for header in request.headers { headers[header.name] = header.value }
    // As an HTTP client would (STS signs it).
    if !headers.keys.contains(where: { $0.lowercased() == "host" }), let host = components.host {
      headers["Host"] = host + (components.port.map { ":\($0)" } ?? "")
    }
    let response = await center.handle(
      FakeHTTPRequest(
        method: request.method, target: target, headers: headers, body: request.body ?? Data()))
    return HTTPResponse(
      status: response.status, headers: response.headers.map { HTTPHeader($0.name, $0.value) },
      body: response.body)
  }

  /// A live access token for the demo start URL.
  func accessToken() throws -> String {
    try center.tokenCacheDocument(
      startURL: "https://d-9a6f3c21b7.awsapps.com/start", sessionName: "acme"
    ).accessToken
  }

  /// A portal directory over this fake with a live token.
  /// Backoffs take their full ceiling (jitter 1), so the pauses are predictable.
  func directory(time: any TimeSource = SystemTimeSource()) throws -> PortalDirectory {
    PortalDirectory(
      portal: PortalClient(endpoint: "http://fake", transport: self),
      tokens: FixedAccessToken(try accessToken()), time: time, sessionName: "acme",
      jitter: { 1 })
  }
}
