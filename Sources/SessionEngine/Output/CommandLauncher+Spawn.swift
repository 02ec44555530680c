import CSSOPickLibc
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CommandLauncher {
  /// How a command that ssopick started and waited for ended.
  public enum Ending: Sendable, Equatable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signalled(Int32)
    /// It could not be started (127 not found, 126 cannot run).
    case failed(Failure)

    /// The status to exit with, as shells report it: the command's, 128 + N for signal N,
    /// or the launcher's 126/127.
    public var exitStatus: Int32 {
      switch self {
      case .exited(let status): status
      case .signalled(let number): 128 + number
      case .failed(let failure): failure.exitStatus
      }
    }
  }

  /// A command started by ``start(path:arguments:environment:inherited:)``, to wait for.
  public struct Child: Sendable, Equatable {
    /// Its process id.
    public var pid: Int32
  }

  /// Starts `path` as a child process — with `arguments` (its own name first), `environment`,
  /// ssopick's standard streams, terminal and process group, and the descriptors that were
  /// open on the same file when `inherited` was taken (every other one is closed, as for
  /// ``replaceProcess(path:arguments:environment:inherited:)``). Wait for it with
  /// ``wait(for:)``, which every successful start must be followed by.
  ///
  /// Signals, from now until ``wait(for:)`` returns: SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1
  /// and SIGUSR2 sent to ssopick by another process (`kill`) are passed on to the command;
  /// the same signals from the terminal (Ctrl-C, Ctrl-\) already reach the command, which
  /// shares the foreground process group, and are not sent twice. They do not end ssopick:
  /// it waits for the command and reports how that ended. A signal ssopick ignores stays
  /// ignored, also in the command.
  ///
  /// The command starts with the signal mask ssopick was started with (whatever the calling
  /// thread's is).
  public static func start(
    path: String, arguments: [String], environment: [String: String],
    inherited: [Int32: FileIdentity]
  ) -> Result<Child, Failure> {
    let name = arguments.first ?? path
    closeOnExecExcept(inherited)
    guard cssopick_relay_begin() == 0 else {
      return .failure(.cannotRun(name, reason: String(cString: strerror(errno))))
    }
    let variables = environment.map { "\($0.key)=\($0.value)" }
    var pid: pid_t = 0
    var code = spawn(&pid, path: path, arguments: arguments, variables: variables)
    if code == ENOEXEC {
      // Executable but not a program the kernel knows (a script without `#!`): /bin/sh.
      code = spawn(
        &pid, path: "/bin/sh", arguments: ["sh", path] + arguments.dropFirst(),
        variables: variables)
    }
    guard code == 0 else {
      cssopick_relay_end()
      if code == ENOENT { return .failure(.notFound(name)) }
      return .failure(.cannotRun(name, reason: String(cString: strerror(code))))
    }
    cssopick_relay_target(pid)
    return .success(Child(pid: pid))
  }

  /// Waits until `child` ends (on a thread of its own: `waitpid` blocks), then stops passing
  /// signals on and puts back the handlers `start` replaced.
  public static func wait(for child: Child) async -> Ending {
    let status = await withCheckedContinuation { continuation in
      let thread = Thread {
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
        continuation.resume(returning: status)
      }
      thread.name = "ssopick-wait-child"
      thread.start()
    }
    // The child is gone and its process id may be reused: nothing more is sent to it.
    cssopick_relay_end()
    if cssopick_wait_exited(status) != 0 { return .exited(cssopick_wait_exit_code(status)) }
    if cssopick_wait_signalled(status) != 0 { return .signalled(cssopick_wait_signal(status)) }
    return .exited(1)
  }

  /// Marks every descriptor above 2 close-on-exec unless it is one of `inherited` (still on
  /// the same file).
  static func closeOnExecExcept(_ inherited: [Int32: FileIdentity]) {
    for fd in openDescriptors() where fd > 2 {
      if let original = inherited[fd], identity(of: fd) == original { continue }
      let flags = fcntl(fd, F_GETFD)
      if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }
  }

  /// `posix_spawn`, with the relayed signals back at their default action in the child; an
  /// error number (0: started).
  private static func spawn(
    _ pid: inout pid_t, path: String, arguments: [String], variables: [String]
  ) -> Int32 {
    #if canImport(Darwin)
      var attributes: posix_spawnattr_t? = nil
    #else
      var attributes = posix_spawnattr_t()
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    // Caught signals go back to the default action; ignored ones stay ignored (as with execve).
    cssopick_relay_defaults(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    // The mask ssopick was started with, not the calling thread's (the runtime's threads
    // block SIGINT, SIGTERM and more).
    var mask = sigset_t()
    _ = cssopick_initial_signal_mask(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = variables.map { strdup($0) } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    return BusyExecutable.retrying { posix_spawn(&pid, path, nil, &attributes, argv, envp) }
  }
}
