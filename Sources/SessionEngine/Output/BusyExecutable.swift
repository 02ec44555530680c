#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Starting a program that is, for a moment, still open for writing somewhere fails with
/// `ETXTBSY` ("Text file busy"): a script just written or replaced, whose writer's descriptor
/// a process forked at that moment still holds until it execs. It passes within
/// milliseconds, so the three places that start a program (`exec`, `exec --refresh`,
/// `credential_process`) try again, a few times, before they report it.
enum BusyExecutable {
  /// Attempts in all, 5 ms apart (at most ~100 ms of waiting).
  static let attempts = 20

  /// `start()`'s result (0 or an errno value), tried again after `pause` while it is
  /// `ETXTBSY`.
  static func retrying(pause: () -> Void = BusyExecutable.pause, _ start: () -> Int32) -> Int32 {
    var result = start()
    var made = 1
    while result == ETXTBSY, made < attempts {
      pause()
      result = start()
      made += 1
    }
    return result
  }

  /// 5 ms.
  static func pause() {
    var pause = timespec(tv_sec: 0, tv_nsec: 5_000_000)
    var left = timespec()
    while nanosleep(&pause, &left) != 0, errno == EINTR { pause = left }
  }
}
