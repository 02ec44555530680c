import CCurl

/// What the linked libcurl is and can do, for diagnostics (`ssopick status`, bug reports).
public struct LibcurlInfo: Sendable, Equatable {
  /// libcurl's version, e.g. `7.88.1`.
  public var version: String
  /// The TLS library and its version, e.g. `OpenSSL/3.0.11`, or `nil` without TLS support.
  public var sslVersion: String?
  /// Whether libcurl was built with TLS (needed for every AWS endpoint).
  public var supportsTLS: Bool
  /// Whether libcurl was built with HTTP/2.
  public var supportsHTTP2: Bool
  /// Whether libcurl resolves host names without blocking its thread.
  public var supportsAsynchronousDNS: Bool

  /// The libcurl this process is linked against.
  public static var current: LibcurlInfo {
    guard let data = ccurl_version_info() else {
      return LibcurlInfo(
        version: "unknown", sslVersion: nil, supportsTLS: false, supportsHTTP2: false,
        supportsAsynchronousDNS: false)
    }
    let features = data.pointee.features
    return LibcurlInfo(
      version: data.pointee.version.map { String(cString: $0) } ?? "unknown",
      sslVersion: data.pointee.ssl_version.map { String(cString: $0) },
      supportsTLS: features & ccurl_feature_ssl() != 0,
      supportsHTTP2: features & ccurl_feature_http2() != 0,
      supportsAsynchronousDNS: features & ccurl_feature_async_dns() != 0)
  }
}
