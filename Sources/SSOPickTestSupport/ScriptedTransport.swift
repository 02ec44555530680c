import Foundation
public import SessionEngine
import Synchronization

/// An `HTTPTransport` for unit tests: answers each request with the next scripted response
/// (or with a closure) and records every request it saw, so a test can assert exactly
/// what was sent.
public final class ScriptedTransport: HTTPTransport {
  /// Decides the answer to one request.
  public typealias Responder = @Sendable (HTTPRequest) throws -> HTTPResponse

  private let state: Mutex<State>

  private struct State {
    var queue: [Responder]
    var fallback: Responder?
    var requests: [HTTPRequest] = []
  }

  /// A transport that answers requests in order with `responses`, then with `fallback`
  /// (or fails the request when there is none).
  public init(_ responses: [Responder] = [], fallback: Responder? = nil) {
    state = Mutex(State(queue: responses, fallback: fallback))
  }

  /// Every request sent so far, in order.
  public var requests: [HTTPRequest] { state.withLock { $0.requests } }

  /// Queues another answer.
  public func enqueue(_ responder: @escaping Responder) {
    state.withLock { $0.queue.append(responder) }
  }

  /// Records `request` and returns the next scripted answer.
  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let responder: Responder? = state.withLock { state in
      state.requests.append(request)
      return state.queue.isEmpty ? state.fallback : state.queue.removeFirst()
    }
    guard let responder else {
      throw HTTPTransportError(
        kind: .other, message: "ScriptedTransport: no answer scripted for \(request.method)",
        host: "scripted")
    }
    return try responder(request)
  }
}

extension HTTPResponse {
  /// A JSON response with `status` and `json` as the body, as AWS sends it.
  public static func json(_ status: Int, _ json: String, headers: [HTTPHeader] = []) -> HTTPResponse
  {
    HTTPResponse(
      status: status,
      headers: [HTTPHeader("Content-Type", "application/json")] + headers,
      body: Data(json.utf8))
  }

  /// An AWS error response: `status`, `x-amzn-ErrorType: code`, and `json` as the body.
  public static func awsError(_ status: Int, _ code: String, _ json: String) -> HTTPResponse {
    .json(status, json, headers: [HTTPHeader("x-amzn-ErrorType", code)])
  }
}
