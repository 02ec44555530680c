import Foundation
import SSOPickTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the built `ssopick` for the output tests with what `BinaryRunner` does not offer:
/// the child's pid and how it ended (exit or signal), a terminal as *stdout*, and a hook that
/// runs once the child has printed a given line (to send it a signal).
enum ExecRunner {
  struct Output: CustomStringConvertible {
    var pid: Int32
    var status: Int32
    var signalled: Bool
    var stdout: String
    var stderr: String
    var description: String {
      "\(signalled ? "signal" : "status") \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)"
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs `ssopick arguments`. With `stdoutTerminal`, stdout (and stderr, merged into it)
  /// is a pseudo-terminal. `whenPrinted` is called with the pid once stdout contains
  /// `marker`.
  static func ssopick(
    _ arguments: [String], environment: [String: String], stdin: String? = nil,
    stdoutTerminal: Bool = false, marker: String? = nil,
    whenPrinted: (@Sendable (Int32) -> Void)? = nil
  ) async throws -> Output {
    let executable = try BinaryRunner.binary()
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        do {
          continuation.resume(
            returning: try run(
              executable, arguments, environment: environment, stdin: stdin,
              stdoutTerminal: stdoutTerminal, marker: marker, whenPrinted: whenPrinted))
        } catch {
          continuation.resume(throwing: error)
        }
      }
    }
  }

  private static func run(
    _ executable: String, _ arguments: [String], environment: [String: String], stdin: String?,
    stdoutTerminal: Bool, marker: String?, whenPrinted: (@Sendable (Int32) -> Void)?
  ) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    let errors = Pipe.closedOnExec()
    let input = Pipe.closedOnExec()
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    var reader: FileHandle
    var terminal: (main: FileHandle, secondary: FileHandle)?
    if stdoutTerminal {
      let pair = try BinaryRunner.openPseudoTerminal()
      terminal = pair
      process.standardOutput = pair.secondary
      process.standardError = pair.secondary
      reader = pair.main
    } else {
      let output = Pipe.closedOnExec()
      process.standardOutput = output
      process.standardError = errors
      reader = output.fileHandleForReading
    }
    try process.run()
    if let stdin {
      let writer = input.fileHandleForWriting
      Thread.detachNewThread {
        writer.write(Data(stdin.utf8))
        try? writer.close()
      }
    }
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var errorData = Data()
    if !stdoutTerminal {
      Thread.detachNewThread {
        errorData = errors.fileHandleForReading.readDataToEndOfFile()
        done.signal()
      }
    } else {
      done.signal()
    }
    var collected = Data()
    var notified = false
    func received(_ chunk: Data) {
      collected += chunk
      if !notified, let marker, String(decoding: collected, as: UTF8.self).contains(marker) {
        notified = true
        whenPrinted?(process.processIdentifier)
      }
    }
    if let terminal {
      // Our copy of the terminal's child side stays open until the end: when the last one
      // closes, Linux hangs the terminal up and may drop output not yet read. So read
      // without blocking until the child has exited and nothing is left.
      let fd = terminal.main.fileDescriptor
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
          received(Data(buffer[0..<count]))
          continue
        }
        if count < 0, errno == EINTR { continue }
        if count == 0 || errno != EAGAIN || !process.isRunning { break }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, 20)
      }
      try? terminal.secondary.close()
    } else {
      // Plain read(2): FileHandle.read(upToCount:) waits for the whole count.
      let fd = reader.fileDescriptor
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { break }
        received(Data(buffer[0..<count]))
      }
    }
    done.wait()
    process.waitUntilExit()
    try? terminal?.main.close()
    return Output(
      pid: process.processIdentifier, status: process.terminationStatus,
      signalled: process.terminationReason == .uncaughtSignal,
      stdout: String(decoding: collected, as: UTF8.self),
      stderr: String(decoding: errorData, as: UTF8.self))
  }

  /// The environment of a shell command's output produced by `env -0`.
  static func parseEnvironment(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for entry in text.split(separator: "\0") {
      guard let equals = entry.firstIndex(of: "=") else { continue }
      result[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
    }
    return result
  }

  /// Runs `executable` directly (not through ssopick) and returns its stdout.
  static func plain(_ executable: String, _ arguments: [String], environment: [String: String])
    async throws -> String
  {
    try await BinaryRunner.run(
      executable: executable, arguments: arguments, environment: environment
    ).stdout
  }
}
