import CSSOPickLibc

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How `ssopick exec` runs the command: it *replaces* ssopick with it (`execve`), after the
/// credentials are in the environment. The command then has ssopick's process id, its
/// terminal, stdin/stdout/stderr and process group, so every signal (Ctrl-C, Ctrl-Z,
/// `kill`, a terminal hang-up) reaches the command itself and the command's exit status is
/// the status the caller sees — by construction, with no forwarding code that could lose a
/// signal or a status (DECISIONS.md, "exec replaces the process").
///
/// The command is looked up like a shell does: a name containing `/` is used as given,
/// otherwise each folder of `PATH` is tried in order. Failures follow the shells' exit
/// codes: **127** when the command is not found, **126** when it is found but cannot be
/// run. A file that is executable but not a program the kernel knows (a script without
/// `#!`) is run with `/bin/sh`, as `execvp` and shells do.
public enum CommandLauncher {
  /// Why the command could not be started.
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such command on `PATH` (exit 127).
    case notFound(String)
    /// Found, but not executable or not runnable (exit 126).
    case cannotRun(String, reason: String)

    /// The shells' exit status for this failure.
    public var exitStatus: Int32 {
      switch self {
      case .notFound: 127
      case .cannotRun: 126
      }
    }

    /// `ssopick exec: NAME: command not found`, or the reason it could not run.
    public var description: String {
      switch self {
      case .notFound(let name): "ssopick exec: \(name): command not found"
      case .cannotRun(let name, let reason): "ssopick exec: \(name): \(reason)"
      }
    }
  }

  /// The environment for the command: `base` with `export`'s lines applied (set or removed).
  public static func environment(base: [String: String], applying export: ShellExport)
    -> [String: String]
  {
    var result = base
    for line in export.lines {
      result[line.name] = line.value
    }
    return result
  }

  /// The file `command` names: as given when it contains `/`, else the first executable
  /// regular file of that name in `searchPath` (`PATH`; an empty entry means the current
  /// folder, as in POSIX shells).
  public static func resolve(_ command: String, searchPath: String?) -> Result<String, Failure> {
    if command.isEmpty { return .failure(.notFound(command)) }
    if command.contains("/") {
      return access(command, F_OK) == 0 ? .success(command) : .failure(.notFound(command))
    }
    var firstNonExecutable: String?
    let folders = (searchPath ?? "/usr/local/bin:/usr/bin:/bin")
      .split(separator: ":", omittingEmptySubsequences: false)
    for folder in folders {
      let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + command
      var info = stat()
      guard stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
      if access(candidate, X_OK) == 0 { return .success(candidate) }
      if firstNonExecutable == nil { firstNonExecutable = candidate }
    }
    if let firstNonExecutable { return .success(firstNonExecutable) }
    return .failure(.notFound(command))
  }

  /// The open file descriptors of this process (from `/proc/self/fd` or `/dev/fd`).
  public static func openDescriptors() -> Set<Int32> {
    var result: Set<Int32> = []
    for folder in ["/proc/self/fd", "/dev/fd"] {
      guard let directory = opendir(folder) else { continue }
      defer { closedir(directory) }
      let own = dirfd(directory)
      while let entry = readdir(directory) {
        guard let name = DirectoryEntry.name(entry) else { break }
        if let fd = Int32(String(cString: name)), fd != own { result.insert(fd) }
      }
      return result
    }
    return result
  }

  /// Which file an open descriptor refers to (device and inode), so a descriptor number
  /// that was closed and reused for something else is not mistaken for the original.
  public struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
  }

  /// The open descriptors of this process and the files they refer to.
  public static func descriptorSnapshot() -> [Int32: FileIdentity] {
    var result: [Int32: FileIdentity] = [:]
    for fd in openDescriptors() {
      if let identity = identity(of: fd) { result[fd] = identity }
    }
    return result
  }

  static func identity(of fd: Int32) -> FileIdentity? {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  /// Replaces this process with `path` run with `arguments` (the first is the command's
  /// own name) and `environment`. Descriptors that were open, on the same file, when
  /// `inherited` was taken stay open in the command; every other one (network connections,
  /// lock files — anything ssopick opened since) is closed on exec. Comparing files, not
  /// just numbers, matters: another thread may have had a descriptor open for a moment when
  /// the snapshot was taken, and its number may since have been reused.
  /// Returns only on failure.
  public static func replaceProcess(
    path: String, arguments: [String], environment: [String: String],
    inherited: [Int32: FileIdentity]
  ) -> Failure {
    closeOnExecExcept(inherited)
    let name = arguments.first ?? path
    let variables = environment.map { "\($0.key)=\($0.value)" }
    // The command gets this thread's signal mask; the Swift runtime's threads block SIGINT,
    // SIGTERM and more, so put back the one ssopick was started with.
    _ = cssopick_restore_initial_signal_mask()
    let code = withCStrings(arguments) { argv in
      withCStrings(variables) { envp in
        BusyExecutable.retrying {
          execve(path, argv, envp)
          return errno
        }
      }
    }
    if code == ENOEXEC {
      let shellArguments = ["sh", path] + arguments.dropFirst()
      _ = withCStrings(shellArguments) { argv in
        withCStrings(variables) { envp in
          execve("/bin/sh", argv, envp)
          return errno
        }
      }
    }
    if code == ENOENT { return .notFound(name) }
    return .cannotRun(name, reason: String(cString: strerror(code)))
  }

  /// Calls `body` with a NULL-terminated array of C strings and returns its errno.
  private static func withCStrings(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int32
  ) -> Int32 {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return EINVAL }
      return body(base)
    }
  }
}
