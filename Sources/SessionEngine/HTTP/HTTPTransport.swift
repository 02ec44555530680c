/// Sends HTTP requests. The session engine talks to AWS only through this protocol:
/// `CurlTransport` is the real implementation; tests may use the real one against
/// `FakeIdentityCenter` on loopback, or a stub.
///
/// Implementations must be safe to call from many tasks at once; the catalog loader keeps
/// up to 32 requests in flight. A transport never follows redirects: a 3xx is returned
/// as a response, as botocore sees it.
public protocol HTTPTransport: Sendable {
  /// Sends `request` and returns the final response.
  ///
  /// - Throws: `HTTPTransportError` when no HTTP response was received (refused connection,
  ///   DNS failure, TLS failure, timeout). An HTTP error status is *not* thrown; it is a
  ///   response like any other.
  func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// Why a request produced no HTTP response. Messages never contain header values or
/// bodies, so they cannot leak a token.
public struct HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible,
  RetryClassifiable
{
  /// The broad kind of failure, for callers that react differently (e.g. retry on timeout).
  public enum Kind: Sendable, Equatable {
    /// The server could not be reached (refused, unreachable, DNS).
    case connect
    /// The connect or total timeout passed.
    case timeout
    /// TLS could not be established or the certificate was not trusted.
    case tls
    /// The request was cancelled by the caller.
    case cancelled
    /// Anything else the transport reported.
    case other
  }

  /// The kind of failure.
  public var kind: Kind
  /// A human-readable explanation (the transport's own message, e.g. libcurl's).
  public var message: String
  /// The host the request was for, without path or query (never secret).
  public var host: String

  /// Creates a transport error.
  public init(kind: Kind, message: String, host: String) {
    self.kind = kind
    self.message = message
    self.host = host
  }

  /// A refused or reset connection and a timeout may pass; TLS failures do not.
  public var failureClass: FailureClass {
    switch kind {
    case .connect, .timeout, .other: .transient(retryAfter: nil)
    case .tls: .permanent
    case .cancelled: .cancelled
    }
  }

  /// The host, a colon, and the message.
  public var description: String {
    host.isEmpty ? message : "\(host): \(message)"
  }
}
