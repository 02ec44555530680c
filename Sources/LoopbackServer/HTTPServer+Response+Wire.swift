extension HTTPServer.Response {
  /// Whether the handler asked for the connection to be closed (`Connection: close`).
  var asksToClose: Bool {
    headers.contains {
      $0.name.lowercased() == "connection"
        && $0.value.split(separator: ",").contains {
          $0.trimmingSpacesAndTabs().lowercased() == "close"
        }
    }
  }

  /// Whether a response with this status carries a body (RFC 9110 §6.4.1: not 1xx, 204, 304).
  var allowsBody: Bool {
    status >= 200 && status != 204 && status != 304
  }

  /// The response as sent: status line, the handler's headers in order, `Content-Length`
  /// (framing is the server's job, so the handler's own `Content-Length`,
  /// `Transfer-Encoding` and `Connection` fields are replaced), `Connection: close` when
  /// `closing`, and the body unless `omittingBody` (a HEAD request). One buffer, one write.
  func wireBytes(closing: Bool, omittingBody: Bool) -> [UInt8] {
    var head = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\n"
    for (name, value) in headers {
      switch name.lowercased() {
      case "content-length", "transfer-encoding", "connection": continue
      default: head += "\(name): \(value)\r\n"
      }
    }
    if allowsBody { head += "Content-Length: \(body.count)\r\n" }
    if closing { head += "Connection: close\r\n" }
    head += "\r\n"
    var bytes: [UInt8] = []
    let sendsBody = allowsBody && !omittingBody
    bytes.reserveCapacity(head.utf8.count + (sendsBody ? body.count : 0))
    bytes.append(contentsOf: head.utf8)
    if sendsBody { bytes.append(contentsOf: body) }
    return bytes
  }

  /// The reason phrase for `status` (clients ignore it; people reading traces do not).
  static func reasonPhrase(_ status: Int) -> String {
    switch status {
    case 100: "Continue"
    case 200: "OK"
    case 201: "Created"
    case 204: "No Content"
    case 302: "Found"
    case 303: "See Other"
    case 304: "Not Modified"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    default: "Status \(status)"
    }
  }
}
