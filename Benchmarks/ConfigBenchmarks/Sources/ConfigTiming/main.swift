// In-process timings of the config engine (see BENCHMARKS.md, "## Config").
//
//   swift build -c release --package-path Benchmarks/ConfigBenchmarks --product ConfigTiming
//   python3 scripts/bench/make_big_config.py /tmp/big.config
//   Benchmarks/ConfigBenchmarks/.build/release/ConfigTiming /tmp/big.config [RUNS [STEP]]
//
// Each step runs RUNS times (default 20); the median, minimum and maximum are printed in
// milliseconds. "parse + SharedConfig" is what every ssopick start pays for the config file.
// With STEP, only the step with that label runs (for `perf` and `valgrind`).

import Foundation
import SessionEngine

/// Runs `body` `runs` times and prints the median, minimum and maximum duration.
func measure(_ label: String, runs: Int, only: String?, _ body: () throws -> Void) rethrows {
  if let only, label != only { return }
  let clock = ContinuousClock()
  var times: [Double] = []
  for _ in 0..<runs {
    let start = clock.now
    try body()
    let elapsed = start.duration(to: clock.now)
    times.append(
      Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
  }
  times.sort()
  let median = times[times.count / 2]
  print(
    label.padding(toLength: 44, withPad: " ", startingAt: 0)
      + "median \(format(median)) ms   min \(format(times[0])) ms   max \(format(times[times.count - 1])) ms"
  )
}

func format(_ value: Double) -> String {
  let rounded = (value * 100).rounded() / 100
  let text = "\(rounded)"
  return String(repeating: " ", count: max(0, 8 - text.count)) + text
}

/// The benchmark; a function (not top-level code) so nothing in it is main-actor isolated.
func main() throws {
  let arguments = CommandLine.arguments
  guard arguments.count >= 2 else {
    print("usage: ConfigTiming CONFIG_FILE [RUNS [STEP]]")
    exit(2)
  }
  let path = arguments[1]
  let runs = arguments.count >= 3 ? Int(arguments[2]) ?? 20 : 20
  let only = arguments.count >= 4 ? arguments[3] : nil

  guard let bytes = try AtomicFile.read(path) else {
    print("no such file: \(path)")
    exit(2)
  }
  let document = try ConfigDocument(parsing: bytes, path: path, flavor: .config)
  let lineCount = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  print("\(path): \(bytes.count) bytes, \(lineCount) lines, \(runs) runs")

  var sink = 0
  try measure("read file", runs: runs, only: only) {
    sink &+= try AtomicFile.read(path)?.count ?? 0
  }
  try measure("parse", runs: runs, only: only) {
    sink &+= try ConfigDocument(parsing: bytes, path: path, flavor: .config).newline.hashValue
  }
  try measure("validate", runs: runs, only: only) { try document.validate() }
  try measure("SharedConfig (validate + build)", runs: runs, only: only) {
    sink &+= try SharedConfig(config: document).profiles.count
  }
  try measure("parse + SharedConfig", runs: runs, only: only) {
    let parsed = try ConfigDocument(parsing: bytes, path: path, flavor: .config)
    sink &+= try SharedConfig(config: parsed).profiles.count
  }
  // What `Populate.plan` reads: every section with its entries, as strings.
  measure("sections (all, as strings)", runs: runs, only: only) {
    sink &+= document.sections.count
  }
  let config = try SharedConfig(config: document)
  try measure("SessionSelector.allSessions", runs: runs, only: only) {
    sink &+= try SessionSelector(config: config, environment: Environment())
      .allSessions().count
  }
  try measure("update one key (first section)", runs: runs, only: only) {
    var copy = document
    try copy.update(.ssoSession("acme"), [.set(key: "sso_region", value: "eu-west-2")])
    sink &+= copy.newline.hashValue
  }
  try measure("add a section", runs: runs, only: only) {
    var copy = document
    try copy.update(
      .ssoSession("new"),
      [
        .set(key: "sso_start_url", value: "https://d-2.awsapps.com/start"),
        .set(key: "sso_region", value: "eu-west-1"),
        .set(key: "sso_registration_scopes", value: "sso:account:access"),
      ])
    sink &+= copy.newline.hashValue
  }
  // The last header in the file, found without the engine.
  let lastSection = String(decoding: bytes, as: UTF8.self).split(separator: "\n").last {
    $0.hasPrefix("[")
  }.flatMap { ConfigSectionName(header: String($0.dropFirst().dropLast()), flavor: .config) }
  try measure("update a key in the last profile", runs: runs, only: only) {
    var copy = document
    if let lastSection { try copy.update(lastSection, [.set(key: "region", value: "us-east-1")]) }
    sink &+= copy.newline.hashValue
  }
  print("(checksum \(sink))")
}

try main()
