import Foundation
import Synchronization
import Testing

@testable import SessionEngine

/// A clock whose `sleep` returns at once and moves `now` forward.
final class SteppingClock: TimeSource {
  private let state = Mutex((now: Date(timeIntervalSince1970: 1_800_000_000), sleeps: 0))

  var now: Date { state.withLock { $0.now } }
  /// How many times `sleep` was called.
  var sleeps: Int { state.withLock { $0.sleeps } }

  func sleep(for duration: Duration) async throws {
    state.withLock { state in
      state.sleeps += 1
      state.now +=
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
  }
}

/// A clock whose `sleep` only yields, so lock waits in tests never sleep for real.
struct YieldingClock: TimeSource {
  var now: Date { Date(timeIntervalSince1970: 1_800_000_000) }
  func sleep(for duration: Duration) async throws { await Task.yield() }
}

@Suite("Advisory file lock")
struct FileLockTests {
  @Test("the lock file is a hidden sidecar of the link's target")
  func lockPath() throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    try FileManager.default.createSymbolicLink(
      atPath: root + "/config", withDestinationPath: root + "/real")
    #expect(try FileLock.lockPath(for: root + "/config") == root + "/.real.ssopick-lock")
    #expect(try FileLock.lockPath(for: "config") == "./.config.ssopick-lock")
  }

  @Test("a lock held elsewhere makes the caller wait, then time out")
  func timeout() async throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    let file = root + "/config"
    var ran = try await FileLock.withExclusiveLock(for: file) { true }
    #expect(ran)
    // Another holder (a separate open file description conflicts, as another process would).
    let fd = open(try FileLock.lockPath(for: file), O_RDWR)
    #expect(fd >= 0)
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let clock = SteppingClock()
    ran = false
    await #expect(
      throws: FileError.lockTimedOut(path: try FileLock.lockPath(for: file), seconds: 2)
    ) {
      try await FileLock.withExclusiveLock(for: file, timeout: .seconds(2), timeSource: clock) {
        ran = true
      }
    }
    #expect(!ran)
    #expect(clock.sleeps > 1)
    flock(fd, LOCK_UN)
    close(fd)
    ran = try await FileLock.withExclusiveLock(for: file, timeout: .seconds(2), timeSource: clock) {
      true
    }
    #expect(ran)
  }
}
