import Crypto
import Foundation

/// Step 1 of SigV4 (spec §17.2): the canonical form of a request, built as botocore's
/// `SigV4Auth.canonical_request` does (see ``SigV4Signer``).
struct SigV4CanonicalRequest {
  /// The canonical request text.
  let text: String
  /// The signed header names joined with `;`.
  let signedHeaders: String

  init(_ request: HTTPRequest) {
    let url = URLParts(request.url)
    var grouped: [String: [String]] = [:]
    for header in request.headers {
      let name = header.name.lowercased()
      guard !SigV4Signer.unsignedHeaders.contains(name) else { continue }
      grouped[name, default: []].append(Self.trimmed(header.value))
    }
    if grouped["host"] == nil { grouped["host"] = [url.hostHeader] }
    let names = grouped.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    let headerLines = names.map { "\($0):\(grouped[$0, default: []].joined(separator: ","))\n" }
    signedHeaders = names.joined(separator: ";")
    let payload = SigV4Signer.hex(SHA256.hash(data: request.body ?? Data()))
    text = [
      request.method.uppercased(), Self.canonicalPath(url.path), Self.canonicalQuery(url.query),
      headerLines.joined(), signedHeaders, payload,
    ].joined(separator: "\n")
  }

  /// The path with dot segments and empty segments removed (botocore's
  /// `remove_dot_segments`), then every byte outside the unreserved set and `/` encoded.
  static func canonicalPath(_ path: Substring) -> String {
    guard !path.isEmpty else { return "/" }
    var segments: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..": _ = segments.popLast()
      default: segments.append(segment)
      }
    }
    let leading = path.hasPrefix("/") ? "/" : ""
    let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
    let joined = leading + segments.joined(separator: "/") + trailing
    return joined.split(separator: "/", omittingEmptySubsequences: false)
      .map { PercentEncoding.encode(String($0)) }.joined(separator: "/")
  }

  /// Each `name=value` of the query decoded (a malformed escape is kept as sent), encoded
  /// with the unreserved set, and sorted by name, then value (byte order).
  static func canonicalQuery(_ query: Substring?) -> String {
    guard let query, !query.isEmpty else { return "" }
    var pairs: [(name: String, value: String)] = []
    for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func canonical(_ text: Substring) -> String {
        PercentEncoding.decode(String(text)).map(PercentEncoding.encode) ?? String(text)
      }
      pairs.append((canonical(parts[0]), parts.count > 1 ? canonical(parts[1]) : ""))
    }
    pairs.sort {
      $0.name == $1.name
        ? Array($0.value.utf8).lexicographicallyPrecedes(Array($1.value.utf8))
        : Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8))
    }
    return pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
  }

  /// Python's `' '.join(value.split())`: no leading or trailing white space, inner runs of
  /// it one space.
  static func trimmed(_ value: String) -> String {
    value.split(whereSeparator: {
      $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}"
    })
    .joined(separator: " ")
  }
}

/// The pieces of an absolute URL a signer needs, split as Python's `urlsplit` does.
struct URLParts {
  var scheme: Substring = ""
  var host: String = ""
  var port: Int?
  var path: Substring = ""
  var query: Substring?

  init(_ url: String) {
    var rest = Substring(url)
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    if let separator = rest.range(of: "://") {
      scheme = rest[..<separator.lowerBound]
      rest = rest[separator.upperBound...]
    }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    rest = rest[authorityEnd...]
    if let at = authority.lastIndex(of: "@") {
      authority = authority[authority.index(after: at)...]
    }
    if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
      host = String(authority[...close]).lowercased()
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") { port = Int(after.dropFirst()) }
    } else if let colon = authority.lastIndex(of: ":") {
      host = String(authority[..<colon]).lowercased()
      port = Int(authority[authority.index(after: colon)...])
    } else {
      host = String(authority).lowercased()
    }
    if let question = rest.firstIndex(of: "?") {
      path = rest[..<question]
      query = rest[rest.index(after: question)...]
    } else {
      path = rest
    }
  }

  /// The `Host` header for this URL: the host, and the port unless it is the scheme's default.
  var hostHeader: String {
    let defaultPort =
      scheme.lowercased() == "https" ? 443 : scheme.lowercased() == "http" ? 80 : nil
    guard let port, port != defaultPort else { return host }
    return "\(host):\(port)"
  }
}
