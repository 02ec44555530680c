extension CurlTransport {
  /// Which proxy a request goes through, as curl decides it from its environment variables.
  ///
  /// The transport passes these to libcurl explicitly (`CURLOPT_PROXY`, `CURLOPT_NOPROXY`)
  /// for every request, so libcurl never reads the process environment itself and the
  /// values come only from what was resolved here.
  public struct ProxySettings: Sendable, Equatable {
    /// The proxy URL for `http://` requests, e.g. `http://proxy.corp:3128`.
    public var httpProxy: String?
    /// The proxy URL for `https://` requests (the proxy is asked to `CONNECT`).
    public var httpsProxy: String?
    /// curl's no-proxy list: comma-separated host names, domain suffixes, IP addresses or
    /// CIDR ranges that go direct; `*` means every host.
    public var noProxy: String?

    /// Creates proxy settings; `nil` everywhere (the default) means no proxy.
    public init(httpProxy: String? = nil, httpsProxy: String? = nil, noProxy: String? = nil) {
      self.httpProxy = httpProxy
      self.httpsProxy = httpsProxy
      self.noProxy = noProxy
    }

    /// Reads proxies the way curl does:
    ///
    /// - `https://` uses `https_proxy`, else `HTTPS_PROXY`, else `all_proxy`, else `ALL_PROXY`.
    /// - `http://` uses `http_proxy` (lowercase only: an `HTTP_PROXY` may be set by a CGI
    ///   request header, the "httpoxy" problem), else `all_proxy`, else `ALL_PROXY`.
    /// - Hosts in `no_proxy`, else `NO_PROXY`, go direct.
    ///
    /// Empty values count as unset.
    public init(environment: [String: String]) {
      let all = environment["all_proxy"].nonEmpty ?? environment["ALL_PROXY"].nonEmpty
      httpProxy = environment["http_proxy"].nonEmpty ?? all
      httpsProxy =
        environment["https_proxy"].nonEmpty ?? environment["HTTPS_PROXY"].nonEmpty ?? all
      noProxy = environment["no_proxy"].nonEmpty ?? environment["NO_PROXY"].nonEmpty
    }

    /// The proxy for a URL, or `nil` to go direct (before the no-proxy list is applied,
    /// which libcurl does). Schemes are compared case-insensitively.
    func proxy(forURL url: String) -> String? {
      if url.utf8.count >= 8, url.prefix(8).lowercased() == "https://" {
        return httpsProxy
      }
      if url.utf8.count >= 7, url.prefix(7).lowercased() == "http://" {
        return httpProxy
      }
      return nil
    }
  }
}
