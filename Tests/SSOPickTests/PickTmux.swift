import Foundation
import SSOPickTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `ssopick` in a detached tmux session on a private server (`tmux -L`), as a person
/// would in a terminal: keys go in with `send-keys`, the screen comes back with
/// `capture-pane`, stdout is read through a FIFO (separately from the screen) and the exit
/// status from a file. tmux makes its own pseudo-terminal, so this works in CI without one.
///
/// Waits poll `capture-pane` until a condition holds, with a generous deadline; nothing
/// sleeps for a fixed time before an assertion.
final class PickTmux: Sendable {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let socket = "ssopick-test-" + String(UUID().uuidString.prefix(8))
  let folder: String
  private let environment: [String: String]
  private let output: FifoReader

  /// The tmux program (a missing one fails the test with how to install it).
  static func tmux() throws -> String {
    for path in ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    where FileManager.default.isExecutableFile(atPath: path) {
      return path
    }
    throw Failure(description: "tmux is not installed; `scripts/bootstrap --test` installs it")
  }

  /// What runs in the session.
  enum Program {
    /// `ssopick ARGUMENTS`, its stdout through the FIFO and its status in a file.
    case ssopick([String])
    /// An interactive shell (`bash --norc --noprofile`, …) with `ssopick` first on its
    /// `PATH` (a link to the built binary in ``bin``), as a person would type in it.
    case shell([String])
  }

  /// Runs `body` with `ssopick ARGUMENTS` started in a `columns`×`rows` session with
  /// `environment`, then ends the tmux server (awaited), whether `body` returns or throws.
  static func with<Result>(
    _ arguments: [String], environment: [String: String], columns: Int = 100, rows: Int = 30,
    isolation: isolated (any Actor)? = #isolation, _ body: (PickTmux) async throws -> Result
  ) async throws -> Result {
    try await with(
      .ssopick(arguments), environment: environment, columns: columns, rows: rows, body)
  }

  /// Runs `body` with `program` started in a `columns`×`rows` session with `environment`,
  /// then ends the tmux server (awaited), whether `body` returns or throws.
  static func with<Result>(
    _ program: Program, environment: [String: String], columns: Int = 100, rows: Int = 30,
    isolation: isolated (any Actor)? = #isolation, _ body: (PickTmux) async throws -> Result
  ) async throws -> Result {
    let tmux = try PickTmux(program, environment: environment)
    let result: Result
    do {
      try await tmux.start(columns: columns, rows: rows)
      result = try await body(tmux)
    } catch {
      await tmux.stop()
      throw error
    }
    await tmux.stop()
    return result
  }

  /// The folder on a shell's `PATH` that holds `ssopick` (``Program/shell(_:)``).
  var bin: String { folder + "/bin" }

  /// Prepares the folder, the FIFO and the script that runs `program`.
  private init(_ program: Program, environment: [String: String]) throws {
    folder =
      FileManager.default.temporaryDirectory.appendingPathComponent("ssopick-tmux-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let fifo = folder + "/stdout"
    guard mkfifo(fifo, 0o600) == 0 else {
      throw Failure(description: "mkfifo failed: errno \(errno)")
    }
    var variables = environment
    variables["TERM"] = "xterm-256color"
    variables["LANG"] = variables["LANG"] ?? "C.UTF-8"

    // The reader opens the FIFO first (a blocking open waits for the writer: the shell's
    // redirection) and reads to the end, on a thread of its own.
    output = FifoReader(path: fifo)

    let arguments: [String]
    switch program {
    case .ssopick(let given):
      arguments = given
    case .shell(let command):
      let bin = folder + "/bin"
      try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(
        atPath: bin + "/ssopick", withDestinationPath: try BinaryRunner.binary())
      variables["PATH"] = bin + ":" + (variables["PATH"] ?? "/usr/bin:/bin")
      let quoted = command.map(Self.shellQuoted).joined(separator: " ")
      self.environment = variables
      // The shell is the pane's program; the FIFO stays unused (``stop`` unblocks it).
      try "exec \(quoted)\n".write(toFile: folder + "/run.sh", atomically: true, encoding: .utf8)
      return
    }
    self.environment = variables

    let quoted = ([try BinaryRunner.binary()] + arguments).map(Self.shellQuoted).joined(
      separator: " ")
    // A child shell writes its pid, then becomes ssopick (so the pid is ssopick's), in the
    // foreground of the terminal.
    let pidFile = Self.shellQuoted(folder + "/pid")
    let script = """
      sh -c 'echo $$ > "$0"; exec "$@"' \(pidFile) \(quoted) > \(Self.shellQuoted(fifo)) \
        2> \(Self.shellQuoted(folder + "/stderr"))
      echo $? > \(Self.shellQuoted(folder + "/status.tmp"))
      mv \(Self.shellQuoted(folder + "/status.tmp")) \(Self.shellQuoted(folder + "/status"))
      echo "ssopick exited"
      sleep 600
      """
    try script.write(toFile: folder + "/run.sh", atomically: true, encoding: .utf8)
  }

  /// Starts the session.
  private func start(columns: Int, rows: Int) async throws {
    try await run([
      "-f", "/dev/null", "new-session", "-d", "-s", "pick", "-x", "\(columns)", "-y", "\(rows)",
      "sh " + Self.shellQuoted(folder + "/run.sh"),
    ])
    // The window keeps the size asked for, whatever clients attach.
    _ = try? await run(["set-option", "-g", "window-size", "manual"])
  }

  /// Ends the tmux server and the program in it, and unblocks the FIFO reader.
  func stop() async {
    _ = try? await run(["kill-server"])
    // If the program never opened the FIFO, open it for writing so the reader finishes.
    let fd = open(folder + "/stdout", O_WRONLY | O_NONBLOCK)
    if fd >= 0 { close(fd) }
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Sends signal `number` to ssopick.
  func signal(_ number: Int32) throws {
    let text = try String(contentsOfFile: folder + "/pid", encoding: .utf8)
    guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      throw Failure(description: "no pid in \(folder)/pid: \(text)")
    }
    guard kill(pid, number) == 0 else { throw Failure(description: "kill: errno \(errno)") }
  }

  /// Types `text` literally.
  func type(_ text: String) async throws {
    try await run(["send-keys", "-t", "pick", "-l", text])
  }

  /// Types `text` literally, then presses `keys`, in one tmux command: the program gets them
  /// in one write, as a pasted line or fast typing.
  func type(_ text: String, thenPress keys: String...) async throws {
    try await run(["send-keys", "-t", "pick", "-l", text, ";", "send-keys", "-t", "pick"] + keys)
  }

  /// Presses keys by tmux name (`Enter`, `Escape`, `Down`, `C-c`, `PageDown`, …).
  func press(_ keys: String...) async throws {
    try await run(["send-keys", "-t", "pick"] + keys)
  }

  /// Resizes the window.
  func resize(columns: Int, rows: Int) async throws {
    try await run(["resize-window", "-t", "pick", "-x", "\(columns)", "-y", "\(rows)"])
  }

  /// The screen as text.
  func screen() async throws -> String {
    try await run(["capture-pane", "-p", "-t", "pick"])
  }

  /// Polls the screen until `condition` holds (deadline 30 s) and returns it.
  @discardableResult
  func waitForScreen(
    _ description: String, deadline: Duration = .seconds(30),
    _ condition: (String) -> Bool
  ) async throws -> String {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: deadline)
    var first: String?
    var last = ""
    var polls = 0
    var headers: [String] = []
    while clock.now < end {
      last = try await screen()
      polls += 1
      if first == nil || first?.isEmpty == true || first?.allSatisfy(\.isWhitespace) == true {
        first = last
      }
      let header = String(last.prefix { $0 != "\n" })
      if headers.last != header { headers.append(header) }
      if condition(last) { return last }
      try await Task.sleep(for: .milliseconds(40))
    }
    throw Failure(
      description: """
        timed out waiting until \(description) (\(polls) looks); the first screen:
        \(first ?? "")
        headers seen: \(headers)
        the last screen:
        \(last)
        """)
  }

  /// Polls the screen until it shows `text`.
  @discardableResult
  func waitForText(_ text: String, deadline: Duration = .seconds(30)) async throws -> String {
    try await waitForScreen("the screen shows \(text)", deadline: deadline) { $0.contains(text) }
  }

  /// Polls the program's stderr (a file, not on the screen) until it contains `text`.
  func waitForStderr(_ text: String, deadline: Duration = .seconds(30)) async throws {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: deadline)
    var last = ""
    while clock.now < end {
      last = (try? String(contentsOfFile: folder + "/stderr", encoding: .utf8)) ?? ""
      if last.contains(text) { return }
      try await Task.sleep(for: .milliseconds(40))
    }
    throw Failure(description: "timed out waiting until stderr shows \(text); stderr:\n\(last)")
  }

  /// Polls until the file at `path` exists (a shell in the pane writes it, then renames it
  /// into place) and returns its text.
  func waitForFile(_ path: String, deadline: Duration = .seconds(30)) async throws -> String {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: deadline)
    while clock.now < end {
      if let text = try? String(contentsOfFile: path, encoding: .utf8) { return text }
      try await Task.sleep(for: .milliseconds(40))
    }
    let screen = (try? await screen()) ?? ""
    throw Failure(description: "timed out waiting for \(path); the screen:\n\(screen)")
  }

  /// Waits for the program to exit and returns its status, stdout and stderr.
  func waitForExit(deadline: Duration = .seconds(30)) async throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: deadline)
    let statusFile = folder + "/status"
    while clock.now < end {
      if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
        let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        let stdout = await output.text()
        let stderr = (try? String(contentsOfFile: folder + "/stderr", encoding: .utf8)) ?? ""
        return (status, stdout, stderr)
      }
      try await Task.sleep(for: .milliseconds(40))
    }
    let screen = (try? await screen()) ?? ""
    throw Failure(description: "ssopick did not exit; the screen:\n\(screen)")
  }

  /// Runs a tmux command on this session's private server and returns its output.
  ///
  /// tmux's server lives on after the command; it inherits nothing of the test process
  /// (a ``ChildProcess`` gets only stdin, stdout and stderr), so no other test's pipe stays
  /// open in it.
  @discardableResult
  private func run(_ arguments: [String]) async throws -> String {
    let output = try await ChildProcess.run(
      try Self.tmux(), ["-L", socket] + arguments, environment: environment)
    guard output.status == 0, !output.signalled else {
      throw Failure(
        description: "tmux \(arguments.joined(separator: " ")) failed: "
          + output.stdout + output.stderr)
    }
    return output.stdout
  }

  static func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}

/// Reads a FIFO to its end on a thread of its own.
final class FifoReader: @unchecked Sendable {
  private let condition = NSCondition()
  private var bytes: Data?

  init(path: String) {
    Thread { [self] in
      var data = Data()
      if let handle = FileHandle(forReadingAtPath: path) {
        data = handle.readDataToEndOfFile()
        try? handle.close()
      }
      condition.lock()
      bytes = data
      condition.broadcast()
      condition.unlock()
    }.start()
  }

  /// Everything read, once the writer closed the FIFO.
  func text() async -> String {
    await withCheckedContinuation { continuation in
      Thread { [self] in
        condition.lock()
        while bytes == nil { condition.wait() }
        let data = bytes ?? Data()
        condition.unlock()
        continuation.resume(returning: String(decoding: data, as: UTF8.self))
      }.start()
    }
  }
}
