public import SessionEngine
import Synchronization

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
/// Create one per process and share it; it is `Sendable`. libcurl is loaded and the
/// thread started by the first request, not by `init` — loading libcurl and its TLS
/// libraries takes about 6 ms, which a run that never reaches the network (the picker on a
/// fresh catalog cache) should not pay. The thread ends when the transport is released.
public final class CurlTransport: HTTPTransport {
  /// The configuration every request uses.
  public let configuration: Configuration
  private let started = Mutex<CurlEngine?>(nil)

  /// Creates a transport; libcurl is loaded on the first request.
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  deinit {
    started.withLock { $0 }?.shutDown()
  }

  /// The engine, created and started by the first call.
  private var engine: CurlEngine {
    started.withLock { engine in
      if let engine { return engine }
      let created = CurlEngine(configuration: configuration)
      created.start()
      engine = created
      return created
    }
  }

  /// Sends `request` and returns the final response.
  ///
  /// - Throws: `HTTPTransportError` when no response was received (`.connect`, `.timeout`,
  ///   `.tls`, `.other`) or the task was cancelled (`.cancelled`).
  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let pending = PendingRequest(request: request)
    let engine = engine
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
