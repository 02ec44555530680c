import CCurl
import Foundation
import SessionEngine

/// One request being carried out by an easy handle on the curl thread: its options, the
/// header list libcurl reads, and the response as it arrives. Confined to the curl thread.
final class Transfer {
  /// The caller's side of this request.
  let pending: PendingRequest
  /// The easy handle doing the work (returned to the pool when the transfer ends).
  let easy: EasyHandle
  /// Header fields of the response being read; reset at each status line, so only the
  /// final response's block survives (1xx and proxy CONNECT blocks are dropped).
  private(set) var responseHeaders: [HTTPHeader] = []
  /// The response body so far.
  private(set) var body = Data()
  private var bodyReserved = false
  private var headerList: UnsafeMutablePointer<curl_slist>?

  init(pending: PendingRequest, easy: EasyHandle) {
    self.pending = pending
    self.easy = easy
  }

  deinit {
    ccurl_slist_free_all(headerList)
  }

  // MARK: Setting up

  /// Sets every option for this request on the (freshly reset) easy handle.
  func configure(_ configuration: CurlTransport.Configuration) throws(HTTPTransportError) {
    let request = pending.request
    let handle = easy.raw
    let me = Unmanaged.passUnretained(self).toOpaque()

    try set(CURLOPT_URL, request.url)
    try check(ccurl_easy_allow_only_http(handle))
    try set(CURLOPT_NOSIGNAL, 1)
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, easy.errorBuffer)
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_PRIVATE, me)
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, me)
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, me)
    _ = ccurl_easy_setopt_write_function(handle) { data, size, count, userdata in
      guard let userdata else { return 0 }
      let length = size * count
      let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
      transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length))
      return length
    }
    _ = ccurl_easy_setopt_header_function(handle) { data, size, count, userdata in
      guard let userdata else { return 0 }
      let length = size * count
      let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
      transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
      return length
    }

    // Trust: always verify the peer and its name; only the CA set is configurable.
    try set(CURLOPT_SSL_VERIFYPEER, 1)
    try set(CURLOPT_SSL_VERIFYHOST, 2)
    if let caBundle = configuration.caBundlePath {
      try set(CURLOPT_CAINFO, caBundle)
      try set(CURLOPT_CAPATH, nil)
    }

    // HTTP/2 when TLS offers it (ALPN), else HTTP/1.1. Over TLS, wait for the first
    // connection's ALPN answer rather than opening one connection per concurrent request
    // (all of them then share one HTTP/2 connection). Plain http:// is never HTTP/2 here,
    // and there PIPEWAIT would hold every other request until the first *response*.
    _ = ccurl_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
    if Self.isHTTPS(request.url) {
      _ = ccurl_easy_setopt_long(handle, CURLOPT_PIPEWAIT, 1)
    }
    try set(CURLOPT_FOLLOWLOCATION, 0)

    try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
    try set(
      CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout ?? configuration.requestTimeout))
    try set(CURLOPT_USERAGENT, configuration.userAgent)

    // Proxies always set explicitly, so libcurl never reads the process environment:
    // "" means "no proxy" and "no exceptions".
    try set(CURLOPT_PROXY, configuration.proxy.proxy(forURL: request.url) ?? "")
    try set(CURLOPT_NOPROXY, configuration.proxy.noProxy ?? "")
    try set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)

    try setMethodAndBody(request)
    try setHeaders(request)
  }

  private func setMethodAndBody(_ request: HTTPRequest) throws(HTTPTransportError) {
    switch request.method {
    case "GET" where request.body == nil:
      try set(CURLOPT_HTTPGET, 1)
    case "HEAD":
      try set(CURLOPT_NOBODY, 1)
    case "POST":
      try set(CURLOPT_POST, 1)
      try setBody(request.body ?? Data())
    default:
      try set(CURLOPT_CUSTOMREQUEST, request.method)
      if let body = request.body {
        try setBody(body)
      }
    }
  }

  private func setBody(_ body: Data) throws(HTTPTransportError) {
    let handle = easy.raw
    try check(ccurl_easy_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
    if body.isEmpty {
      try check(ccurl_easy_setopt_empty_postfields(handle))
    } else {
      // COPYPOSTFIELDS: libcurl keeps its own copy, so `body` need not outlive this call.
      let code = body.withUnsafeBytes { bytes in
        ccurl_easy_setopt_pointer(
          handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
      }
      try check(code)
    }
  }

  private func setHeaders(_ request: HTTPRequest) throws(HTTPTransportError) {
    let headers = request.headers
    for header in headers {
      guard Self.isValidName(header.name) else {
        throw HTTPTransportError(
          kind: .other,
          message: "A request header name is empty or has characters a field name cannot have.",
          host: HostName.of(request.url))
      }
      guard Self.isValidValue(header.value) else {
        // Name the field, never its value (it may be a token).
        throw HTTPTransportError(
          kind: .other,
          message: "The value of the request header \"\(header.name)\" has a line break.",
          host: HostName.of(request.url))
      }
      // "Name:" would tell libcurl to remove the field; "Name;" sends it empty.
      append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
    }
    let sendsBody = request.method == "POST" || (request.body != nil && request.method != "HEAD")
    if sendsBody {
      // No `Expect: 100-continue` round trip (spec §2), and no libcurl default
      // `Content-Type: application/x-www-form-urlencoded`.
      if headers.value(for: "Expect") == nil { append("Expect:") }
      if headers.value(for: "Content-Type") == nil { append("Content-Type:") }
    }
    // Like botocore: ask for the bytes as they are; the transport does not decode.
    if headers.value(for: "Accept-Encoding") == nil { append("Accept-Encoding: identity") }
    try check(ccurl_easy_setopt_slist(easy.raw, CURLOPT_HTTPHEADER, headerList))
  }

  private func append(_ line: String) {
    headerList = ccurl_slist_append(headerList, line)
  }

  // MARK: Receiving

  private func receiveBody(_ bytes: UnsafeRawBufferPointer) {
    if !bodyReserved {
      bodyReserved = true
      var expected: curl_off_t = -1
      if ccurl_easy_getinfo_offset(easy.raw, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected)
        == CURLE_OK, expected > 0
      {
        body.reserveCapacity(Int(min(expected, 64 << 20)))
      }
    }
    body.append(contentsOf: bytes)
  }

  private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
    if bytes.starts(with: Self.statusLinePrefix) {
      // A new response begins (after a 1xx, or a proxy's CONNECT answer).
      responseHeaders.removeAll(keepingCapacity: true)
      return
    }
    let line = String(decoding: bytes, as: UTF8.self)
    if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
      // obs-fold: a continuation of the previous field's value.
      let more = Self.trimmed(line[...])
      if !more.isEmpty, let last = responseHeaders.indices.last {
        responseHeaders[last].value += " " + more
      }
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }  // the blank line ending a block
    let name = String(line[..<colon])
    let value = Self.trimmed(line[line.index(after: colon)...])
    responseHeaders.append(HTTPHeader(name, value))
  }

  // MARK: Finishing

  /// The outcome once libcurl reports the transfer done with `code`.
  func result(code: CURLcode, configuration: CurlTransport.Configuration)
    -> Result<HTTPResponse, HTTPTransportError>
  {
    guard code == CURLE_OK else {
      return .failure(error(code: code, configuration: configuration))
    }
    var status = 0
    _ = ccurl_easy_getinfo_long(easy.raw, CURLINFO_RESPONSE_CODE, &status)
    return .success(HTTPResponse(status: status, headers: responseHeaders, body: body))
  }

  private func error(code: CURLcode, configuration: CurlTransport.Configuration)
    -> HTTPTransportError
  {
    let request = pending.request
    var osErrno = 0
    _ = ccurl_easy_getinfo_long(easy.raw, CURLINFO_OS_ERRNO, &osErrno)
    var secrets = [request.url] + request.headers.map(\.value)
    if let pathStart = request.url.range(of: "://").flatMap({
      request.url[$0.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" })
    }) {
      secrets.append(String(request.url[pathStart...]))
    }
    secrets += [configuration.proxy.httpProxy, configuration.proxy.httpsProxy].compactMap { $0 }
    return HTTPTransportError(
      curlCode: code, detail: easy.errorMessage, osErrno: osErrno,
      host: HostName.of(request.url), secrets: secrets)
  }

  // MARK: Helpers

  private func set(_ option: CURLoption, _ value: Int) throws(HTTPTransportError) {
    try check(ccurl_easy_setopt_long(easy.raw, option, value))
  }

  private func set(_ option: CURLoption, _ value: String?) throws(HTTPTransportError) {
    let handle = easy.raw
    // libcurl copies string options (all but POSTFIELDS), so a temporary C string is fine.
    let code =
      if let value {
        value.withCString { ccurl_easy_setopt_string(handle, option, $0) }
      } else {
        ccurl_easy_setopt_string(handle, option, nil)
      }
    try check(code)
  }

  private func check(_ code: CURLcode) throws(HTTPTransportError) {
    guard code != CURLE_OK else { return }
    throw HTTPTransportError(
      kind: .other,
      message: "libcurl rejected an option: \(String(cString: ccurl_easy_strerror(code))).",
      host: HostName.of(pending.request.url))
  }

  private static func isHTTPS(_ url: String) -> Bool {
    url.utf8.count >= 8 && url.prefix(8).lowercased() == "https://"
  }

  private static let statusLinePrefix = Array("HTTP/".utf8)

  private static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    let total = seconds.multipliedReportingOverflow(by: 1000)
    guard !total.overflow else { return Int.max }
    // 0 would mean "no timeout" to libcurl; the shortest real timeout is 1 ms.
    return max(1, Int(clamping: total.partialValue + attoseconds / 1_000_000_000_000_000))
  }

  private static func trimmed(_ text: Substring) -> String {
    let isSpace: (Character) -> Bool = {
      $0 == " " || $0 == "\t" || $0 == "\r\n" || $0 == "\r" || $0 == "\n"
    }
    guard let start = text.firstIndex(where: { !isSpace($0) }),
      let end = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(text[start...end])
  }

  private static func isValidName(_ name: String) -> Bool {
    !name.isEmpty
      && name.utf8.allSatisfy { byte in
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: ":")
      }
  }

  private static func isValidValue(_ value: String) -> Bool {
    value.utf8.allSatisfy { $0 != 0x0A && $0 != 0x0D && $0 != 0x00 }
  }
}
