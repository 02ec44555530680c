import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 that answers every request with an async handler:
/// the one HTTP server in ssopick. `FakeIdentityCenter` serves itself with it, and so does
/// the credentials endpoint of `ssopick serve` and `exec --refresh`. It listens on loopback
/// only, by construction (there is no option to bind another address).
///
/// One thread accepts; each connection gets a thread of its own that reads and writes with
/// blocking calls (simple and fast on loopback) and waits for the handler, which runs as a
/// task on the Swift concurrency pool — so no pool or global-queue thread ever blocks on a
/// socket. Connections are kept alive (HTTP/1.1's default; `Connection: close` and HTTP/1.0
/// end them), requests may be pipelined, bodies come with `Content-Length` or chunked,
/// `Expect: 100-continue` is answered `100 Continue`, and every socket has `TCP_NODELAY`.
/// Requests beyond the limits in `Configuration` are answered 400, 408, 413, 414, 431, 501
/// or 505 and the connection is closed.
///
/// ```swift
/// let server = try HTTPServer { request in
///   HTTPServer.Response(status: 200, body: Data(request.path.utf8))
/// }
/// // … talk to http://127.0.0.1:\(server.port) …
/// await server.stop()
/// ```
public final class HTTPServer: Sendable {
  /// Answers one request. It runs as a task on the handlers' own small thread pool
  /// (``HandlerExecutor``) and may suspend (but should not block a thread); it is cancelled
  /// when the server stops.
  public typealias Handler = @Sendable (Request) async -> Response

  /// The port the server listens on (on 127.0.0.1).
  public let port: UInt16
  /// The limits it enforces.
  public let configuration: Configuration
  private let state: HTTPServerState

  /// Starts listening on 127.0.0.1:`port` (0 picks a free port) and serving with `handler`.
  ///
  /// - Throws: `HTTPServerError` if the port cannot be bound (for example, it is in use).
  public init(
    port: UInt16 = 0, configuration: Configuration = Configuration(),
    handler: @escaping Handler
  ) throws(HTTPServerError) {
    var configuration = configuration
    configuration.idleTimeout = max(configuration.idleTimeout, .milliseconds(1))
    let state = try HTTPServerState(maxConnections: configuration.maxConnections)
    let (listener, boundPort) = try HTTPSocket.makeListener(
      port: port, backlog: configuration.backlog)
    self.port = boundPort
    self.configuration = configuration
    self.state = state
    state.acceptThreadStarting()
    let limits = configuration
    let thread = Thread {
      Self.acceptLoop(listener: listener, state: state, configuration: limits, handler: handler)
    }
    thread.name = "loopback-http-accept"
    thread.start()
  }

  deinit {
    state.beginStop()
  }

  /// How many connections are open right now.
  public var openConnections: Int { state.connectionCount }

  /// Stops: closes the listening socket and every connection (a request being handled is
  /// cancelled and not answered), and returns once every thread of the server has ended.
  /// Idempotent.
  public func stop() async {
    state.beginStop()
    await state.waitUntilStopped()
  }

  private static func acceptLoop(
    listener: Int32, state: HTTPServerState, configuration: Configuration,
    handler: @escaping Handler
  ) {
    defer {
      close(listener)
      state.threadFinished()
    }
    while HTTPSocket.waitReadable(listener, wake: state.wakeRead, timeout: nil) == .readable {
      accepting: while true {
        switch HTTPSocket.acceptConnection(listener, timeout: configuration.idleTimeout) {
        case .noneWaiting:
          break accepting
        case .outOfResources:
          // Wait for connections to end rather than spin on a listener that stays readable.
          guard HTTPSocket.pause(for: .milliseconds(50), unlessReadable: state.wakeRead) else {
            return
          }
          break accepting
        case .connection(let fd):
          let connection = HTTPConnection(
            fd: fd, state: state, configuration: configuration, handler: handler)
          switch state.admit(connection) {
          case .stopping:
            close(fd)
            return
          case .full:
            refuse(fd)
          case .admitted:
            let thread = Thread { connection.run() }
            thread.name = "loopback-http-connection"
            thread.start()
          }
        }
      }
    }
  }

  /// Answers 503 to a connection over the limit and closes it, without waiting for it.
  private static func refuse(_ fd: Int32) {
    let answer = Response.serverText(503, "Too many open connections; try again.\n")
    let bytes = answer.wireBytes(closing: true, omittingBody: false)
    _ = bytes.withUnsafeBytes { HTTPSocket.sendAll(fd, $0) }
    _ = shutdown(fd, Int32(SHUT_WR))
    close(fd)
  }
}
