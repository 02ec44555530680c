/// One answered request, as kept in the request log. Only names are kept: never a token,
/// secret, code or query value.
public struct RequestLogEntry: Sendable, Equatable {
  /// `GET`, `POST`, …
  public var method: String
  /// The path, without the query.
  public var path: String
  /// The operation it was routed to.
  public var operation: Operation
  /// The query parameter names, in the order sent.
  public var queryNames: [String]
  /// The status answered.
  public var status: Int
  /// The bare exception name for error answers.
  public var errorType: String?

  var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("method", .string(method)), ("path", .string(path)),
      ("operation", .string(operation.rawValue)),
      ("queryNames", .array(queryNames.map { .string($0) })), ("status", .int(Int64(status))),
    ]
    if let errorType { members.append(("errorType", .string(errorType))) }
    return .object(members)
  }
}

/// Counters since start (or the last reset).
public struct FakeStats: Sendable, Equatable {
  /// Requests per operation.
  public var operations: [Operation: Int] = [:]
  /// Requests per answered status.
  public var statuses: [Int: Int] = [:]
  /// The most requests being handled at the same time (latency included).
  public var maxInFlight = 0
  /// Requests being handled now.
  public var inFlight = 0
  /// All requests (control requests under `/_fake/` are not counted).
  public var total = 0

  var json: JSONValue {
    .object([
      (
        "operations",
        .object(
          operations.sorted { $0.key.rawValue < $1.key.rawValue }.map {
            ($0.key.rawValue, .int(Int64($0.value)))
          })
      ),
      (
        "statuses",
        .object(statuses.sorted { $0.key < $1.key }.map { (String($0.key), .int(Int64($0.value))) })
      ),
      ("maxInFlight", .int(Int64(maxInFlight))), ("inFlight", .int(Int64(inFlight))),
      ("total", .int(Int64(total))),
    ])
  }
}
