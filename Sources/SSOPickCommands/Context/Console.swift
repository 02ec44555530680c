import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Somewhere bytes go: standard output, standard error, the terminal, or a test's buffer.
public protocol ByteSink: Sendable {
  /// Writes all of `bytes`.
  func write(_ bytes: [UInt8])
}

/// Where a command's words go. Three channels, never mixed:
/// - **output** (stdout) carries only results — a profile name, export lines, a listing —
///   exactly as given, so `$(ssopick)` and pipes get nothing else;
/// - **messages** (stderr) carry what a person reads: every line goes through the one
///   escaping rule (``UntrustedText/forMessage(_:)``), so nothing from the service (an
///   account name, an error message) can reach the terminal as a control sequence;
/// - **prompts** carry sign-in prompts and questions to the person at the keyboard (stderr
///   when it is a terminal, else `/dev/tty`), escaped the same way.
public struct Console: Sendable {
  /// Standard output.
  public let output: any ByteSink
  /// Standard error.
  public let messages: any ByteSink
  /// Where the person at the keyboard sees prompts.
  public let prompts: any ByteSink

  /// Creates a console over three sinks.
  public init(output: any ByteSink, messages: any ByteSink, prompts: any ByteSink) {
    self.output = output
    self.messages = messages
    self.prompts = prompts
  }

  /// Writes a result to stdout, exactly.
  public func print(_ text: String) {
    output.write(Array(text.utf8))
  }

  /// Writes result bytes to stdout, exactly.
  public func write(_ bytes: [UInt8]) {
    output.write(bytes)
  }

  /// Writes `message` and a line feed to stderr, made safe (``UntrustedText``).
  public func say(_ message: String) {
    messages.write(Array((UntrustedText.forMessage(message) + "\n").utf8))
  }

  /// Writes `message` to stderr without a line break (made safe), for a question.
  public func ask(_ question: String) {
    prompts.write(Array(UntrustedText.forMessage(question).utf8))
  }

  /// Writes `message` and a line feed where the person at the keyboard sees it (made safe).
  public func prompt(_ message: String) {
    prompts.write(Array((UntrustedText.forMessage(message) + "\n").utf8))
  }

  /// Writes `text` to stderr as given: only for ssopick's own control sequences (the
  /// progress line's `\r` and erase-line), never for text from outside.
  public func writeRawToMessages(_ text: String) {
    messages.write(Array(text.utf8))
  }
}

/// A file descriptor, written with `write(2)`, unbuffered, retrying short writes and EINTR
/// (so nothing is lost or reordered when the process ends or `exec`s right after).
public struct FileDescriptorSink: ByteSink {
  /// The descriptor.
  public let descriptor: Int32

  /// Writes to `descriptor`.
  public init(_ descriptor: Int32) {
    self.descriptor = descriptor
  }

  /// Writes all of `bytes` (giving up on errors such as a closed pipe).
  public func write(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = systemWrite(
          descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }
}

/// Prompts for the person at the keyboard: stderr when it is a terminal, else `/dev/tty`
/// (so `eval "$(ssopick --export)" 2>/dev/null` still shows a sign-in code), else stderr.
public struct TerminalPromptSink: ByteSink {
  /// Creates the sink.
  public init() {}

  /// Writes `bytes` to the terminal as described.
  public func write(_ bytes: [UInt8]) {
    if isatty(STDERR_FILENO) == 0 {
      let tty = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)
      if tty >= 0 {
        FileDescriptorSink(tty).write(bytes)
        close(tty)
        return
      }
    }
    FileDescriptorSink(STDERR_FILENO).write(bytes)
  }
}

// `write` is shadowed inside the sinks; this reaches the C function.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
