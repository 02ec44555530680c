import CCurl
import SessionEngine

/// The curl thread: the only code that calls the multi handle (but for its wake-up), the
/// share handle and easy handles. One loop:
///
/// 1. take submissions and cancellations from the engine's queue,
/// 2. drop cancelled transfers, configure new ones on pooled easy handles and add them,
/// 3. `curl_multi_perform`, then hand every finished transfer's result to its caller,
/// 4. `curl_multi_poll` until a socket is ready, a libcurl timer is due, or
///    `curl_multi_wakeup` is called for new work.
///
/// Connections live in the multi handle's cache and are reused by any later request to
/// the same host; the share handle adds the DNS cache and TLS session IDs.
final class CurlWorker {
  private let engine: CurlEngine
  private let multi: UnsafeMutableRawPointer
  private let share: UnsafeMutableRawPointer?
  private let configuration: CurlTransport.Configuration
  /// Idle easy handles, most recently used last.
  private var pool: [EasyHandle] = []
  /// Transfers added to the multi handle, by their `PendingRequest`.
  private var running: [ObjectIdentifier: Transfer] = [:]

  private static let poolLimit = 32
  /// Upper bound for one `curl_multi_poll`; new work wakes it earlier.
  private static let idlePollMilliseconds: Int32 = 30_000

  init(engine: CurlEngine, multi: UnsafeMutableRawPointer) {
    self.engine = engine
    self.multi = multi
    self.configuration = engine.configuration
    share = ccurl_share_init()
    if let share {
      _ = ccurl_share_setopt_lock_data(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS)
      _ = ccurl_share_setopt_lock_data(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION)
    }
    let limit = max(1, configuration.maxConnections)
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, limit)
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, limit)
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, limit)
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
  }

  /// Runs until the engine is shut down, then releases every libcurl handle.
  func run() {
    while true {
      let work = engine.takeWork()
      if work.isShutDown {
        // Nothing can be waiting (the transport is gone), but never leave a caller hanging.
        for pending in work.submissions { fail(pending, "The HTTP transport has been shut down.") }
        break
      }
      for pending in work.cancellations {
        if let transfer = running.removeValue(forKey: ObjectIdentifier(pending)) {
          ccurl_multi_remove_handle(multi, transfer.easy.raw)
          recycle(transfer.easy)
        }
      }
      for pending in work.submissions where !pending.isFinished {
        start(pending)
      }
      var stillRunning: Int32 = 0
      _ = ccurl_multi_perform(multi, &stillRunning)
      collectFinished()
      let polled = ccurl_multi_poll(multi, nil, 0, Self.idlePollMilliseconds, nil)
      if polled != CURLM_OK {
        failAllRunning(
          "libcurl could not wait for its sockets: \(String(cString: ccurl_multi_strerror(polled)))."
        )
      }
    }
    tearDown()
  }

  private func start(_ pending: PendingRequest) {
    guard let easy = pool.popLast() ?? EasyHandle(share: share) else {
      fail(pending, "libcurl could not create an easy handle (out of memory?).")
      return
    }
    easy.reset()
    let transfer = Transfer(pending: pending, easy: easy)
    do {
      try transfer.configure(configuration)
    } catch {
      pending.complete(.failure(error))
      recycle(easy)
      return
    }
    let code = ccurl_multi_add_handle(multi, easy.raw)
    guard code == CURLM_OK else {
      fail(
        pending,
        "libcurl could not start the request: \(String(cString: ccurl_multi_strerror(code))).")
      recycle(easy)
      return
    }
    running[ObjectIdentifier(pending)] = transfer
  }

  private func collectFinished() {
    var remaining: Int32 = 0
    while let message = ccurl_multi_info_read(multi, &remaining) {
      guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else {
        continue
      }
      let code = ccurl_msg_result(message)
      var raw: UnsafeMutableRawPointer?
      _ = ccurl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &raw)
      ccurl_multi_remove_handle(multi, handle)
      guard let raw else { continue }
      let transfer = Unmanaged<Transfer>.fromOpaque(raw).takeUnretainedValue()
      let key = ObjectIdentifier(transfer.pending)
      guard running[key] === transfer else { continue }
      let result = transfer.result(code: code, configuration: configuration)
      running[key] = nil
      recycle(transfer.easy)
      transfer.pending.complete(result)
    }
  }

  private func recycle(_ easy: EasyHandle) {
    if pool.count < Self.poolLimit {
      pool.append(easy)
    }
  }

  private func fail(_ pending: PendingRequest, _ message: String) {
    pending.complete(
      .failure(
        HTTPTransportError(kind: .other, message: message, host: HostName.of(pending.request.url))))
  }

  private func failAllRunning(_ message: String) {
    for transfer in running.values {
      ccurl_multi_remove_handle(multi, transfer.easy.raw)
      fail(transfer.pending, message)
    }
    running.removeAll()
  }

  private func tearDown() {
    failAllRunning("The HTTP transport has been shut down.")
    pool.removeAll()
    ccurl_multi_cleanup(multi)
    if let share {
      ccurl_share_cleanup(share)
    }
  }
}
