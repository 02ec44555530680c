import CSSOPickLibc
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ChildProcess {
  /// What the child's threads share.
  struct State {
    /// Set once the child has exited (before it is reaped, so its number cannot be reused
    /// while this is false).
    var exited = false
    /// The `waitpid` status, once reaped.
    var waitStatus: Int32?
    var timedOut = false
    var stdout = Data()
    var stderr = Data()
    var stdoutEnded = false
    /// Reader threads still running.
    var readersLeft = 0
    /// The write end of a ``Input/pipe`` stdin, until closed.
    var inputWriter: Int32?
    /// Kept open until the readers are done: when the last descriptor of a terminal's
    /// secondary side closes, Linux hangs the terminal up and may drop unread output.
    var terminal: PseudoTerminal?
    var secondary: FileHandle?
    var markerWaiters: [(text: Data, continuation: CheckedContinuation<Bool, Never>)] = []
    var exitWaiters: [CheckedContinuation<Output, Never>] = []

    /// The output, once the child is reaped and every reader is done.
    func output(pid: Int32) -> Output? {
      guard let waitStatus, readersLeft == 0 else { return nil }
      let signalled = cssopick_wait_signalled(waitStatus) != 0
      return Output(
        pid: pid,
        status: signalled ? cssopick_wait_signal(waitStatus) : cssopick_wait_exit_code(waitStatus),
        signalled: signalled, timedOut: timedOut, stdoutData: stdout, stderrData: stderr)
    }
  }

  /// Which stream a reader thread reads.
  enum Stream {
    case stdout
    case stderr
    /// A terminal's echo of typed input, read so the terminal never fills up, and dropped.
    case discarded
  }

  // MARK: Threads

  /// Waits for the child's end on a thread of its own.
  func startWaiter() {
    let thread = Thread { [self] in
      var info = siginfo_t()
      // Wait without reaping, mark the child exited, then reap: `signal` checks the mark
      // under the lock, so it never signals a number the system has reused.
      while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
      state.withLock { $0.exited = true }
      var byte: UInt8 = 1
      _ = write(exitWrite, &byte, 1)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0, errno == EINTR {}
      state.withLock { $0.waitStatus = status }
      finishIfDone()
    }
    thread.name = "child-process-wait"
    thread.start()
  }

  /// Reads `fd` into `stream` until end of file or, once the child has exited, until
  /// nothing more is waiting; then closes it.
  func startReader(_ fd: Int32, _ stream: Stream, closing: Bool = true) {
    state.withLock { $0.readersLeft += 1 }
    let thread = Thread { [self] in
      Self.readUntilExit(fd, exitSignal: exitRead) { chunk in
        appended(chunk, to: stream)
      }
      if closing { close(fd) }
      readerFinished(stream)
    }
    thread.name = "child-process-read"
    thread.start()
  }

  /// Writes `bytes` to `fd` on a thread of its own (the child may read slowly), until all
  /// is written, the child stops reading or it has exited; then closes `fd` if asked.
  /// Counted as a reader, so a terminal it types into stays open until it is done.
  func feed(_ fd: Int32, _ bytes: Data, closing: Bool) {
    state.withLock { $0.readersLeft += 1 }
    let thread = Thread { [self] in
      // A write to a pipe whose reader has gone raises SIGPIPE in the writing thread;
      // blocked here, the write fails with EPIPE instead of ending the test process.
      var pipeSignal = sigset_t()
      sigemptyset(&pipeSignal)
      sigaddset(&pipeSignal, SIGPIPE)
      pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
      Self.writeUntilExit(fd, bytes, exitSignal: exitRead)
      if closing { close(fd) }
      readerFinished(.discarded)
    }
    thread.name = "child-process-feed"
    thread.start()
  }

  /// Kills the child after `timeout` unless it has exited.
  func arm(timeout: Duration) {
    let (seconds, attoseconds) = timeout.components
    // Weak: a child that ended long ago is not kept (nor its descriptors) until then.
    Self.watchdogs.asyncAfter(deadline: .now() + Double(seconds) + Double(attoseconds) / 1e18) {
      [weak self] in
      guard let self else { return }
      state.withLock { state in
        guard !state.exited else { return }
        state.timedOut = true
        _ = kill(pid, SIGKILL)
      }
    }
  }

  private static let watchdogs = DispatchQueue(label: "ChildProcess.watchdogs")

  private func appended(_ chunk: Data, to stream: Stream) {
    let satisfied = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
      switch stream {
      case .stdout: state.stdout += chunk
      case .stderr: state.stderr += chunk
      case .discarded: return []
      }
      guard stream == .stdout, !state.markerWaiters.isEmpty else { return [] }
      let stdout = state.stdout
      let ready = state.markerWaiters.filter { stdout.range(of: $0.text) != nil }
      state.markerWaiters.removeAll { stdout.range(of: $0.text) != nil }
      return ready.map(\.continuation)
    }
    for continuation in satisfied { continuation.resume(returning: true) }
  }

  private func readerFinished(_ stream: Stream) {
    let unsatisfied = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
      state.readersLeft -= 1
      guard stream == .stdout else { return [] }
      state.stdoutEnded = true
      defer { state.markerWaiters = [] }
      return state.markerWaiters.map(\.continuation)
    }
    for continuation in unsatisfied { continuation.resume(returning: false) }
    finishIfDone()
  }

  /// Hands the output to everyone waiting, once it is complete.
  private func finishIfDone() {
    let (output, waiters, unsatisfied) = state.withLock {
      state -> (Output?, [CheckedContinuation<Output, Never>], [CheckedContinuation<Bool, Never>])
      in
      guard let output = state.output(pid: pid) else { return (nil, [], []) }
      state.terminal = nil
      state.secondary = nil
      if let fd = state.inputWriter {
        close(fd)
        state.inputWriter = nil
      }
      defer {
        state.exitWaiters = []
        state.markerWaiters = []
      }
      return (output, state.exitWaiters, state.markerWaiters.map(\.continuation))
    }
    for continuation in unsatisfied { continuation.resume(returning: false) }
    guard let output else { return }
    for waiter in waiters { waiter.resume(returning: output) }
  }

  private static func writeUntilExit(_ fd: Int32, _ bytes: Data, exitSignal: Int32) {
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written > 0 {
          offset += written
          continue
        }
        if written < 0 && errno == EINTR { continue }
        guard written < 0, errno == EAGAIN || errno == EWOULDBLOCK else { return }
        var fds = [
          pollfd(fd: fd, events: Int16(POLLOUT), revents: 0),
          pollfd(fd: exitSignal, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, 2, -1)
        if ready < 0 && errno != EINTR { return }
        if fds[1].revents != 0 { return }  // the child has exited
      }
    }
  }

  private static func readUntilExit(_ fd: Int32, exitSignal: Int32, _ append: (Data) -> Void) {
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    var buffer = [UInt8](repeating: 0, count: 16_384)
    var exited = false
    while true {
      // Everything waiting now.
      while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
          append(Data(buffer[0..<count]))
          continue
        }
        if count < 0 && errno == EINTR { continue }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
        return  // end of file, or the terminal was hung up (EIO)
      }
      // The child has exited and nothing more is waiting: a descendant that inherited the
      // descriptor (tmux's server, say) must not keep the reader waiting.
      if exited { return }
      var fds = [
        pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
        pollfd(fd: exitSignal, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, 2, -1)
      if ready < 0 && errno != EINTR { return }
      if fds[1].revents != 0 { exited = true }
    }
  }
}

/// Sets up the descriptors and attributes of one `posix_spawn` and starts the child.
struct Spawner {
  var executable: String
  var arguments: [String]
  var environment: [String: String]?
  var directory: String?
  var stdin: ChildProcess.Input
  var output: ChildProcess.OutputMode

  /// The descriptors of one start: the child's three, and the parent's sides.
  private struct Plumbing: ~Copyable {
    var childInput: Int32 = -1
    var childOutput: Int32 = -1
    var childError: Int32 = -1
    /// The child's ends and `/dev/null`: closed in this process once the child has them.
    var childEnds: [Int32] = []
    var readers: [(fd: Int32, stream: ChildProcess.Stream)] = []
    var feeds: [(fd: Int32, bytes: Data, closing: Bool)] = []
    var inputWriter: Int32?
    var terminal: PseudoTerminal?
    var secondary: FileHandle?

    /// Closes everything of this process's (when the child could not be started).
    func closeAll() {
      let main = terminal?.main
      for fd in childEnds { close(fd) }
      for reader in readers where reader.fd != main { close(reader.fd) }
      for feed in feeds where feed.closing { close(feed.fd) }
      if let inputWriter { close(inputWriter) }
    }
  }

  func start(timeout: Duration?) throws -> ChildProcess {
    var plumbing = Plumbing()
    let pid: Int32
    let exitPipe: (read: Int32, write: Int32)
    do {
      try connect(&plumbing)
      exitPipe = try Self.makePipe()
      do {
        pid = try spawn(
          stdin: plumbing.childInput, stdout: plumbing.childOutput, stderr: plumbing.childError)
      } catch {
        close(exitPipe.read)
        close(exitPipe.write)
        throw error
      }
    } catch {
      plumbing.closeAll()
      throw error
    }
    for fd in plumbing.childEnds { close(fd) }

    var state = ChildProcess.State()
    state.inputWriter = plumbing.inputWriter
    state.terminal = plumbing.terminal
    state.secondary = plumbing.secondary
    let main = plumbing.terminal?.main
    let readers = plumbing.readers
    let feeds = plumbing.feeds
    let child = ChildProcess(pid: pid, state: state, exitPipe: exitPipe)
    for reader in readers {
      // The terminal's main side is closed by the terminal itself.
      child.startReader(reader.fd, reader.stream, closing: reader.fd != main)
    }
    for feed in feeds { child.feed(feed.fd, feed.bytes, closing: feed.closing) }
    child.startWaiter()
    if let timeout { child.arm(timeout: timeout) }
    return child
  }

  /// Opens what `stdin` and `output` ask for.
  private func connect(_ plumbing: inout Plumbing) throws(SystemCallError) {
    // One terminal, if either side wants one, serves both.
    let wantsTerminal: Bool
    switch (stdin, output) {
    case (.terminal, _), (_, .terminal): wantsTerminal = true
    default: wantsTerminal = false
    }
    if wantsTerminal {
      let terminal = try PseudoTerminal()
      plumbing.terminal = terminal
      plumbing.secondary = try terminal.openSecondary()
    }
    let secondary = plumbing.secondary?.fileDescriptor ?? -1
    let main = plumbing.terminal?.main ?? -1

    switch stdin {
    case .nullDevice:
      plumbing.childInput = try SystemCall.run("open /dev/null") {
        open("/dev/null", O_RDONLY | O_CLOEXEC)
      }
      plumbing.childEnds.append(plumbing.childInput)
    case .data(let bytes):
      let pipe = try Self.makePipe()
      plumbing.childInput = pipe.read
      plumbing.childEnds.append(pipe.read)
      plumbing.feeds.append((pipe.write, bytes, closing: true))
    case .pipe:
      let pipe = try Self.makePipe()
      plumbing.childInput = pipe.read
      plumbing.childEnds.append(pipe.read)
      plumbing.inputWriter = pipe.write
    case .terminal(let typing):
      plumbing.childInput = secondary
      if !typing.isEmpty { plumbing.feeds.append((main, typing, closing: false)) }
    }

    switch output {
    case .pipes:
      let out = try Self.makePipe()
      plumbing.childEnds.append(out.write)
      plumbing.readers.append((out.read, .stdout))
      let err = try Self.makePipe()
      plumbing.childEnds.append(err.write)
      plumbing.readers.append((err.read, .stderr))
      plumbing.childOutput = out.write
      plumbing.childError = err.write
      // Typed input echoes; read it so the terminal never fills up.
      if wantsTerminal { plumbing.readers.append((main, .discarded)) }
    case .terminal:
      plumbing.childOutput = secondary
      plumbing.childError = secondary
      plumbing.readers.append((main, .stdout))
    }
  }

  /// A pipe, both ends close-on-exec (the child gets its end through `dup2`).
  static func makePipe() throws(SystemCallError) -> (read: Int32, write: Int32) {
    var ends: [Int32] = [0, 0]
    try SystemCall.run("pipe") { pipe(&ends) }
    for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return (ends[0], ends[1])
  }

  private func spawn(stdin: Int32, stdout: Int32, stderr: Int32) throws(SystemCallError)
    -> Int32
  {
    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t? = nil
      var attributes: posix_spawnattr_t? = nil
    #else
      var actions = posix_spawn_file_actions_t()
      var attributes = posix_spawnattr_t()
    #endif
    try SystemCall.check(
      "posix_spawn_file_actions_init", returned: posix_spawn_file_actions_init(&actions))
    defer { posix_spawn_file_actions_destroy(&actions) }
    try SystemCall.check("posix_spawnattr_init", returned: posix_spawnattr_init(&attributes))
    defer { posix_spawnattr_destroy(&attributes) }

    for (source, target) in [(stdin, Int32(0)), (stdout, 1), (stderr, 2)] {
      try SystemCall.check(
        "posix_spawn_file_actions_adddup2",
        returned: posix_spawn_file_actions_adddup2(&actions, source, target))
    }
    var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
    let closing = cssopick_spawn_file_actions_addclosefrom(&actions, 3)
    if closing == ENOSYS {
      #if canImport(Darwin)
        // Darwin closes every descriptor without a file action instead.
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
      #else
        // glibc before 2.34: close what is open now (descriptors opened meanwhile by other
        // threads are close-on-exec in this process's code).
        for fd in Self.openDescriptors() where fd > 2 {
          try SystemCall.check(
            "posix_spawn_file_actions_addclose",
            returned: posix_spawn_file_actions_addclose(&actions, fd))
        }
      #endif
    } else {
      try SystemCall.check("posix_spawn_file_actions_addclosefrom_np", returned: closing)
    }
    if let directory {
      try SystemCall.check(
        "posix_spawn_file_actions_addchdir_np",
        returned: directory.withCString { cssopick_spawn_file_actions_addchdir(&actions, $0) })
    }

    // No signal blocked and every signal at its default: the test process's own mask and
    // ignored signals (SIGPIPE, say) are not the child's business.
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigemptyset(&all)
    for number in 1..<Int32(32) where number != SIGKILL && number != SIGSTOP {
      sigaddset(&all, number)
    }
    try SystemCall.check(
      "posix_spawnattr_setsigmask", returned: posix_spawnattr_setsigmask(&attributes, &none))
    try SystemCall.check(
      "posix_spawnattr_setsigdefault", returned: posix_spawnattr_setsigdefault(&attributes, &all))
    try SystemCall.check(
      "posix_spawnattr_setflags", returned: posix_spawnattr_setflags(&attributes, Int16(flags)))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let variables = environment ?? ProcessInfo.processInfo.environment
    let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    try SystemCall.check(
      "posix_spawn \(executable)",
      returned: posix_spawn(&pid, executable, &actions, &attributes, argv, envp))
    return pid
  }

  #if !canImport(Darwin)
    /// The descriptors open in this process now.
    private static func openDescriptors() -> [Int32] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
      return names.compactMap { Int32($0) }
    }
  #endif
}
