import CSSOPickLibc
public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and crash-safe whole-file writes.
///
/// A write goes to a temporary file in the target's own folder, is flushed with `fsync`, and
/// then renamed over the target, so readers see either the old or the new file, never half of
/// one. Rules shared by the config, token-cache and catalog-cache writers:
/// - an existing file keeps its permission bits (and, when run as root, its owner);
/// - a new file is created with mode 0600;
/// - missing parent folders are created with mode 0700;
/// - a symbolic link is followed and its final *target* is replaced, so a dotfiles-managed
///   `~/.aws/config -> ~/dotfiles/aws/config` stays a link.
///
/// The temporary file, `.NAME.ssopick-PID-RAND.tmp` beside the target, does not outlive the
/// write: SIGINT, SIGTERM or SIGHUP arriving mid-write, or the process calling `exit()` before
/// the write is done, removes it (the C registry in `cssopick_tempfiles.h`). While it exists,
/// its writer holds an exclusive `flock` on it, so the next writer of the same target can tell
/// a leftover of a killed process from a write in progress and remove only the former
/// (`removeStaleTemporaryFiles(of:now:)`).
public enum AtomicFile {
  /// The permission bits of a file this type creates.
  static let newFileMode: mode_t = 0o600
  /// The permission bits of a folder this type creates.
  static let newDirectoryMode: mode_t = 0o700

  /// Reads the whole file at `path`, or returns `nil` when it does not exist.
  public static func read(_ path: String) throws(FileError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      let code = errno
      if code == ENOENT { return nil }
      throw .cannotRead(path: path, reason: FileError.reason(code))
    }
    defer { close(fd) }
    // Read straight into a buffer of the file's size (one read for a regular file), then
    // keep reading in case the file grew.
    var info = stat()
    let expected = fstat(fd, &info) == 0 ? max(Int(info.st_size), 0) : 0
    var bytes = [UInt8](repeating: 0, count: expected + 1)
    var filled = 0
    while true {
      if filled == bytes.count {
        bytes.append(contentsOf: repeatElement(0, count: max(filled, 64 * 1024)))
      }
      let count = bytes.withUnsafeMutableBytes { buffer in
        systemRead(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
      }
      if count < 0 {
        let code = errno
        if code == EINTR { continue }
        throw .cannotRead(path: path, reason: FileError.reason(code))
      }
      if count == 0 { break }
      filled += count
    }
    bytes.removeSubrange(filled..<bytes.count)
    return bytes
  }

  /// Replaces the file at `path` (or its symbolic link's target) with `bytes`, atomically.
  ///
  /// Before writing, it removes what earlier, killed writes of the same target left behind
  /// (`removeStaleTemporaryFiles(of:now:)`).
  public static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
    let target = try resolvingSymbolicLinks(path)
    try createParentDirectories(of: target)
    var info = stat()
    let exists = stat(target, &info) == 0
    let mode = exists ? info.st_mode & 0o7777 : newFileMode
    removeStaleTemporaryFiles(ofResolved: target, now: Date())
    let folder = directoryName(of: target)
    let temporary =
      folder + "/" + temporaryPrefix(for: baseName(of: target)) + "\(getpid())-"
      + String(UInt32.random(in: 0...UInt32.max), radix: 36) + temporarySuffix
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, newFileMode)
    if fd < 0 {
      throw .cannotWrite(path: path, reason: FileError.reason(errno))
    }
    // Held until the file is renamed or removed: "a writer is at work on this one" for the
    // next writer's stale sweep (which never locks a file this fresh).
    _ = flock(fd, LOCK_EX | LOCK_NB)
    let slot = cssopick_tempfile_track(temporary)
    defer {
      cssopick_tempfile_untrack(slot)
      close(fd)
    }
    do throws(FileError) {
      if fchmod(fd, mode) != 0 {
        throw FileError.cannotWrite(path: path, reason: FileError.reason(errno))
      }
      if exists && getuid() == 0 {
        // Best effort: root editing another user's file must not hand it over to root.
        _ = fchown(fd, info.st_uid, info.st_gid)
      }
      try writeAll(bytes, to: fd, path: path)
      // fsync reports any write-back error, so the descriptor is closed only after the
      // rename: the lock must cover the file for as long as it has the temporary name.
      if fsync(fd) != 0 { throw FileError.cannotWrite(path: path, reason: FileError.reason(errno)) }
      WriteHooks.beforeRename(target: target, temporary: temporary)
      if rename(temporary, target) != 0 {
        throw FileError.cannotWrite(path: path, reason: FileError.reason(errno))
      }
    } catch {
      unlink(temporary)
      throw error
    }
    syncDirectory(folder)
  }

  /// Replaces the file at `path` with `data`, atomically (see `write(_:to:)`).
  public static func write(_ data: Data, to path: String) throws(FileError) {
    try write([UInt8](data), to: path)
  }

  /// Follows `path` through any chain of symbolic links and returns the final target's path
  /// (which may not exist yet). A path that is not a link is returned unchanged.
  public static func resolvingSymbolicLinks(_ path: String) throws(FileError) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else {
        return current
      }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink(current, &buffer, buffer.count - 1)
      guard length >= 0 else { return current }
      let bytes = buffer[0..<length].map { UInt8(bitPattern: $0) }
      let link = String(decoding: bytes, as: UTF8.self)
      current = link.hasPrefix("/") ? link : directoryName(of: current) + "/" + link
    }
    throw .tooManySymbolicLinks(path: path)
  }

  /// Creates every missing folder above `path` with mode 0700.
  public static func createParentDirectories(of path: String) throws(FileError) {
    let folder = directoryName(of: path)
    var info = stat()
    if stat(folder, &info) == 0 { return }
    var prefix = folder.hasPrefix("/") ? "" : "."
    for component in folder.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += "/" + component
      if stat(prefix, &info) == 0 { continue }
      if mkdir(prefix, newDirectoryMode) != 0 {
        let code = errno
        if code == EEXIST { continue }
        throw .cannotCreateDirectory(path: prefix, reason: FileError.reason(code))
      }
      // mkdir applies the umask; state the mode explicitly.
      chmod(prefix, newDirectoryMode)
    }
  }

  /// The folder part of `path` (`.` for a bare file name).
  static func directoryName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// The last component of `path`.
  static func baseName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FileError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        systemWrite(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 {
        let code = errno
        if code == EINTR { continue }
        throw .cannotWrite(path: path, reason: FileError.reason(code))
      }
      offset += written
    }
  }

  private static func syncDirectory(_ folder: String) {
    let fd = open(folder, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }
}

// `read` and `write` are shadowed by the static methods above; these reach the C functions.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
