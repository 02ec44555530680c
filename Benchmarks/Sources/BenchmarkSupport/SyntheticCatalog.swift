public import PickerCore

/// A small, fast, seedable generator (SplitMix64), so every run sees the same data.
public struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  /// Creates a generator; the same seed gives the same sequence.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

/// A deterministic, realistic-looking AWS organisation: accounts named the ways real
/// organisations name them (kebab-case, Title Case, CamelCase, regions, a few non-ASCII and CJK
/// names), 12-digit ids, team mailboxes, and the permission sets big organisations use.
public enum SyntheticCatalog {
  static let units = [
    "payments", "checkout", "identity", "search", "data-platform", "ml", "marketing", "billing",
    "logistics", "inventory", "security", "network", "observability", "analytics", "mobile",
    "web", "core-banking", "fraud", "risk", "people", "finance", "legal", "support", "gaming",
    "media", "iot", "edge", "storage", "compute", "platform", "recommendations", "ads",
    "messaging", "notifications", "pricing", "catalog", "shipping", "returns", "loyalty", "crm",
  ]
  static let environments = [
    "prod", "production", "staging", "stage", "dev", "development", "qa", "test", "sandbox",
    "uat", "perf", "dr", "shared", "tools",
  ]
  static let regions = [
    "eu-west-1", "us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1", "ap-southeast-2",
    "sa-east-1",
  ]
  static let international = [
    "Zürich Analytics", "São Paulo Retail", "Malmö Logistics", "Kraków Engineering",
    "東京チーム", "Ærøskøbing Shipping", "Montréal Media", "Düsseldorf Finance",
    "Straße Mapping", "Øresund Bridge Ops", "Αθήνα Sales", "서울 Platform",
  ]
  static let roles = [
    "AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "ViewOnlyAccess", "Billing",
    "SecurityAudit", "DataScientist", "DatabaseAdministrator", "NetworkAdministrator",
    "SupportUser", "SystemAdministrator", "DeveloperAccess", "platform-engineer",
    "AWSOrganizationsFullAccess", "AWSServiceCatalogEndUserAccess", "IncidentResponder",
    "CostExplorerReadOnly", "S3ReadOnly", "EKSClusterAdmin", "LambdaDeveloper",
    "BreakGlassAdmin", "AuditorReadOnly", "DataEngineer", "ReleaseManager", "OnCallEngineer",
  ]

  /// `count` rows: accounts with 3 to 12 roles each, until there are enough.
  public static func rows(count: Int, seed: UInt64 = 0x5350_4943_4B) -> [SearchableRow] {
    var random = SplitMix64(seed: seed)
    var rows: [SearchableRow] = []
    rows.reserveCapacity(count)
    var accountNumber = 0
    while rows.count < count {
      accountNumber += 1
      let account = accountName(&random, number: accountNumber)
      let id = String(
        (0..<12).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
      let email = mailbox(&random, account: account, number: accountNumber)
      let roleCount = Int.random(in: 3...12, using: &random)
      for role in roles.shuffled(using: &random).prefix(roleCount) where rows.count < count {
        rows.append(
          SearchableRow(accountName: account, accountId: id, roleName: role, email: email))
      }
    }
    return rows
  }

  private static func accountName(_ random: inout SplitMix64, number: Int) -> String {
    let unit = units.randomElement(using: &random) ?? "core"
    let environment = environments.randomElement(using: &random) ?? "prod"
    let region = regions.randomElement(using: &random) ?? "us-east-1"
    switch Int.random(in: 0..<20, using: &random) {
    case 0..<8: return "acme-\(unit)-\(environment)"
    case 8..<11: return "\(unit)-\(environment)-\(region)"
    case 11..<15:
      return "\(titleCase(unit)) \(titleCase(environment))"
    case 15..<17:
      return "Acme\(titleCase(unit).filter { $0 != " " })\(titleCase(environment))"
    case 17:
      let place = international.randomElement(using: &random) ?? "Zürich Analytics"
      return "\(place) \(titleCase(environment))"
    default: return "\(unit)-\(environment)-\(number)"
    }
  }

  private static func mailbox(_ random: inout SplitMix64, account: String, number: Int) -> String {
    let local = account.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
    return Bool.random(using: &random)
      ? "aws+\(number)@acme-corp.example" : "aws-\(String(local.prefix(40)))@acme-corp.example"
  }

  private static func titleCase(_ text: String) -> String {
    text.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(
      separator: " ")
  }

  /// `count` queries of 1 to 8 characters, shaped like what people type into the picker:
  /// word prefixes, abbreviations across account and role, two terms, id digits, role
  /// prefixes, and a few that match nothing.
  public static func queries(count: Int, rows: [SearchableRow], seed: UInt64 = 0x5155_4552_59)
    -> [String]
  {
    var random = SplitMix64(seed: seed)
    var queries: [String] = []
    while queries.count < count {
      guard let row = rows.randomElement(using: &random) else { break }
      let length = Int.random(in: 1...8, using: &random)
      let words = row.accountName.lowercased().split(whereSeparator: { !$0.isLetter })
      let word = String(words.randomElement(using: &random) ?? "prod")
      let role = row.roleName.lowercased()
      let query: String
      switch Int.random(in: 0..<20, using: &random) {
      case 0..<7: query = word
      case 7..<12:  // abbreviation: letters of the account, then of the role
        let picked = word.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        query = String(picked.prefix(4)) + String(role.prefix(3))
      case 12..<15: query = String(word.prefix(4)) + " " + String(role.prefix(3))
      case 15..<17: query = String(row.accountId.dropFirst(Int.random(in: 0...4, using: &random)))
      case 17..<19: query = role
      default:
        query = String((0..<8).map { _ in "qxzjvkwy".randomElement(using: &random) ?? "q" })
      }
      let trimmed = String(query.prefix(length))
      if trimmed.contains(where: { $0 != " " }) { queries.append(trimmed) }
    }
    return queries
  }
}
