import FlyingFox
import Foundation

/// Connects FlyingFox to `FakeIdentityCenter.handle(_:)`.
///
/// FlyingFox facts this relies on (checked in 0.27.1): header names are split at the first
/// `:` and matched case-insensitively, so `x-amz-sso_bearer_token` arrives intact; HTTP/1.1
/// connections are kept alive unless `Connection: close`; each connection is its own task
/// (no connection limit); request bodies are framed by `Content-Length` or chunked
/// `Transfer-Encoding`, and a request with neither has an empty body. FlyingFox never sends
/// `100 Continue`: a client that sends `Expect: 100-continue` still gets its answer once it
/// sends the body anyway (curl does after 1 s; ssopick sends an empty `Expect:`).
struct FlyingFoxAdapter: HTTPHandler {
  let center: FakeIdentityCenter

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    var headers: [String: String] = [:]
    for (name, value) in request.headers {
      headers[name.rawValue.lowercased()] = value
    }
    let body = try await request.bodyData
    let rawPath = request.target.path()
    let rawQuery = request.target.query()
    let target = rawQuery.isEmpty ? rawPath : rawPath + "?" + rawQuery
    let answer = await center.handle(
      FakeHTTPRequest(method: request.method.rawValue, target: target, headers: headers, body: body)
    )
    var responseHeaders = HTTPHeaders()
    for (name, value) in answer.headers {
      responseHeaders.addValue(value, for: HTTPHeader(name))
    }
    return HTTPResponse(
      statusCode: HTTPStatusCode(answer.status, phrase: FlyingFoxAdapter.phrase(answer.status)),
      headers: responseHeaders, body: answer.body)
  }

  static func phrase(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 302: "Found"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    default: "Status"
    }
  }
}
