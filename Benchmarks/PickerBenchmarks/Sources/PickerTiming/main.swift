// Time per keystroke through the picker's update path, over 20,000 rows.
//
// A synthetic organisation (realistic account names, 3 to 8 roles each) is loaded into a
// PickerModel as the cached catalog. Then, for each of 200 queries (abbreviations of real
// rows, as people type them: "acmpayprdadm"), the query is cleared and typed one character
// at a time up to 8 characters; each keystroke is one `Picker.update` (refilter, cursor,
// effects), and separately one `Picker.view` (the frame, with highlights of the visible rows).
// Every query is new to the matcher's cache, so no keystroke is answered from a previous run.
//
//   swift run -c release --package-path Benchmarks/PickerBenchmarks PickerTiming [ROWS] [--cpu]

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
  "core-banking", "fraud", "risk", "people", "finance", "legal", "support", "gaming", "media",
]
let environments = ["prod", "production", "staging", "dev", "qa", "test", "sandbox", "uat", "dr"]
let regions = ["eu-west-1", "us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"]
let international = ["Zürich Analytics", "São Paulo Retail", "東京チーム", "서울 Platform", "Αθήνα Sales"]
let roleNames = [
  "AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "ViewOnlyAccess", "Billing",
  "SecurityAudit", "DataScientist", "DatabaseAdministrator", "NetworkAdministrator",
  "SupportUser", "DeveloperAccess", "platform-engineer", "IncidentResponder", "S3ReadOnly",
  "EKSClusterAdmin", "LambdaDeveloper", "BreakGlassAdmin", "DataEngineer", "OnCallEngineer",
]

func catalog(rows wanted: Int, random: inout SplitMix64) -> Catalog {
  var accounts: [AccountInfo] = []
  var roles: [String: [String]] = [:]
  var count = 0
  while count < wanted {
    let number = accounts.count + 1
    let unit = units.randomElement(using: &random) ?? "core"
    let environment = environments.randomElement(using: &random) ?? "prod"
    let name: String
    switch Int.random(in: 0..<10, using: &random) {
    case 0..<5: name = "acme-\(unit)-\(environment)-\(number)"
    case 5..<8:
      name = "\(unit)-\(environment)-\(regions.randomElement(using: &random) ?? "")-\(number)"
    case 8: name = "\(unit.capitalized) \(environment.capitalized) \(number)"
    default: name = "\(international.randomElement(using: &random) ?? "") \(number)"
    }
    let id = String(100_000_000_000 + number * 7919)
    let account = AccountInfo(
      accountID: id, accountName: name, emailAddress: "aws+\(unit)-\(number)@acme.example")
    accounts.append(account)
    let take = min(wanted - count, Int.random(in: 3...8, using: &random))
    roles[id] = Array(roleNames.shuffled(using: &random).prefix(take))
    count += take
  }
  return Catalog(accounts: accounts, roles: roles, fetchedAt: Date())
}

/// An abbreviation of a random row, as typed: letters picked in order from the account name
/// and role, 8 characters.
func query(from catalog: Catalog, random: inout SplitMix64) -> String {
  let account = catalog.accounts.randomElement(using: &random) ?? catalog.accounts[0]
  let role = catalog.roles[account.accountID]?.randomElement(using: &random) ?? ""
  let source = Array(
    (account.accountName + role).lowercased().filter { $0.isLetter || $0.isNumber })
  var picked: [Character] = []
  var index = 0
  while picked.count < 8, index < source.count {
    if Int.random(in: 0..<3, using: &random) == 0 || source.count - index <= 8 - picked.count {
      picked.append(source[index])
    }
    index += 1
  }
  return String(picked)
}

/// `--cpu`: thread CPU time instead of wall-clock time (leaves out waiting for a core on a
/// busy machine).
let cpuTime = CommandLine.arguments.contains("--cpu")

func now() -> UInt64 {
  var spec = timespec()
  clock_gettime(cpuTime ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &spec)
  return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

func nanoseconds(_ body: () -> Void) -> UInt64 {
  let start = now()
  body()
  return now() - start
}

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
  guard !sorted.isEmpty else { return 0 }
  let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
  return Double(sorted[index]) / 1e6
}

func report(_ label: String, _ samples: [UInt64]) {
  let sorted = samples.sorted()
  print(
    String(
      format: "%@  n=%d  median %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms", label,
      sorted.count, percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99),
      percentile(sorted, 1.0)))
}

let rowCount = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 20_000
print(cpuTime ? "thread CPU time" : "wall-clock time")
var random = SplitMix64(state: 0x5350_4943_4B)
let organisation = catalog(rows: rowCount, random: &random)
var model = PickerModel(
  configuration: PickerConfiguration(sessionName: "bench"),
  size: TerminalSize(rows: 40, columns: 120), now: Date())
_ = Picker.start(&model)
let loadTime = nanoseconds {
  _ = Picker.update(&model, .catalog(.cached(organisation)))
  _ = Picker.update(&model, .catalog(.finished(organisation, changes: .none)))
}
let indexTime = nanoseconds { Picker.idle(&model) }
print(
  "rows \(model.rowCount) in \(model.accountCount) accounts; load \(String(format: "%.1f", Double(loadTime) / 1e6)) ms, "
    + "matcher indexing \(String(format: "%.1f", Double(indexTime) / 1e6)) ms")

var updates: [UInt64] = []
var views: [UInt64] = []
var byLength = [[UInt64]](repeating: [], count: 9)
for _ in 0..<200 {
  let text = query(from: organisation, random: &random)
  _ = Picker.update(&model, .key(.control("u")))
  for character in text {
    let time = nanoseconds { _ = Picker.update(&model, .key(.character(character))) }
    updates.append(time)
    byLength[model.query.count].append(time)
    views.append(nanoseconds { _ = Picker.view(model) })
  }
}
report("update (per keystroke)", updates)
report("view   (per keystroke)", views)
for length in 1...8 { report("  update, query length \(length)", byLength[length]) }
