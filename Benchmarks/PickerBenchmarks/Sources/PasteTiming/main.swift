// Time to absorb a 5,000-character paste in the picker, over 5,000 accounts x 4 roles.
//
// The catalog is loaded as the cached one and indexed (as the picker does while idle). Then
// the paste is fed the way `PickerProgram`'s run loop feeds a burst of input: up to 256 keys
// per `Picker.update`, then one `Picker.view` (the frame). The paste is words and numbers
// separated by spaces, as in a pasted log line (the list soon empties); with `--matching`,
// "acme " a thousand times (every row's e-mail has "acme": the list never empties).
// Each run starts from the same loaded model, so no run is answered from a previous run's
// cache.
//
//   swift run -c release --package-path Benchmarks/PickerBenchmarks PasteTiming [RUNS] [--cpu]
//     [--matching]

import Foundation
import PickerCore
import SessionEngine

struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

let units = [
  "payments", "checkout", "identity", "search", "data-platform", "ml", "marketing", "billing",
  "logistics", "inventory", "security", "network", "observability", "analytics", "mobile", "web",
]
let environments = ["prod", "staging", "dev", "qa", "sandbox"]
let roleNames = [
  "AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "ViewOnlyAccess", "Billing",
  "SecurityAudit", "DataScientist", "DeveloperAccess",
]

/// 5,000 accounts with 4 roles each (the shape of `ssopick demo --accounts 5000
/// --roles-per-account 4`).
func catalog(random: inout SplitMix64) -> Catalog {
  var accounts: [AccountInfo] = []
  var roles: [String: [String]] = [:]
  for number in 1...5_000 {
    let unit = units.randomElement(using: &random) ?? "core"
    let environment = environments.randomElement(using: &random) ?? "prod"
    let id = String(100_000_000_000 + number * 7919)
    accounts.append(
      AccountInfo(
        accountID: id, accountName: "\(unit)-\(environment)-\(number)",
        emailAddress: "aws+\(unit)-\(number)@acme.example"))
    roles[id] = Array(roleNames.shuffled(using: &random).prefix(4)).sorted()
  }
  accounts.sort { $0.accountName < $1.accountName }
  return Catalog(accounts: accounts, roles: roles, fetchedAt: Date())
}

/// 5,000 characters of words and numbers separated by spaces.
func paste(random: inout SplitMix64) -> String {
  if CommandLine.arguments.contains("--matching") {
    return String(String(repeating: "acme ", count: 1_000).prefix(5_000))
  }
  let words = [
    "error", "request", "id", "timeout", "upstream", "GET", "/api/v1/orders", "200", "user",
    "acme", "payments", "prod", "eu-west-1", "latency_ms", "trace", "span",
  ]
  var text = ""
  while text.count < 5_000 {
    if Int.random(in: 0..<10, using: &random) < 7 {
      text += (words.randomElement(using: &random) ?? "x") + " "
    } else {
      text += String(Int.random(in: 0..<1_000_000, using: &random)) + " "
    }
  }
  return String(text.prefix(5_000))
}

/// `--cpu`: thread CPU time instead of wall-clock time.
let cpuTime = CommandLine.arguments.contains("--cpu")

func now() -> UInt64 {
  var spec = timespec()
  clock_gettime(cpuTime ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &spec)
  return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

func milliseconds(_ nanoseconds: UInt64) -> String {
  String(format: "%.1f", Double(nanoseconds) / 1e6)
}

let runs = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 5
var random = SplitMix64(state: 0x5041_5354_45)
let organisation = catalog(random: &random)
let text = paste(random: &random)
var loaded = PickerModel(
  configuration: PickerConfiguration(sessionName: "bench"),
  size: TerminalSize(rows: 40, columns: 120), now: Date())
_ = Picker.start(&loaded)
_ = Picker.update(&loaded, .catalog(.cached(organisation)))
_ = Picker.update(&loaded, .catalog(.finished(organisation, changes: .none)))
Picker.idle(&loaded)
print(
  (cpuTime ? "thread CPU time" : "wall-clock time")
    + "; \(loaded.rowCount) rows in \(loaded.accountCount) accounts; "
    + "a paste of \(text.count) characters")

let keys = text.map { PickerMsg.key(.character($0)) }
var totals: [UInt64] = []
for run in 1...runs {
  var model = loaded
  var updateTime: UInt64 = 0
  var viewTime: UInt64 = 0
  var frames = 0
  var start = 0
  while start < keys.count {
    let batch = keys[start..<min(keys.count, start + 256)]
    start += batch.count
    let before = now()
    _ = Picker.update(&model, batch)
    let between = now()
    _ = Picker.view(model)
    viewTime += now() - between
    updateTime += between - before
    frames += 1
  }
  guard model.query == text else { fatalError("the query is not the paste") }
  totals.append(updateTime + viewTime)
  print(
    "run \(run): \(milliseconds(updateTime + viewTime)) ms (update \(milliseconds(updateTime)) ms, "
      + "view \(milliseconds(viewTime)) ms, \(frames) frames); \(model.visible.count) rows match")
}
totals.sort()
print("median \(milliseconds(totals[totals.count / 2])) ms over \(runs) runs")
