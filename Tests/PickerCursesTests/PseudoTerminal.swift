import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pseudo-terminal pair for tests: the program under test opens `path` (the slave side)
/// as its terminal; the test reads what it drew and types keys through the master side.
final class PseudoTerminal {
  let master: Int32
  let path: String
  private var received: [UInt8] = []

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  init(rows: UInt16 = 24, columns: UInt16 = 80) throws {
    (master, path) = try Self.openPair()
    try resize(rows: rows, columns: columns)
  }

  deinit { close(master) }

  private static func openPair() throws -> (Int32, String) {
    #if os(Linux)
      // Glibc hides posix_openpt/ptsname from Swift and the ioctl macros are function-like,
      // so TIOCSPTLCK/TIOCGPTN are spelled out (asm-generic, same on x86_64 and arm64).
      let unlockRequest: UInt = 0x4004_5431
      let numberRequest: UInt = 0x8004_5430
      let fd = open("/dev/ptmx", O_RDWR | O_NOCTTY)
      var unlock: Int32 = 0
      var number: UInt32 = 0
      guard fd >= 0, ioctl(fd, unlockRequest, &unlock) == 0,
        ioctl(fd, numberRequest, &number) == 0
      else { throw Failure(description: "cannot open a pseudo-terminal: errno \(errno)") }
      return (fd, "/dev/pts/\(number)")
    #else
      let fd = posix_openpt(O_RDWR | O_NOCTTY)
      guard fd >= 0, grantpt(fd) == 0, unlockpt(fd) == 0, let name = ptsname(fd) else {
        throw Failure(description: "cannot open a pseudo-terminal: errno \(errno)")
      }
      return (fd, String(cString: name))
    #endif
  }

  func resize(rows: UInt16, columns: UInt16) throws {
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else {
      throw Failure(description: "TIOCSWINSZ failed: errno \(errno)")
    }
  }

  /// Types `text` as if from a keyboard.
  func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Reads output until it contains `needle` or `deadline` passes; returns everything read.
  @discardableResult
  func readUntil(_ needle: String, deadline: Duration = .seconds(5)) -> String {
    let wanted = Array(needle.utf8)
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: deadline)
    while !contains(wanted), clock.now < end {
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 50) > 0 else { continue }
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = read(master, &buffer, buffer.count)
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
