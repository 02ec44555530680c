import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 (a port chosen by the system) for tests, built on
/// POSIX sockets so a test controls exactly what happens on the wire: it counts accepted
/// connections, keeps connections alive, can hang without answering, close mid-response,
/// send interim (1xx) responses and huge bodies, and records every request byte for byte
/// (so it can also stand in for a proxy and show the absolute-URI request it was sent).
///
/// Each connection is served by its own thread, which calls `handler` synchronously for
/// every request; the handler may block (e.g. to hold requests until several are in
/// flight). Tests use it scoped, so it is stopped — and its threads have ended — when the
/// test is done (`stop()`, or releasing it, only stops it):
///
/// ```swift
/// try await LoopbackHTTPServer { request in
///   request.path == "/ping" ? .status(200, body: "pong") : .status(404)
/// }.serve { server in
///   let response = try await transport.send(HTTPRequest(method: "GET", url: server.url("/ping")))
///   #expect(server.statistics.acceptedConnections == 1)
/// }
/// ```
public final class LoopbackHTTPServer: Sendable {
  /// The port the server listens on (on 127.0.0.1).
  public let port: UInt16
  private let state: LoopbackServerState

  /// Starts a server that answers every request with `handler`'s reply.
  ///
  /// - Throws: `LoopbackServerError` if no socket could be set up.
  public init(
    handler: @escaping @Sendable (LoopbackRequest) -> LoopbackReply
  ) throws(LoopbackServerError) {
    let state = try LoopbackServerState(handler: handler)
    let (listener, port) = try LoopbackSocket.makeListener()
    self.state = state
    self.port = port
    state.acceptThreadStarting()
    let thread = Thread {
      Self.acceptLoop(listener: listener, state: state)
    }
    thread.name = "loopback-http-accept"
    thread.start()
  }

  /// Starts a server that gives the same `reply` to every request.
  public convenience init(reply: LoopbackReply) throws(LoopbackServerError) {
    try self.init { _ in reply }
  }

  deinit {
    state.stop()
  }

  /// `http://127.0.0.1:<port>`.
  public var baseURL: String { "http://127.0.0.1:\(port)" }

  /// `baseURL` followed by `pathAndQuery`, e.g. `url("/accounts?max=5")`.
  public func url(_ pathAndQuery: String) -> String { baseURL + pathAndQuery }

  /// The counters right now.
  public var statistics: LoopbackStatistics { state.statistics }

  /// Every request received so far, in the order the handler saw them.
  public var requests: [LoopbackRequest] { state.requests }

  /// Suspends until `condition` holds for the statistics (checked after every change), or
  /// `timeout` passes. Returns whether the condition held. This is an event wait with an
  /// upper bound, not a sleep: it returns as soon as the server gets there.
  public func waitUntil(
    timeout: Duration = .seconds(10),
    _ condition: @escaping @Sendable (LoopbackStatistics) -> Bool
  ) async -> Bool {
    await state.wait(timeout: timeout, until: condition)
  }

  /// Stops accepting, ends every open connection and wakes every hanging handler.
  /// Idempotent; also done when the server is released.
  public func stop() {
    state.stop()
  }

  /// Runs `body` with this server, then stops it and waits until its threads have ended,
  /// whether `body` returns or throws — nothing of the server outlives the test:
  ///
  /// ```swift
  /// try await LoopbackHTTPServer(reply: .status(200)).serve { server in
  ///   _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/")))
  /// }
  /// ```
  ///
  /// A handler that blocks must be released by `body` (the wait is for its thread too).
  public func serve<Result>(
    isolation: isolated (any Actor)? = #isolation,
    _ body: (LoopbackHTTPServer) async throws -> Result
  ) async throws -> Result {
    let result: Result
    do {
      result = try await body(self)
    } catch {
      await stopAndWait()
      throw error
    }
    await stopAndWait()
    return result
  }

  /// Stops the server and waits until its threads have ended.
  public func stopAndWait() async {
    state.stop()
    await state.waitUntilStopped()
  }

  /// A port on 127.0.0.1 where nothing listens (for "connection refused" tests).
  public static func unusedPort() throws(LoopbackServerError) -> UInt16 {
    try LoopbackSocket.unusedPort()
  }

  private static func acceptLoop(listener: Int32, state: LoopbackServerState) {
    defer {
      close(listener)
      state.threadFinished()
    }
    while LoopbackSocket.waitReadable(listener, unlessReadable: state.stopReadEnd) {
      while let fd = LoopbackSocket.acceptConnection(listener) {
        guard let number = state.opened(fd) else { return }
        let thread = Thread {
          LoopbackConnection(fd: fd, number: number, state: state).run()
        }
        thread.name = "loopback-http-connection"
        thread.start()
      }
    }
  }
}
