public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension AtomicFile {
  /// How long a temporary file must have gone unmodified before another writer may remove
  /// it: far longer than any write takes between two of its steps.
  public static let staleTemporaryAge: TimeInterval = 60

  /// The temporary files of `name` are `.NAME.ssopick-PID-RAND.tmp` (`PID` decimal, `RAND`
  /// base 36, lowercase).
  static func temporaryPrefix(for name: String) -> String { "." + name + ".ssopick-" }

  /// The end of every temporary file's name.
  static let temporarySuffix = ".tmp"

  /// Removes the temporary files that killed writes of `target` (or of its symbolic link's
  /// target) left in its folder, and returns their names. Best effort: a file that cannot be
  /// examined or removed is left alone.
  ///
  /// A file is removed only when all of these hold, checked in this order:
  /// 1. its name is exactly `.NAME.ssopick-PID-RAND.tmp` for this target's `NAME` (another
  ///    file's temporary files, the lock file and look-alikes are never touched);
  /// 2. it is a regular file (not a link, folder or FIFO) owned by this user (when running
  ///    as root, also one owned by the target's owner, to whom root's writes give their
  ///    temporary files);
  /// 3. it was last modified at least `staleTemporaryAge` before `now`;
  /// 4. no writer holds it: every writer keeps an exclusive `flock` on its temporary file
  ///    from the moment it creates it until it is renamed or removed, so a lock this sweep
  ///    can take means the writer is gone (the kernel drops the lock of a dead process).
  ///    The file is removed while the sweep holds that lock, after checking it is still the
  ///    same file and still that old.
  ///
  /// The process id in the name is deliberately not consulted: ids are reused (a container
  /// whose ssopick is always process 1 would keep its leftovers for ever) and mean nothing
  /// for a writer on another machine sharing the home folder, whereas `flock` works across
  /// processes of one machine and, on Linux, across NFS clients. The age covers the instant
  /// between a writer's `open` and its `flock` and writers older than this rule, which do not
  /// lock their temporary file: their files are never a minute old while they write them.
  @discardableResult
  public static func removeStaleTemporaryFiles(of target: String, now: Date = Date())
    -> [String]
  {
    guard let resolved = try? resolvingSymbolicLinks(target) else { return [] }
    return removeStaleTemporaryFiles(ofResolved: resolved, now: now)
  }

  /// `removeStaleTemporaryFiles(of:now:)` for a target whose links are already resolved.
  @discardableResult
  static func removeStaleTemporaryFiles(ofResolved target: String, now: Date) -> [String] {
    let prefix = Array(temporaryPrefix(for: baseName(of: target)).utf8)
    guard let directory = opendir(directoryName(of: target)) else { return [] }
    defer { closedir(directory) }
    let folder = dirfd(directory)
    var sweep = Sweep(folder: folder, now: now, user: geteuid(), targetOwner: nil)
    if sweep.user == 0 {
      var info = stat()
      if stat(target, &info) == 0 { sweep.targetOwner = info.st_uid }
    }
    var removed: [String] = []
    while let entry = readdir(directory) {
      guard let name = DirectoryEntry.name(entry) else { return removed }
      // Bytes compared in place, stopping at the first difference: a folder such as
      // ~/.aws/cli/cache may hold thousands of files, none of them ours.
      guard hasPrefix(name, prefix) else { continue }
      let bytes = UnsafeRawBufferPointer(start: name, count: strlen(name))
      guard isTemporaryTail(bytes.dropFirst(prefix.count)), sweep.removeIfStale(name) else {
        continue
      }
      removed.append(String(decoding: bytes, as: UTF8.self))
    }
    return removed
  }

  /// Whether the NUL-terminated `name` starts with `prefix` (which has no NUL).
  private static func hasPrefix(_ name: UnsafePointer<CChar>, _ prefix: [UInt8]) -> Bool {
    for (index, byte) in prefix.enumerated() where UInt8(bitPattern: name[index]) != byte {
      return false
    }
    return true
  }

  /// Whether `tail` is `PID-RAND.tmp`: 1–10 decimal digits, `-`, 1–7 of `0-9a-z`
  /// (`UInt32` in base 36), `.tmp`, nothing else.
  static func isTemporaryTail<Bytes: Collection<UInt8>>(_ tail: Bytes) -> Bool {
    let suffix = Array(temporarySuffix.utf8)
    guard tail.count > suffix.count, tail.suffix(suffix.count).elementsEqual(suffix) else {
      return false
    }
    let body = tail.dropLast(suffix.count)
    guard let dash = body.firstIndex(of: UInt8(ascii: "-")) else { return false }
    let pid = body[..<dash]
    let random = body[body.index(after: dash)...]
    let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    let isLowercase = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    return (1...10).contains(pid.count) && pid.allSatisfy(isDigit)
      && (1...7).contains(random.count) && random.allSatisfy { isDigit($0) || isLowercase($0) }
  }
}

/// One sweep of one folder (`AtomicFile.removeStaleTemporaryFiles(of:now:)`).
private struct Sweep {
  var folder: Int32
  var now: Date
  var user: uid_t
  var targetOwner: uid_t?

  /// Removes the file `name` (NUL-terminated, in `folder`) if it is stale; true when it did.
  func removeIfStale(_ name: UnsafePointer<CChar>) -> Bool {
    var before = stat()
    guard fstatat(folder, name, &before, AT_SYMLINK_NOFOLLOW) == 0, isCandidate(before) else {
      return false
    }
    // O_NOFOLLOW and O_NONBLOCK: the name may have become a link or a FIFO since.
    let fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
    var locked = stat()
    guard fstat(fd, &locked) == 0, locked.st_dev == before.st_dev,
      locked.st_ino == before.st_ino, isCandidate(locked)
    else { return false }
    return unlinkat(folder, name, 0) == 0
  }

  private func isCandidate(_ info: stat) -> Bool {
    guard (info.st_mode & S_IFMT) == S_IFREG else { return false }
    guard info.st_uid == user || (user == 0 && info.st_uid == targetOwner) else { return false }
    return now.timeIntervalSince1970 - Self.modified(info) >= AtomicFile.staleTemporaryAge
  }

  private static func modified(_ info: stat) -> TimeInterval {
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    return TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9
  }
}
