import Foundation

/// The threads request handlers run on: a small pool of its own, shared by every
/// ``HTTPServer`` in the process, instead of the Swift concurrency pool.
///
/// The concurrency pool has one thread per core (two on a small CI machine). A test that
/// blocks one of them — a synchronous Python run, a blocking socket read — used to stall
/// every server in the same test process, and the ssopick processes talking to it timed out.
/// With this executor as the handler task's preference, the handlers, their actor hops
/// (default actors follow the task's executor preference) and their latency sleeps run here.
@available(macOS 15, *)
final class HandlerExecutor: TaskExecutor, @unchecked Sendable {
  /// The executor every server in this process uses.
  static let shared = HandlerExecutor(threads: 4)

  private let condition = NSCondition()
  /// Guarded by `condition`.
  private var jobs: [UnownedJob] = []
  private var head = 0

  private init(threads: Int) {
    for index in 0..<threads {
      let thread = Thread { [self] in run() }
      thread.name = "loopback-http-handler-\(index)"
      thread.start()
    }
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func run() {
    while true {
      condition.lock()
      while head == jobs.count { condition.wait() }
      let job = jobs[head]
      head += 1
      if head == jobs.count {
        jobs.removeAll(keepingCapacity: true)
        head = 0
      }
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}
