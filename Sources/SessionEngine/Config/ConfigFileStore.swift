/// Reads and safely rewrites one config or credentials file.
///
/// `update` holds the file's advisory lock (see `FileLock`) around the whole
/// read-modify-write: the edit is applied to the content read *under the lock*, so two
/// processes editing the same file at once both keep their changes. The file is replaced
/// atomically (see `AtomicFile`) and only when its bytes changed. A file that cannot be parsed,
/// or has duplicate sections or keys, is never rewritten.
public struct ConfigFileStore: Sendable {
  /// The file, as the user named it (a symbolic link is followed on write).
  public var path: String
  /// Config or credentials file.
  public var flavor: ConfigDocument.Flavor
  /// The clock used while waiting for the lock.
  public var timeSource: any TimeSource
  /// How long to wait for another process's lock.
  public var lockTimeout: Duration

  /// Creates a store for the file at `path`.
  public init(
    path: String, flavor: ConfigDocument.Flavor, timeSource: any TimeSource = SystemTimeSource(),
    lockTimeout: Duration = .seconds(30)
  ) {
    self.path = path
    self.flavor = flavor
    self.timeSource = timeSource
    self.lockTimeout = lockTimeout
  }

  /// Parses the file as it is now (without locking); a missing file is an empty document.
  public func load() throws -> ConfigDocument {
    guard let bytes = try AtomicFile.read(path) else {
      return ConfigDocument(path: path, flavor: flavor)
    }
    return try ConfigDocument(parsing: bytes, path: path, flavor: flavor)
  }

  /// Locks the file, reads and validates it, lets `edit` change the document, and writes the
  /// result back if it differs. Returns what `edit` returned.
  @discardableResult
  public func update<T>(_ edit: (inout ConfigDocument) throws -> T) async throws -> T {
    try await FileLock.withExclusiveLock(
      for: path, timeout: lockTimeout, timeSource: timeSource
    ) {
      // The bytes as read are the document's bytes (parsing is lossless).
      let before = try AtomicFile.read(path) ?? []
      var document = try ConfigDocument(parsing: before, path: path, flavor: flavor)
      try document.validate()
      let result = try edit(&document)
      let after = document.bytes
      if after != before {
        try AtomicFile.write(after, to: path)
      }
      return result
    }
  }
}
