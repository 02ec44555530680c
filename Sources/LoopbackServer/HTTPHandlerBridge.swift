import Foundation

/// Runs the async request handler for a connection thread: the handler runs as a task on
/// ``HandlerExecutor`` (where injected latency is an async sleep that occupies no thread),
/// while the connection's own thread — never a pool or global-queue thread —
/// blocks until the task answers or the server interrupts it.
final class HTTPHandlerBridge: @unchecked Sendable {
  private let condition = NSCondition()
  /// Guarded by `condition`.
  private var answer: HTTPServer.Response?
  private var interrupted = false
  private var task: Task<Void, Never>?

  /// The handler's answer to `request`, or `nil` if the server is stopping (the task is
  /// cancelled and left to finish on its own; its answer is dropped).
  func call(_ handler: @escaping HTTPServer.Handler, _ request: HTTPServer.Request)
    -> HTTPServer.Response?
  {
    condition.lock()
    defer { condition.unlock() }
    guard !interrupted else { return nil }
    answer = nil
    if #available(macOS 15, *) {
      task = Task(executorPreference: HandlerExecutor.shared) { [self] in
        finish(await handler(request))
      }
    } else {
      task = Task { [self] in finish(await handler(request)) }
    }
    while answer == nil && !interrupted { condition.wait() }
    task = nil
    let result = answer
    answer = nil
    return interrupted ? nil : result
  }

  /// Makes the current and every later `call` return `nil` and cancels the running task.
  func interrupt() {
    condition.lock()
    interrupted = true
    let running = task
    condition.broadcast()
    condition.unlock()
    running?.cancel()
  }

  private func finish(_ response: HTTPServer.Response) {
    condition.lock()
    answer = response
    condition.signal()
    condition.unlock()
  }
}
