public import SessionEngine

/// The real `HTTPTransport`: HTTPS through the system's libcurl.
///
/// - Connections are kept alive and reused, and many requests can be in flight at once:
///   one dedicated thread drives a libcurl *multi* handle; `send` queues the request, wakes
///   that thread and suspends until the response (or failure) arrives. At most
///   `Configuration.maxConnections` connections are opened; over HTTP/2 (negotiated with
///   ALPN on TLS) concurrent requests share one connection.
/// - TLS peer and host-name verification are always on; `caBundlePath` chooses the CAs.
/// - Redirects are not followed: a 3xx is returned like any other response.
/// - Only the final response's headers are returned (no 1xx blocks), names as received,
///   values trimmed. Bodies are returned as sent (`Accept-Encoding: identity`).
/// - Failures throw `HTTPTransportError` with libcurl's message and the host only: never
///   the path, query, headers or body.
/// - Cancelling the calling task ends the request at once with kind `.cancelled`.
///
/// Create one per process and share it; it is `Sendable`. Its thread ends when the
/// transport is released.
public final class CurlTransport: HTTPTransport {
  /// The configuration every request uses.
  public let configuration: Configuration
  private let engine: CurlEngine

  /// Creates a transport and starts its thread.
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
    engine = CurlEngine(configuration: configuration)
    engine.start()
  }

  deinit {
    engine.shutDown()
  }

  /// Sends `request` and returns the final response.
  ///
  /// - Throws: `HTTPTransportError` when no response was received (`.connect`, `.timeout`,
  ///   `.tls`, `.other`) or the task was cancelled (`.cancelled`).
  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let pending = PendingRequest(request: request)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        if pending.install(continuation) {
          engine.submit(pending)
        }
      }
    } onCancel: {
      if pending.cancel() {
        engine.cancel(pending)
      }
    }
  }
}
