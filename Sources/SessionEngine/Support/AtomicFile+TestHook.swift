import Synchronization

extension AtomicFile {
  /// Test-only: runs `body` while every write of `target` calls `hook` with its temporary
  /// file's path once the bytes are written and flushed, just before the rename.
  ///
  /// It lets a test hold a write mid-way without sleeping: look at the temporary file, run
  /// another writer's stale sweep, or signal a helper process whose hook blocks
  /// (DECISIONS.md, "Temporary files of interrupted writes"). Outside this call a write
  /// pays one atomic load for it. A second hook for the same target replaces the first
  /// until its own call returns.
  public static func withTestHookBeforeRename<Result, Failure: Error>(
    of target: String, _ hook: @escaping @Sendable (String) -> Void,
    do body: () throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let key = (try? resolvingSymbolicLinks(target)) ?? target
    let previous = WriteHooks.hooks.withLock { hooks in
      let previous = hooks[key]
      hooks[key] = hook
      return previous
    }
    WriteHooks.count.add(1, ordering: .sequentiallyConsistent)
    defer {
      WriteHooks.hooks.withLock { $0[key] = previous }
      WriteHooks.count.subtract(1, ordering: .sequentiallyConsistent)
    }
    return try body()
  }
}

/// The hooks of `AtomicFile.withTestHookBeforeRename(of:_:do:)`, by resolved target.
enum WriteHooks {
  /// How many hooks are installed; zero means a write need not look.
  static let count = Atomic<Int>(0)
  static let hooks = Mutex<[String: @Sendable (String) -> Void]>([:])

  /// Calls the hook for `target`, if a test installed one.
  static func beforeRename(target: String, temporary: String) {
    guard count.load(ordering: .sequentiallyConsistent) > 0,
      let hook = hooks.withLock({ $0[target] })
    else { return }
    hook(temporary)
  }
}
