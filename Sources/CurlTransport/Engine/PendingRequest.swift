import SessionEngine
import Synchronization

/// One `send` call as both sides see it: the awaiting task and the curl thread. It owns the
/// continuation and guarantees it is resumed exactly once, whoever gets there first:
/// the curl thread with a result, or task cancellation with `.cancelled`.
final class PendingRequest: Sendable {
  private enum State {
    /// Created; the continuation is not installed yet.
    case created
    /// Waiting for the curl thread.
    case waiting(CheckedContinuation<HTTPResponse, any Error>)
    /// Cancelled before the continuation was installed.
    case cancelledEarly
    /// The continuation has been resumed.
    case finished
  }

  /// The request to send; read by the curl thread.
  let request: HTTPRequest
  private let state = Mutex(State.created)

  init(request: HTTPRequest) {
    self.request = request
  }

  /// Installs the continuation. Returns `false` (and resumes it with a cancellation error)
  /// when the task was cancelled first; the request must then not be submitted.
  func install(_ continuation: CheckedContinuation<HTTPResponse, any Error>) -> Bool {
    let proceed = state.withLock { state -> Bool in
      guard case .created = state else {
        state = .finished
        return false
      }
      state = .waiting(continuation)
      return true
    }
    if !proceed {
      continuation.resume(throwing: cancellationError())
    }
    return proceed
  }

  /// Resumes the waiting task with `.cancelled` at once. Returns `true` when the request
  /// had been submitted, so the curl thread must be told to drop its transfer.
  func cancel() -> Bool {
    let continuation = state.withLock { state -> CheckedContinuation<HTTPResponse, any Error>? in
      switch state {
      case .created:
        state = .cancelledEarly
        return nil
      case .waiting(let continuation):
        state = .finished
        return continuation
      case .cancelledEarly, .finished:
        return nil
      }
    }
    guard let continuation else { return false }
    continuation.resume(throwing: cancellationError())
    return true
  }

  /// Delivers the outcome, unless cancellation already did.
  func complete(_ result: Result<HTTPResponse, HTTPTransportError>) {
    let continuation = state.withLock { state -> CheckedContinuation<HTTPResponse, any Error>? in
      guard case .waiting(let continuation) = state else { return nil }
      state = .finished
      return continuation
    }
    continuation?.resume(with: result.mapError { $0 as any Error })
  }

  /// Whether the outcome has been delivered (by completion or cancellation).
  var isFinished: Bool {
    state.withLock { state in
      if case .waiting = state { return false }
      return true
    }
  }

  private func cancellationError() -> HTTPTransportError {
    HTTPTransportError(
      kind: .cancelled, message: "The request was cancelled.",
      host: HostName.of(request.url))
  }
}
