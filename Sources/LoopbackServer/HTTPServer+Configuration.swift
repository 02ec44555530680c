extension HTTPServer {
  /// Limits and timeouts. The defaults suit small JSON documents and forms (the fake's
  /// requests, the credentials endpoint's) and a few hundred open connections at most.
  public struct Configuration: Sendable, Equatable {
    /// The longest request line (method, target, version) accepted; longer: 414.
    public var maxRequestLineBytes = 16 * 1024
    /// The largest header section (request line and fields) accepted; larger: 431.
    public var maxHeaderBytes = 64 * 1024
    /// The most header fields accepted; more: 431.
    public var maxHeaderCount = 128
    /// The largest request body accepted (after chunked decoding); larger: 413.
    public var maxBodyBytes = 16 * 1024 * 1024
    /// The most connections open at once; a connection beyond it is answered 503 and closed.
    public var maxConnections = 1024
    /// How long a connection may stay silent — between requests, or in the middle of one
    /// (then answered 408) — and how long a write may block, before the server closes it.
    public var idleTimeout: Duration = .seconds(120)
    /// The listen backlog (the system may cap it).
    public var backlog: Int32 = 511

    /// The defaults.
    public init() {}
  }
}
