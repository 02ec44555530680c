public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The catalog of one session, kept between runs so the picker and `ssopick list` start
/// instantly: `catalog.bin` in the session's folder under `$XDG_CACHE_HOME/ssopick/`
/// (default `~/.cache/ssopick/`), written atomically, file 0600, folder 0700.
///
/// The file is versioned binary (`CatalogCodec`); a missing, unreadable, corrupt or
/// truncated file, one of another format version, or one written for another start URL all
/// read as "no cache" — never as an error, never as a crash. `ssopick logout` removes the
/// whole folder.
public struct CatalogCache: Sendable {
  /// The file name inside the session folder.
  public static let fileName = "catalog.bin"

  /// The cache file.
  public let path: String
  private let identity: CatalogCodec.Identity

  /// The cache of `session`, in its folder from `directories`.
  public init(directories: CacheDirectories, session: SSOSession) {
    self.init(path: directories.sessionFolder(for: session) + "/" + Self.fileName, session: session)
  }

  /// The cache of `session` at `path`.
  public init(path: String, session: SSOSession) {
    self.path = path
    identity = CatalogCodec.Identity(startURL: session.startURL, sessionName: session.name ?? "")
  }

  /// The cached catalog, or `nil` when there is no usable one.
  public func load() -> Catalog? {
    guard let bytes = Self.readWhole(path) else { return nil }
    return CatalogCodec.decode(bytes, identity: identity)
  }

  /// The whole file in one read of its exact size (the cache is read on every start).
  private static func readWhole(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(info.st_size)
    guard size > 0, size < 1 << 30 else { return nil }
    var complete = true
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var offset = 0
      while offset < size {
        let got = read(fd, buffer.baseAddress.map { $0 + offset }, size - offset)
        if got < 0, errno == EINTR { continue }
        guard got > 0 else { break }
        offset += got
      }
      complete = offset == size
      count = offset
    }
    return complete ? bytes : nil
  }

  /// Replaces the cached catalog with `catalog` (atomically; the folder is made 0700).
  public func save(_ catalog: Catalog) throws(FileError) {
    let bytes = CatalogCodec.encode(catalog, identity: identity)
    try AtomicFile.createParentDirectories(of: path)
    let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
      .joined(separator: "/")
    // A folder created by someone else's umask keeps no group or world access.
    if !folder.isEmpty { chmod(folder, AtomicFile.newDirectoryMode) }
    try AtomicFile.write(bytes, to: path)
    // AtomicFile keeps an existing file's mode; this file is always private.
    chmod(path, AtomicFile.newFileMode)
  }

  /// Whether `catalog` should be listed again: it is older than `maxAge`, it is incomplete
  /// (some account's roles failed to list), or it claims to come from the future (the clock
  /// was changed).
  public static func isStale(_ catalog: Catalog, maxAge: Duration, now: Date) -> Bool {
    let age = now.timeIntervalSince(catalog.fetchedAt)
    return !catalog.isComplete || age >= maxAge.inSeconds || age < -300
  }
}
