extension CurlTransport {
  /// How a `CurlTransport` connects: timeouts, trust, identification, connection limits and
  /// proxies. Build one with `resolve(environment:configCABundle:)` to apply the same
  /// environment rules as the AWS CLI and curl.
  ///
  /// TLS certificate verification is always on (peer and host name); there is deliberately
  /// no setting to turn it off. Redirects are never followed.
  public struct Configuration: Sendable, Equatable {
    /// The longest a TCP connect plus TLS handshake may take. Default 10 s.
    public var connectTimeout: Duration
    /// The longest a whole request may take, connect included, unless the request sets its
    /// own `HTTPRequest.timeout`. Default 60 s (botocore's read timeout).
    public var requestTimeout: Duration
    /// A PEM file of CA certificates to trust *instead of* the system's, or `nil` for the
    /// system trust store. Comes from `AWS_CA_BUNDLE` or the config file's `ca_bundle`.
    public var caBundlePath: String?
    /// The `User-Agent` header sent with every request that does not set its own.
    public var userAgent: String
    /// The most connections open at once (over all hosts). Requests beyond that wait in
    /// libcurl's queue for a free connection; over HTTP/2 they share one. Default 16.
    public var maxConnections: Int
    /// Which proxy to use for which URL. Default: none.
    public var proxy: ProxySettings

    /// Creates a configuration; every argument has a sensible default.
    public init(
      connectTimeout: Duration = .seconds(10),
      requestTimeout: Duration = .seconds(60),
      caBundlePath: String? = nil,
      userAgent: String = "ssopick",
      maxConnections: Int = 16,
      proxy: ProxySettings = ProxySettings()
    ) {
      self.connectTimeout = connectTimeout
      self.requestTimeout = requestTimeout
      self.caBundlePath = caBundlePath
      self.userAgent = userAgent
      self.maxConnections = maxConnections
      self.proxy = proxy
    }

    /// The configuration the AWS CLI would use, from an explicit environment (pass
    /// `ProcessInfo.processInfo.environment` in production, a dictionary in tests).
    ///
    /// - `AWS_CA_BUNDLE` wins over the config file's `ca_bundle` (`configCABundle`), as in
    ///   botocore. An empty value counts as unset.
    /// - Proxies follow curl's rules; see `ProxySettings.init(environment:)`.
    ///
    /// Everything else keeps its default and can be changed on the result.
    public static func resolve(
      environment: [String: String], configCABundle: String?
    ) -> Configuration {
      var configuration = Configuration()
      configuration.caBundlePath =
        environment["AWS_CA_BUNDLE"].nonEmpty ?? configCABundle.nonEmpty
      configuration.proxy = ProxySettings(environment: environment)
      return configuration
    }
  }
}

extension Optional where Wrapped == String {
  /// The string unless it is `nil` or empty.
  var nonEmpty: String? {
    switch self {
    case .some(let value) where !value.isEmpty: value
    default: nil
    }
  }
}
