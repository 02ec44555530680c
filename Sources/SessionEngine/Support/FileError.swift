#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What went wrong reading, writing or locking a file. Every case names the file and the
/// system's reason, so a person can fix permissions or free the lock.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file exists but could not be read.
  case cannotRead(path: String, reason: String)
  /// The file could not be written (nothing was changed on disk).
  case cannotWrite(path: String, reason: String)
  /// A missing parent folder could not be created.
  case cannotCreateDirectory(path: String, reason: String)
  /// The lock file could not be opened or locked.
  case cannotLock(path: String, reason: String)
  /// Another process held the lock for longer than the timeout.
  case lockTimedOut(path: String, seconds: Int)
  /// A chain of symbolic links was too long or looped.
  case tooManySymbolicLinks(path: String)

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .cannotRead(let path, let reason):
      return "Cannot read \(path): \(reason)."
    case .cannotWrite(let path, let reason):
      return "Cannot write \(path): \(reason). The file was left unchanged."
    case .cannotCreateDirectory(let path, let reason):
      return "Cannot create the folder \(path): \(reason)."
    case .cannotLock(let path, let reason):
      return "Cannot lock \(path): \(reason)."
    case .lockTimedOut(let path, let seconds):
      return
        "Another process has held the lock \(path) for more than \(seconds) seconds. "
        + "If no other ssopick is running, try again."
    case .tooManySymbolicLinks(let path):
      return "Cannot follow \(path): too many symbolic links (or a loop)."
    }
  }

  /// The text of `strerror` for `code`, e.g. "Permission denied".
  static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
