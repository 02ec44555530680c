/// Counters of a `LoopbackHTTPServer`, taken together at one moment.
public struct LoopbackStatistics: Sendable, Equatable {
  /// Connections accepted so far.
  public var acceptedConnections: Int
  /// Connections that have ended (closed by either side).
  public var closedConnections: Int
  /// Complete requests received so far (over all connections).
  public var requests: Int
  /// Requests the handler is working on right now.
  public var requestsInHandler: Int

  /// Connections open right now.
  public var openConnections: Int { acceptedConnections - closedConnections }

  /// Creates a snapshot.
  public init(
    acceptedConnections: Int = 0, closedConnections: Int = 0, requests: Int = 0,
    requestsInHandler: Int = 0
  ) {
    self.acceptedConnections = acceptedConnections
    self.closedConnections = closedConnections
    self.requests = requests
    self.requestsInHandler = requestsInHandler
  }
}
