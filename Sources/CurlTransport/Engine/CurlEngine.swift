import CCurl
import Foundation
import SessionEngine
import Synchronization

/// The part of the engine every thread may touch: the queue of submitted and cancelled
/// requests, and the multi handle's wake-up call. The multi handle itself is driven only
/// by the engine's own thread (`CurlWorker`).
///
/// Lifetime: `CurlTransport` owns the engine and calls `shutDown()` from its `deinit`;
/// the worker thread then fails whatever is left, cleans up every libcurl handle and ends.
final class CurlEngine: Sendable {
  /// Work handed to the curl thread.
  struct Queue {
    var submissions: [PendingRequest] = []
    var cancellations: [PendingRequest] = []
    var isShutDown = false
  }

  /// A `CURLM *` that may cross threads. The only call made on it off the curl thread is
  /// `curl_multi_wakeup`, which libcurl documents as thread-safe, and that call is made
  /// under `queue`'s lock while `isShutDown` is false, so it can never race the
  /// `curl_multi_cleanup` the worker does after it has seen `isShutDown` under that lock.
  struct MultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
  }

  let queue = Mutex(Queue())
  /// The multi handle, or `nil` when libcurl could not be set up (see `setupError`).
  let multi: MultiHandle?
  /// Why no request can be sent, when libcurl could not be initialised.
  let setupError: String?
  let configuration: CurlTransport.Configuration

  init(configuration: CurlTransport.Configuration) {
    self.configuration = configuration
    let global = CurlGlobal.initResult
    if global != CURLE_OK {
      multi = nil
      setupError =
        "libcurl could not be initialised: \(String(cString: ccurl_easy_strerror(global)))."
    } else if let raw = ccurl_multi_init() {
      multi = MultiHandle(raw: raw)
      setupError = nil
    } else {
      multi = nil
      setupError = "libcurl could not create a multi handle (out of memory?)."
    }
  }

  /// Starts the curl thread. Call once, right after `init`.
  func start() {
    guard let multi else { return }
    let thread = Thread { [self] in
      CurlWorker(engine: self, multi: multi.raw).run()
    }
    thread.name = "ssopick.curl"
    thread.start()
  }

  /// Queues `pending` for the curl thread and wakes it.
  func submit(_ pending: PendingRequest) {
    let accepted = queue.withLock { queue -> Bool in
      guard !queue.isShutDown, let multi else { return false }
      queue.submissions.append(pending)
      if queue.submissions.count == 1 {
        _ = ccurl_multi_wakeup(multi.raw)
      }
      return true
    }
    if !accepted {
      pending.complete(
        .failure(
          HTTPTransportError(
            kind: .other, message: setupError ?? "The HTTP transport has been shut down.",
            host: HostName.of(pending.request.url))))
    }
  }

  /// Asks the curl thread to drop the transfer of an already-resumed `pending`.
  func cancel(_ pending: PendingRequest) {
    queue.withLock { queue in
      guard !queue.isShutDown, let multi else { return }
      queue.cancellations.append(pending)
      _ = ccurl_multi_wakeup(multi.raw)
    }
  }

  /// Tells the curl thread to finish; it cleans up and ends on its own.
  func shutDown() {
    queue.withLock { queue in
      guard !queue.isShutDown else { return }
      queue.isShutDown = true
      if let multi {
        _ = ccurl_multi_wakeup(multi.raw)
      }
    }
  }

  /// Takes everything queued so far (called by the curl thread).
  func takeWork() -> Queue {
    queue.withLock { queue in
      let work = queue
      queue.submissions.removeAll(keepingCapacity: true)
      queue.cancellations.removeAll(keepingCapacity: true)
      return work
    }
  }
}
