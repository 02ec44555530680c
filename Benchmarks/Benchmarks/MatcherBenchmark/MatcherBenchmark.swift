import Benchmark
import BenchmarkSupport
import PickerCore

// Per-keystroke cost of the picker's filter: 20,000 rows, queries of 1 to 8 characters typed
// one character at a time. Each benchmark iteration is one keystroke of a fixed script, so the
// reported percentiles (p50, p99) are per-keystroke latencies. Every query starts from a cold
// cache (a fresh copy of the indexed engine), as when the picker opens; the copy is made
// outside the measured part. See BENCHMARKS.md for figures and the command.

private let rowCount = 20_000
private let visibleRows = 30

/// The script: queries, typed one character at a time, over one indexed engine.
private final class TypingScript: @unchecked Sendable {
  let indexed: FilterEngine
  let queries: [String]
  var engine: FilterEngine
  private var queryIndex = 0
  private var typed = 0

  init() {
    let rows = SyntheticCatalog.rows(count: rowCount)
    indexed = FilterEngine(rows: rows)
    queries = SyntheticCatalog.queries(count: 400, rows: rows)
    engine = indexed
  }

  /// How many keystrokes one pass of the script has.
  var keystrokes: Int { queries.reduce(0) { $0 + $1.count } }

  /// The query after the next keystroke; starts a new query (cold cache) when one is done.
  func nextQuery() -> String {
    if typed == queries[queryIndex].count {
      typed = 0
      queryIndex = (queryIndex + 1) % queries.count
    }
    if typed == 0 { engine = indexed }
    typed += 1
    return String(queries[queryIndex].prefix(typed))
  }
}

let benchmarks: @Sendable () -> Void = {
  let script = TypingScript()
  let configuration = Benchmark.Configuration(
    metrics: [.wallClock, .mallocCountTotal],
    timeUnits: .microseconds,
    warmupIterations: 20,
    maxDuration: .seconds(60),
    maxIterations: script.keystrokes
  )

  Benchmark("Keystroke: filter and rank 20,000 rows", configuration: configuration) {
    benchmark in
    let query = script.nextQuery()
    benchmark.startMeasurement()
    blackHole(script.engine.filter(query: query))
  }

  Benchmark(
    "Keystroke: filter, rank and highlight 30 visible rows", configuration: configuration
  ) { benchmark in
    let query = script.nextQuery()
    benchmark.startMeasurement()
    let result = script.engine.filter(query: query)
    for row in result.rowIndices.prefix(visibleRows) {
      blackHole(script.engine.highlights(forRow: row, query: result.query))
    }
  }

  Benchmark(
    "Index 20,000 rows (once per picker start)",
    configuration: .init(
      metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
      maxDuration: .seconds(20), maxIterations: 20)
  ) { benchmark in
    let rows = SyntheticCatalog.rows(count: rowCount)
    benchmark.startMeasurement()
    blackHole(FilterEngine(rows: rows))
  }
}
