import Foundation
import SSOPickTestSupport

/// Runs a program to completion on threads of its own (never on the global dispatch queue,
/// see DECISIONS.md) and returns what it printed.
enum ChildProcess {
  struct Output: CustomStringConvertible {
    var status: Int32
    var stdout: Data
    var stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
    var description: String { "status \(status)\nstdout:\n\(text)\nstderr:\n\(stderr)" }
  }

  /// The full path of `program` on PATH, or nil.
  static func find(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(program)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    stdin: Data? = nil, directory: String? = nil
  ) async throws -> Output {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        do {
          let process = Process()
          process.executableURL = URL(fileURLWithPath: executable)
          process.arguments = arguments
          if let environment { process.environment = environment }
          if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
          let output = Pipe.closedOnExec()
          let errors = Pipe.closedOnExec()
          let input = Pipe.closedOnExec()
          process.standardOutput = output
          process.standardError = errors
          process.standardInput = stdin == nil ? FileHandle.nullDevice : input
          try process.run()
          if let stdin {
            let writer = input.fileHandleForWriting
            Thread.detachNewThread {
              writer.write(stdin)
              try? writer.close()
            }
          }
          let done = DispatchSemaphore(value: 0)
          nonisolated(unsafe) var errorData = Data()
          Thread.detachNewThread {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            done.signal()
          }
          let data = output.fileHandleForReading.readDataToEndOfFile()
          done.wait()
          process.waitUntilExit()
          continuation.resume(
            returning: Output(
              status: process.terminationStatus, stdout: data,
              stderr: String(decoding: errorData, as: UTF8.self)))
        } catch {
          continuation.resume(throwing: error)
        }
      }
    }
  }
}
