import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An advisory, exclusive `flock` on a sidecar lock file, held around a read-modify-write so
/// two processes editing the same file never lose each other's changes.
///
/// The lock lives on a separate file next to the (symlink-resolved) target, named
/// `.NAME.ssopick-lock` (e.g. `~/.aws/.config.ssopick-lock`): a hidden name no AWS tool
/// reads, and it is never deleted, because deleting a lock file lets two processes lock two
/// different files. Locking the target itself would not work: the atomic rename replaces it.
///
/// Waiting is asynchronous: the lock is tried without blocking and retried after short sleeps
/// on the injected `TimeSource`, up to `timeout`. The body itself runs synchronously while
/// the lock is held.
public enum FileLock {
  /// The lock file used for `file` (after following symbolic links).
  public static func lockPath(for file: String) throws(FileError) -> String {
    let target = try AtomicFile.resolvingSymbolicLinks(file)
    return AtomicFile.directoryName(of: target) + "/." + AtomicFile.baseName(of: target)
      + ".ssopick-lock"
  }

  /// Runs `body` while holding the exclusive lock for `file`.
  ///
  /// - Parameters:
  ///   - file: the file about to be read and rewritten; its folder is created (0700) if missing.
  ///   - timeout: how long to wait for another holder before failing with `lockTimedOut`.
  ///   - timeSource: the clock used for waiting.
  ///   - isolation: the caller's actor; `body` runs on it.
  ///   - body: the read-modify-write (it may be asynchronous, e.g. a whole login).
  public static func withExclusiveLock<T>(
    for file: String,
    timeout: Duration = .seconds(30),
    timeSource: any TimeSource = SystemTimeSource(),
    isolation: isolated (any Actor)? = #isolation,
    _ body: () async throws -> T
  ) async throws -> T {
    let path = try lockPath(for: file)
    try AtomicFile.createParentDirectories(of: path)
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, AtomicFile.newFileMode)
    if fd < 0 {
      throw FileError.cannotLock(path: path, reason: FileError.reason(errno))
    }
    defer { close(fd) }
    let start = timeSource.now
    var pause = Duration.milliseconds(2)
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      if code == EINTR { continue }
      guard code == EWOULDBLOCK || code == EAGAIN else {
        throw FileError.cannotLock(path: path, reason: FileError.reason(code))
      }
      let waited = timeSource.now.timeIntervalSince(start)
      let limit =
        Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
      if waited >= limit {
        throw FileError.lockTimedOut(path: path, seconds: Int(timeout.components.seconds))
      }
      try await timeSource.sleep(for: pause)
      pause = min(pause * 2, .milliseconds(20))
    }
    defer { flock(fd, LOCK_UN) }
    // The body may suspend (a login waits for the browser); flock belongs to the open file,
    // not to a thread, so the lock stays held across suspensions.
    return try await body()
  }
}
