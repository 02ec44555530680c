import BenchmarkSupport
import PickerCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// A plain stopwatch over the benchmark's typing script, broken down by query length, for quick
// comparisons while working on the matcher (the figures in BENCHMARKS.md come from the
// MatcherBenchmark harness). In Benchmarks/:
//
//   swift run -c release MatcherTiming [REPEATS] [--slowest] [--query=TEXT]
//
// REPEATS runs every keystroke that many times from the same state and keeps the fastest,
// which filters out noise from other processes. --slowest lists the slowest keystrokes.
// --query=TEXT times one query over all rows instead of the script. --cpu measures the
// thread's CPU time instead of wall-clock time: time spent waiting for a core shared with
// other processes is left out, which makes runs on a busy machine comparable.

let rowCount = 20_000
let arguments = CommandLine.arguments.dropFirst()
let repeats = max(1, arguments.first.flatMap { Int($0) } ?? 1)
let fixedQuery = arguments.first { $0.hasPrefix("--query=") }.map { String($0.dropFirst(8)) }

let rows = SyntheticCatalog.rows(count: rowCount)
let clock = ContinuousClock()
let measuresCPU = arguments.contains("--cpu")

/// Microseconds of thread CPU time (or of wall-clock time without --cpu) spent in `body`.
func measure<T>(_ body: () -> T) -> (T, Double) {
  if measuresCPU {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    let result = body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    let nanoseconds = (end.tv_sec - start.tv_sec) * 1_000_000_000 + (end.tv_nsec - start.tv_nsec)
    return (result, Double(nanoseconds) / 1000)
  }
  let start = clock.now
  let result = body()
  return (result, microseconds(clock.now - start))
}
let indexStart = clock.now
let indexed = FilterEngine(rows: rows)
let indexTime = clock.now - indexStart

func microseconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
  guard !sorted.isEmpty else { return 0 }
  return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
}

print("rows: \(rowCount), index: \(microseconds(indexTime) / 1000) ms")
let typedQuery = arguments.first { $0.hasPrefix("--type=") }.map { String($0.dropFirst(7)) }
if let typedQuery {
  // Type one query character by character, many times; the fastest time per keystroke.
  var best = [Double](repeating: .infinity, count: typedQuery.count)
  var counts = [Int](repeating: 0, count: typedQuery.count)
  for _ in 0..<50 {
    var engine = indexed
    for length in 1...typedQuery.count {
      let (count, time) = measure { engine.filter(query: String(typedQuery.prefix(length))).count }
      best[length - 1] = min(best[length - 1], time)
      counts[length - 1] = count
    }
  }
  for length in 1...typedQuery.count {
    print("\"\(typedQuery.prefix(length))\": \(counts[length - 1]) matches, \(best[length - 1]) µs")
  }
} else if let fixedQuery {
  var times: [Double] = []
  var count = 0
  for _ in 0..<200 {
    var engine = indexed
    let (matches, time) = measure { engine.filter(query: fixedQuery).count }
    count = matches
    times.append(time)
  }
  times.sort()
  print(
    "\"\(fixedQuery)\": matches \(count), min \(times[0]) µs, median \(percentile(times, 0.5)) µs")
} else {
  let queries = SyntheticCatalog.queries(count: 400, rows: rows)
  var all: [Double] = []
  var slowest: [(time: Double, query: String, matches: Int)] = []
  var byLength: [Int: [Double]] = [:]
  var matchesByLength: [Int: [Int]] = [:]
  for pass in 0..<3 {
    for query in queries {
      var engine = indexed
      for length in 1...query.count {
        let text = String(query.prefix(length))
        var elapsed = Double.infinity
        var matches = 0
        let before = engine
        for _ in 0..<repeats {
          engine = before
          let (count, time) = measure { engine.filter(query: text).count }
          matches = count
          elapsed = min(elapsed, time)
        }
        if pass > 0 {  // the first pass warms up
          all.append(elapsed)
          slowest.append((elapsed, text, matches))
          byLength[length, default: []].append(elapsed)
          matchesByLength[length, default: []].append(matches)
        }
      }
    }
  }
  all.sort()
  print("queries: \(queries.count), keystrokes measured: \(all.count)")
  print("all keystrokes: p50 \(percentile(all, 0.5)) µs, p99 \(percentile(all, 0.99)) µs")
  for length in byLength.keys.sorted() {
    let times = (byLength[length] ?? []).sorted()
    let matches = matchesByLength[length] ?? []
    let meanMatches = matches.reduce(0, +) / max(1, matches.count)
    print(
      "length \(length): \(times.count) keystrokes, p50 \(percentile(times, 0.5)) µs, "
        + "p99 \(percentile(times, 0.99)) µs, mean matches \(meanMatches)")
  }
  if arguments.contains("--slowest") {
    for entry in slowest.sorted(by: { $0.time > $1.time }).prefix(20) {
      print("slow: \(entry.time) µs \"\(entry.query)\" matches \(entry.matches)")
    }
  }
}
