import Foundation
import SSOPickTestSupport
import Synchronization
import Testing

@testable import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the `AtomicWriteProbe` helper (Tests/AtomicWriteProbe), which writes a file and
/// stops just before the rename, on a thread of its own (never a concurrency pool thread).
enum WriteProbe {
  /// A probe stopped mid-write.
  struct Paused: Sendable {
    /// Its process id.
    var pid: pid_t
    /// Its temporary file, complete and not yet renamed.
    var temporary: String
    /// Lets the probe go on (its stdin reaches end-of-file).
    var resume: @Sendable () -> Void
  }

  /// What a run did.
  struct Run<Observed: Sendable>: Sendable, CustomStringConvertible {
    /// The temporary file it paused at, if it paused.
    var temporary: String?
    /// What `whilePaused` returned.
    var observed: Observed?
    /// Its stdout, as lines (the first is `paused …` when it paused).
    var lines: [String]
    /// The status as a shell reports it: the exit code, or 128 + the signal that ended it.
    var status: Int32
    var stderr: String
    var description: String { "status \(status)\nstdout: \(lines)\nstderr: \(stderr)" }
  }

  struct ProbeError: Error, CustomStringConvertible {
    var description: String
  }

  /// The helper's path: next to this test bundle's resources, in the build's products folder.
  static func executable() throws -> String {
    let path = Bundle.module.bundleURL.deletingLastPathComponent()
      .appendingPathComponent("AtomicWriteProbe").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw ProbeError(
        description: "No AtomicWriteProbe at \(path); run `swift build --build-tests` first.")
    }
    return path
  }

  /// Starts the probe (through the one child-process runner), calls `whilePaused` once it
  /// has stopped mid-write (not at all when it never pauses), and waits for it to end.
  static func run<Observed: Sendable>(
    _ arguments: [String], whilePaused: @escaping @Sendable (Paused) -> Observed
  ) async throws -> Run<Observed> {
    let child = try ChildProcess.start(try executable(), arguments, stdin: .pipe)
    var temporary: String?
    var observed: Observed?
    if await child.waitForOutput(containing: "\n") {
      let first = child.stdoutSoFar.prefix { $0 != "\n" }
      if first.hasPrefix("paused ") {
        let path = String(first.dropFirst("paused ".count))
        temporary = path
        observed = whilePaused(
          Paused(pid: child.pid, temporary: path, resume: { child.closeInput() }))
      }
    }
    // The probe goes on only when `whilePaused` resumes it (or it never paused).
    if temporary == nil { child.closeInput() }
    let output = await child.waitForExit()
    child.closeInput()
    if output.timedOut {
      throw ProbeError(description: "AtomicWriteProbe \(arguments) did not end; killed")
    }
    // As a shell reports it: the exit code, or 128 + the signal that ended the process.
    return Run(
      temporary: temporary, observed: observed,
      lines: output.stdout.split(separator: "\n").map(String.init),
      status: output.signalled ? 128 + output.status : output.status, stderr: output.stderr)
  }
}

/// The size of the file at `path`, or nil.
func fileSize(_ path: String) -> Int? {
  var info = stat()
  return stat(path, &info) == 0 ? Int(info.st_size) : nil
}

/// The names in `folder`, hidden ones included, sorted.
func entries(_ folder: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
}

@Suite("Interrupted writes leave no temporary file (a helper process, signalled mid-write)")
struct InterruptedWriteTests {
  /// A config-sized write: the temporary file was megabytes when this was a bug.
  static let size = 4 << 20
  static let original = Array("[default]\nregion = eu-west-1\n".utf8)

  /// A folder with `config` holding `original`, removed afterwards.
  func withConfig(_ body: (_ folder: String, _ target: String) async throws -> Void)
    async throws
  {
    let folder = try makeTemporaryFolder()
    defer { removeTemporaryFolder(folder) }
    let target = folder + "/config"
    #expect(FileManager.default.createFile(atPath: target, contents: Data(Self.original)))
    try await body(folder, target)
  }

  @Test(
    "a signal mid-write: temporary file removed, original kept, ended by the signal (128+N)",
    arguments: [SIGTERM, SIGINT, SIGHUP])
  func signalMidWrite(signal: Int32) async throws {
    try await withConfig { folder, target in
      let run = try await WriteProbe.run(["default", target, String(Self.size)]) { paused in
        let size = fileSize(paused.temporary)
        kill(paused.pid, signal)
        return size
      }
      #expect(run.status == 128 + signal, "\(run)")
      let temporary = try #require(run.temporary, "\(run)")
      #expect(temporary.hasPrefix(folder + "/.config.ssopick-"))
      #expect(run.observed == Self.size, "the temporary file was complete when signalled")
      #expect(try entries(folder) == ["config"])
      #expect(try AtomicFile.read(target) == Self.original)
    }
  }

  @Test("eight writes at once on eight threads: SIGTERM removes every temporary file")
  func concurrentWrites() async throws {
    try await withConfig { folder, target in
      let targets = (0..<8).map { target + "-\($0)" }
      for each in targets {
        #expect(FileManager.default.createFile(atPath: each, contents: Data(Self.original)))
      }
      let run = try await WriteProbe.run(["many", target, "100000", "8"]) { paused in
        let sizes = paused.temporary.split(separator: " ").map { fileSize(String($0)) }
        kill(paused.pid, SIGTERM)
        return sizes
      }
      #expect(run.status == 143, "\(run)")
      #expect(run.observed == Array(repeating: 100_000, count: 8), "\(run)")
      #expect(
        try entries(folder) == (["config"] + targets.map { AtomicFile.baseName(of: $0) }).sorted())
      for each in targets {
        #expect(try AtomicFile.read(each) == Self.original)
      }
    }
  }

  @Test(
    "another handler (set before or mid-write) keeps the signal; its exit() removes the file",
    arguments: ["handler-first", "handler-during"])
  func othersHandlerGetsTheSignal(mode: String) async throws {
    try await withConfig { folder, target in
      let run = try await WriteProbe.run([mode, target, String(Self.size)]) { paused in
        kill(paused.pid, SIGTERM)
      }
      #expect(run.temporary != nil, "\(run)")
      #expect(run.lines.contains("handled 15"), "\(run)")
      #expect(run.status == 143, "\(run)")
      #expect(try entries(folder) == ["config"])
      #expect(try AtomicFile.read(target) == Self.original)
    }
  }

  @Test("an ignored SIGTERM stays ignored: the write completes")
  func ignoredSignalStaysIgnored() async throws {
    try await withConfig { folder, target in
      let run = try await WriteProbe.run(["ignored", target, "1000"]) { paused in
        // An ignored signal is discarded when sent: once kill returns it is gone.
        kill(paused.pid, SIGTERM)
        paused.resume()
      }
      #expect(run.temporary != nil, "\(run)")
      #expect(run.status == 0, "\(run)")
      #expect(run.lines.last == "done, SIGTERM ignored: yes", "\(run)")
      #expect(try entries(folder) == ["config"])
      #expect(try AtomicFile.read(target) == [UInt8](repeating: UInt8(ascii: "n"), count: 1000))
    }
  }

  @Test("after a write, an exec'ed command gets SIGTERM with its default action")
  func execedCommandDiesOfSIGTERM() async throws {
    try await withConfig { folder, target in
      let run = try await WriteProbe.run(["exec", target]) { _ in }
      #expect(run.temporary == nil)
      // `sh -c 'kill -TERM $$; exit 7'`: 7 if SIGTERM had been left ignored.
      #expect(run.status == 143, "\(run)")
      #expect(try entries(folder) == ["config"])
      #expect(try AtomicFile.read(target) == Array("written\n".utf8))
    }
  }
}
