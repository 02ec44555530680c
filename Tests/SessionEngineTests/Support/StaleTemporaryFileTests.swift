import Foundation
import Synchronization
import Testing

@testable import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sets the modification time of `path` (not following a link) to `date`.
func setModified(_ path: String, to date: Date) {
  let seconds = date.timeIntervalSince1970.rounded(.down)
  let time = timespec(
    tv_sec: Int(seconds), tv_nsec: Int((date.timeIntervalSince1970 - seconds) * 1e9))
  let times = [time, time]
  #expect(utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW) == 0, "utimensat \(path)")
}

@Suite("Stale temporary files: removed by the next writer, and only those")
struct StaleTemporaryFileTests {
  /// The modification time the tests give their files; `now` is injected relative to it.
  static let written = Date(timeIntervalSince1970: 1_800_000_000)

  /// A folder with a `config`, removed afterwards.
  func withFolder(_ body: (_ folder: String, _ target: String) throws -> Void) throws {
    let folder = try makeTemporaryFolder()
    defer { removeTemporaryFolder(folder) }
    let target = folder + "/config"
    #expect(FileManager.default.createFile(atPath: target, contents: Data("original\n".utf8)))
    try body(folder, target)
  }

  /// Creates `name` in `folder`, last modified at `written`.
  func leave(_ name: String, in folder: String, modified: Date = written) {
    #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)))
    setModified(folder + "/" + name, to: modified)
  }

  @Test("only this target's temporary files match; the lock file and look-alikes never do")
  func namePattern() throws {
    try withFolder { folder, target throws in
      let ours = [".config.ssopick-123-abc.tmp", ".config.ssopick-4294967295-1z141z3.tmp"]
      let others = [
        ".config.ssopick-lock", ".config.ssopick-12-abc.tmp~", ".config.ssopick-12-ABC.tmp",
        ".config.ssopick--abc.tmp", ".config.ssopick-12-.tmp", ".config.ssopick-12.tmp",
        ".config.ssopick-12345678901-a.tmp", ".config.ssopick-1-12345678.tmp",
        ".config.ssopick-1-a-b.tmp", ".config.ssopick-x1-a.tmp", "config.ssopick-12-abc.tmp",
        ".config.bak.ssopick-1-a.tmp", ".credentials.ssopick-1-a.tmp", ".config.tmp",
        ".config.ssopick-1-a.tmp.tmp",
      ]
      for name in ours + others { leave(name, in: folder) }
      let removed = AtomicFile.removeStaleTemporaryFiles(
        of: target, now: Self.written + 3600)
      #expect(removed.sorted() == ours.sorted())
      #expect(try entries(folder) == (others + ["config"]).sorted())
    }
  }

  @Test("a file becomes stale a minute after it was last modified (clock injected)")
  func age() throws {
    try withFolder { folder, target throws in
      let name = ".config.ssopick-42-k3y.tmp"
      leave(name, in: folder)
      #expect(AtomicFile.removeStaleTemporaryFiles(of: target, now: Self.written + 59.9) == [])
      // A file modified "in the future" (another machine's clock) is not stale either.
      #expect(AtomicFile.removeStaleTemporaryFiles(of: target, now: Self.written - 3600) == [])
      #expect(try entries(folder) == [name, "config"].sorted())
      #expect(AtomicFile.removeStaleTemporaryFiles(of: target, now: Self.written + 60) == [name])
      #expect(try entries(folder) == ["config"])
    }
  }

  @Test("a file whose lock is held (a writer at work) is kept however old")
  func lockedFileIsKept() throws {
    try withFolder { folder, target throws in
      let name = ".config.ssopick-7-a.tmp"
      leave(name, in: folder)
      // Another open file description conflicts as another process's would.
      let fd = open(folder + "/" + name, O_RDONLY | O_CLOEXEC)
      #expect(fd >= 0)
      #expect(flock(fd, LOCK_EX) == 0)
      #expect(AtomicFile.removeStaleTemporaryFiles(of: target, now: Self.written + 86400) == [])
      #expect(try entries(folder) == [name, "config"].sorted())
      close(fd)
      #expect(AtomicFile.removeStaleTemporaryFiles(of: target, now: Self.written + 86400) == [name])
    }
  }

  @Test("links, folders and FIFOs with our names are kept, and a link's target untouched")
  func onlyRegularFiles() throws {
    try withFolder { folder, target throws in
      let elsewhere = folder + "/precious"
      leave("precious", in: folder)
      let link = ".config.ssopick-1-a.tmp"
      #expect(symlink(elsewhere, folder + "/" + link) == 0)
      setModified(folder + "/" + link, to: Self.written)
      let directory = ".config.ssopick-2-b.tmp"
      #expect(mkdir(folder + "/" + directory, 0o700) == 0)
      setModified(folder + "/" + directory, to: Self.written)
      let fifo = ".config.ssopick-3-c.tmp"
      #expect(mkfifo(folder + "/" + fifo, 0o600) == 0)
      setModified(folder + "/" + fifo, to: Self.written)
      #expect(AtomicFile.removeStaleTemporaryFiles(of: target, now: Self.written + 3600) == [])
      #expect(try entries(folder) == [link, directory, fifo, "config", "precious"].sorted())
      #expect(try AtomicFile.read(elsewhere) == Array("x".utf8))
    }
  }

  @Test(
    "another user's file is kept (as root: unless that user owns the target)",
    .enabled(if: geteuid() == 0, "needs root to give a file to another user"))
  func otherUsersFile() throws {
    try withFolder { folder, target throws in
      let name = ".config.ssopick-5-e.tmp"
      leave(name, in: folder)
      #expect(chown(folder + "/" + name, 65534, 65534) == 0)
      #expect(AtomicFile.removeStaleTemporaryFiles(of: target, now: Self.written + 3600) == [])
      // Root's writes hand their temporary files to the target's owner.
      #expect(chown(target, 65534, 65534) == 0)
      #expect(AtomicFile.removeStaleTemporaryFiles(of: target, now: Self.written + 3600) == [name])
    }
  }

  @Test("a link is followed: the sweep looks beside the file it points to")
  func followsLinks() throws {
    try withFolder { folder, target throws in
      #expect(mkdir(folder + "/dotfiles", 0o700) == 0)
      let real = folder + "/dotfiles/config"
      #expect(FileManager.default.createFile(atPath: real, contents: Data()))
      let link = folder + "/linked"
      #expect(symlink(real, link) == 0)
      leave(".config.ssopick-9-z.tmp", in: folder + "/dotfiles")
      leave(".linked.ssopick-9-z.tmp", in: folder)
      #expect(
        AtomicFile.removeStaleTemporaryFiles(of: link, now: Self.written + 3600) == [
          ".config.ssopick-9-z.tmp"
        ])
      #expect(try entries(folder + "/dotfiles") == ["config"])
      #expect(try entries(folder).contains(".linked.ssopick-9-z.tmp"))
    }
  }

  @Test("the next write of the target removes a stale leftover and keeps a recent one")
  func writerSweeps() throws {
    try withFolder { folder, target throws in
      // write() uses the real clock, so the ages are the files' own times.
      let stale = ".config.ssopick-11-old.tmp"
      let recent = ".config.ssopick-12-new.tmp"
      leave(stale, in: folder, modified: Date() - 120)
      leave(recent, in: folder, modified: Date())
      try AtomicFile.write(Array("new\n".utf8), to: target)
      #expect(try entries(folder) == [recent, "config"].sorted())
      #expect(try AtomicFile.read(target) == Array("new\n".utf8))
    }
  }

  @Test("a write in progress is never swept: its writer holds the lock on its temporary file")
  func writeInProgressIsKept() throws {
    try withFolder { folder, target throws in
      let seen = Mutex<(removed: [String], lockable: Bool, names: [String])?>(nil)
      try AtomicFile.withTestHookBeforeRename(of: target) { temporary in
        // What another process's writer would find: a complete temporary file, a day "old".
        let removed = AtomicFile.removeStaleTemporaryFiles(of: target, now: Date() + 86400)
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        let lockable = flock(fd, LOCK_EX | LOCK_NB) == 0
        close(fd)
        let names = (try? entries(folder)) ?? []
        seen.withLock { $0 = (removed, lockable, names) }
      } do: {
        try AtomicFile.write(Array("new\n".utf8), to: target)
      }
      let observed = try #require(seen.withLock { $0 })
      #expect(observed.removed == [])
      #expect(!observed.lockable)
      #expect(observed.names.count == 2)
      #expect(observed.names.contains { $0.hasPrefix(".config.ssopick-\(getpid())-") })
      #expect(try entries(folder) == ["config"])
      #expect(try AtomicFile.read(target) == Array("new\n".utf8))
    }
  }
}
