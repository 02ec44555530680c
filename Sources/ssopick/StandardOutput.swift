#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to standard output with `write(2)`, unbuffered, so nothing is lost or reordered
/// when the process ends or `exec`s right after.
enum StandardOutput {
  /// Writes `text` as UTF-8.
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
  }

  /// Writes all of `bytes`.
  static func write(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { write($0) }
  }

  /// Writes all of `buffer` to fd 1 (retrying short writes and EINTR; giving up on other
  /// errors such as a closed pipe).
  static func write(_ buffer: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < buffer.count {
      let written = posixWrite(
        STDOUT_FILENO, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
  }

  /// Whether stdout is a terminal.
  static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

// `write` is shadowed inside `StandardOutput`; this reaches the C function.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
