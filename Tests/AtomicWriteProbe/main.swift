// AtomicWriteProbe: a helper process for the tests of interrupted writes
// (Tests/SessionEngineTests/Support/InterruptedWriteTests.swift). It writes a file with
// `AtomicFile` and, through `AtomicFile.withTestHookBeforeRename`, stops with the
// temporary file complete and not yet renamed: it prints `paused TEMPORARY` and waits until
// its stdin reaches end-of-file. The test then signals it, or exits it, and looks at what
// is left. Nothing here sleeps; every wait is a blocking read the test ends.
//
//   AtomicWriteProbe default TARGET SIZE         the default dispositions
//   AtomicWriteProbe handler-first TARGET SIZE   a handler of its own for SIGINT/SIGTERM/SIGHUP
//                                                before the write (like the picker, open
//                                                before a catalog save); the main thread
//                                                prints `handled N` and calls exit(128+N)
//   AtomicWriteProbe handler-during TARGET SIZE  the same handler installed mid-write
//   AtomicWriteProbe ignored TARGET SIZE         SIGTERM ignored (inherited, say) before the
//                                                write; prints `done, SIGTERM ignored: yes`
//   AtomicWriteProbe many TARGET SIZE COUNT      COUNT writes at once, of TARGET-0 … on threads
//                                                of their own; prints `paused T0 T1 …` once
//                                                every one is mid-write
//   AtomicWriteProbe exec TARGET                 writes TARGET, then execs
//                                                `sh -c 'kill -TERM $$; exit 7'`
import Foundation
import SessionEngine
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The self-pipe the probe's own handler writes the signal number to (what the ncurses shim
/// does), created before any handler can run.
enum SignalPipe {
  static let fds: (read: Int32, write: Int32) = {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { fatalError("pipe: \(errno)") }
    return (fds[0], fds[1])
  }()
}

/// Installs the probe's own handler for the three signals.
func installOwnHandler() {
  _ = SignalPipe.fds
  for number in [SIGINT, SIGTERM, SIGHUP] {
    var action = sigaction()
    #if canImport(Darwin)
      action.__sigaction_u.__sa_handler = { number in
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(SignalPipe.fds.write, &byte, 1)
      }
    #else
      action.__sigaction_handler.sa_handler = { number in
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(SignalPipe.fds.write, &byte, 1)
      }
    #endif
    sigemptyset(&action.sa_mask)
    sigaction(number, &action, nil)
  }
}

/// The temporary files of the `many` mode's writes, as they pause.
enum Temporaries {
  static let paused = Mutex<[String]>([])
}

/// Writes `size` bytes to `target`, pausing before the rename until stdin ends.
func pausedWrite(_ target: String, size: Int, atPause: @escaping @Sendable () -> Void) {
  let bytes = [UInt8](repeating: UInt8(ascii: "n"), count: size)
  do {
    try AtomicFile.withTestHookBeforeRename(
      of: target,
      { temporary in
        atPause()
        say("paused \(temporary)")
        _ = FileHandle.standardInput.readDataToEndOfFile()
      },
      do: { () throws(FileError) in try AtomicFile.write(bytes, to: target) })
  } catch {
    say("failed \(error)")
    exit(2)
  }
}

func main(_ arguments: [String]) -> Never {
  guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: AtomicWriteProbe MODE TARGET [SIZE]\n".utf8))
    exit(64)
  }
  let mode = arguments[1]
  let target = arguments[2]
  let size = arguments.count > 3 ? Int(arguments[3]) ?? 0 : 0
  // Start as a program normally does, whatever the test runner had ignored or blocked (a
  // background job of a non-interactive shell ignores SIGINT, for one).
  var unblock = sigset_t()
  sigemptyset(&unblock)
  for number in [SIGINT, SIGTERM, SIGHUP] {
    signal(number, SIG_DFL)
    sigaddset(&unblock, number)
  }
  pthread_sigmask(SIG_UNBLOCK, &unblock, nil)

  switch mode {
  case "default":
    pausedWrite(target, size: size) {}
    say("done")
  case "handler-first", "handler-during":
    let during = mode == "handler-during"
    if !during { installOwnHandler() }
    Thread.detachNewThread {
      pausedWrite(target, size: size) { if during { installOwnHandler() } }
      say("done")
    }
    var byte: UInt8 = 0
    while read(SignalPipe.fds.read, &byte, 1) < 0 && errno == EINTR {}
    say("handled \(byte)")
    exit(128 + Int32(byte))
  case "ignored":
    signal(SIGTERM, SIG_IGN)
    pausedWrite(target, size: size) {}
    var current = sigaction()
    sigaction(SIGTERM, nil, &current)
    #if canImport(Darwin)
      let handler = current.__sigaction_u.__sa_handler
    #else
      let handler = current.__sigaction_handler.sa_handler
    #endif
    let ignored = unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    say("done, SIGTERM ignored: \(ignored ? "yes" : "no")")
  case "many":
    let count = arguments.count > 4 ? Int(arguments[4]) ?? 1 : 1
    let bytes = [UInt8](repeating: UInt8(ascii: "n"), count: size)
    let arrived = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    for index in 0..<count {
      Thread.detachNewThread {
        let each = target + "-\(index)"
        do {
          try AtomicFile.withTestHookBeforeRename(
            of: each,
            { temporary in
              Temporaries.paused.withLock { $0.append(temporary) }
              arrived.signal()
              release.wait()
            },
            do: { () throws(FileError) in try AtomicFile.write(bytes, to: each) })
        } catch {
          say("failed \(error)")
          exit(2)
        }
        finished.signal()
      }
    }
    for _ in 0..<count { arrived.wait() }
    say("paused " + Temporaries.paused.withLock { $0 }.sorted().joined(separator: " "))
    _ = FileHandle.standardInput.readDataToEndOfFile()
    for _ in 0..<count { release.signal() }
    for _ in 0..<count { finished.wait() }
    say("done")
  case "exec":
    do {
      try AtomicFile.write(Array("written\n".utf8), to: target)
    } catch {
      say("failed \(error)")
      exit(2)
    }
    let words: [String] = ["sh", "-c", "kill -TERM $$; exit 7"]
    var argv: [UnsafeMutablePointer<CChar>?] = words.map { word in strdup(word) }
    argv.append(nil)
    execv("/bin/sh", argv)
    say("exec failed: \(errno)")
    exit(2)
  default:
    FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
    exit(64)
  }
  exit(0)
}

main(CommandLine.arguments)
