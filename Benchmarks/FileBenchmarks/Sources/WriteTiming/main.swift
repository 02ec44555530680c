// The cost of one `AtomicFile.write` (see BENCHMARKS.md, "## Atomic writes").
//
//   swift build -c release --package-path Benchmarks/FileBenchmarks --product WriteTiming
//   Benchmarks/FileBenchmarks/.build/release/WriteTiming FOLDER [RUNS]
//
// Writes a 1 KiB file RUNS times (default 10,000) into a fresh folder under FOLDER, once
// alone and once beside 1,000 other files (a well-used `~/.aws/cli/cache`), and prints the
// median, minimum and maximum in microseconds. On tmpfs (`/dev/shm`) `fsync` costs nothing,
// so what is left is the write's own work; on a disk `fsync` dominates.

import Foundation
import SessionEngine

func format(_ value: Double) -> String {
  let rounded = (value * 10).rounded() / 10
  let text = "\(rounded)"
  return String(repeating: " ", count: max(0, 8 - text.count)) + text
}

/// The benchmark; a function (not top-level code) so nothing in it is main-actor isolated.
func main() throws {
  let arguments = CommandLine.arguments
  guard arguments.count >= 2 else {
    print("usage: WriteTiming FOLDER [RUNS]")
    exit(2)
  }
  let runs = arguments.count >= 3 ? Int(arguments[2]) ?? 10_000 : 10_000
  let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 1024)
  let clock = ContinuousClock()
  for neighbours in [0, 1000] {
    let folder = arguments[1] + "/write-timing-\(getpid())-\(neighbours)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for index in 0..<neighbours {
      let name = String(format: "%040x.json", index)
      FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes))
    }
    let target = folder + "/" + String(repeating: "f", count: 40) + ".json"
    var times: [Double] = []
    times.reserveCapacity(runs)
    for _ in 0..<runs {
      let start = clock.now
      try AtomicFile.write(bytes, to: target)
      let elapsed = start.duration(to: clock.now)
      times.append(
        Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
    }
    times.sort()
    print(
      "1 KiB write, \(neighbours) other files".padding(toLength: 32, withPad: " ", startingAt: 0)
        + "median \(format(times[runs / 2])) µs   min \(format(times[0])) µs   "
        + "max \(format(times[runs - 1])) µs   (\(runs) runs)")
  }
}

try main()
