import CSSOPickLibc
public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pseudo-terminal for tests: the program under test gets the secondary side (``path``,
/// or a descriptor from ``openSecondary()``) as its terminal; the test reads what it drew
/// and types keys through the main side.
///
/// Both sides are close-on-exec: a child gets the secondary only as a standard descriptor
/// (`ChildProcess` passes it with `dup2`), never by accident. One thread at a time.
public final class PseudoTerminal {
  /// The main side's descriptor (closed with the terminal).
  public let main: Int32
  /// The secondary side's device path (`/dev/pts/N`).
  public let path: String
  private var received: [UInt8] = []

  /// Opens a new pseudo-terminal of `rows` × `columns`.
  public init(rows: UInt16 = 24, columns: UInt16 = 80) throws(SystemCallError) {
    var name = [CChar](repeating: 0, count: 128)
    main = try SystemCall.run("posix_openpt") {
      cssopick_open_pseudo_terminal(&name, name.count)
    }
    path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // Fully initialised here: if this throws, `deinit` closes the main side.
    try resize(rows: rows, columns: columns)
  }

  deinit { close(main) }

  /// Opens the secondary side (read-write, not as the controlling terminal, close-on-exec).
  public func openSecondary() throws(SystemCallError) -> FileHandle {
    let fd = try SystemCall.run("open \(path)") { open(path, O_RDWR | O_NOCTTY | O_CLOEXEC) }
    return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
  }

  /// Sets the window size (the program gets SIGWINCH).
  public func resize(rows: UInt16, columns: UInt16) throws(SystemCallError) {
    try SystemCall.run("ioctl(TIOCSWINSZ)") { cssopick_set_window_size(main, rows, columns) }
  }

  /// Types `text` as if from a keyboard.
  public func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(main, $0.baseAddress, $0.count) }
  }

  /// Reads output until it contains `needle` or `deadline` passes; returns everything read
  /// so far (the deadline only bounds a wait for output that never comes).
  @discardableResult
  public func readUntil(_ needle: String, deadline: Duration = .seconds(5)) -> String {
    let wanted = Array(needle.utf8)
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: deadline)
    while !contains(wanted), clock.now < end {
      var descriptor = pollfd(fd: main, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 50) > 0 else { continue }
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = read(main, &buffer, buffer.count)
      if count <= 0 { break }
      received.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: received, as: UTF8.self)
  }

  private func contains(_ wanted: [UInt8]) -> Bool {
    guard !wanted.isEmpty, received.count >= wanted.count else { return wanted.isEmpty }
    return received.indices.dropLast(wanted.count - 1).contains { start in
      received[start..<start + wanted.count].elementsEqual(wanted)
    }
  }
}
