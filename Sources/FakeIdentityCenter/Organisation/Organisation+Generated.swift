/// Generated organisations: realistic-looking and deterministic from a seed. 10,000 accounts ×
/// 4 roles take a few milliseconds.
extension Organisation {
  /// How many roles each generated account gets.
  public enum RolesPerAccount: Sendable, Equatable {
    /// Exactly this many roles in every account.
    case fixed(Int)
    /// A count drawn uniformly from the range for each account.
    case range(ClosedRange<Int>)

    var upperBound: Int {
      switch self {
      case .fixed(let count): count
      case .range(let range): range.upperBound
      }
    }

    var lowerBound: Int {
      switch self {
      case .fixed(let count): count
      case .range(let range): range.lowerBound
      }
    }
  }

  /// The most accounts `generated` accepts.
  public static let maximumGeneratedAccounts = 100_000
  /// The most roles per account `generated` accepts.
  public static let maximumRolesPerAccount = 100

  /// Generates `accounts` accounts with `rolesPerAccount` roles each, the same for the same
  /// seed. Names mix spaces, `&`, parentheses, en dashes and non-ASCII letters; ids are unique
  /// 12-digit strings, about one in nine with a leading zero; e-mail addresses are realistic.
  public static func generated(
    accounts count: Int, rolesPerAccount: RolesPerAccount, seed: UInt64
  ) throws -> Organisation {
    guard (1...maximumGeneratedAccounts).contains(count) else {
      throw FakeIdentityCenterError.invalidOption(
        name: "accounts", reason: "must be 1–\(maximumGeneratedAccounts), got \(count)")
    }
    guard rolesPerAccount.lowerBound >= 0, rolesPerAccount.upperBound <= maximumRolesPerAccount
    else {
      throw FakeIdentityCenterError.invalidOption(
        name: "roles per account", reason: "must be within 0–\(maximumRolesPerAccount)")
    }
    var random = SeededGenerator(seed: seed)
    let company = NamePools.companies[
      Int(random.next(upperBound: UInt64(NamePools.companies.count)))]
    var usedIDs = Set<UInt64>()
    var usedNames = Set<String>()
    var usedSlugs = Set<String>()
    usedIDs.reserveCapacity(count)
    usedNames.reserveCapacity(count)
    usedSlugs.reserveCapacity(count)
    var result: [Account] = []
    result.reserveCapacity(count)
    for index in 0..<count {
      let accountId = uniqueID(index: index, used: &usedIDs, random: &random)
      var (name, slug) = NamePools.name(random: &random)
      if !usedNames.insert(name).inserted {
        var suffix = 2
        while !usedNames.insert("\(name) \(suffix)").inserted { suffix += 1 }
        name = "\(name) \(suffix)"
        slug = "\(slug)-\(suffix)"
      }
      if !usedSlugs.insert(slug).inserted {
        slug = "\(slug)-\(accountId.suffix(4))"
        usedSlugs.insert(slug)
      }
      let email = "aws+\(slug)@\(company).example"
      let roleCount: Int
      switch rolesPerAccount {
      case .fixed(let fixed): roleCount = fixed
      case .range(let range): roleCount = Int.random(in: range, using: &random)
      }
      result.append(
        Account(
          accountId: accountId, accountName: name, emailAddress: email,
          roles: NamePools.roles(count: roleCount, random: &random)))
    }
    return Organisation(accounts: result)
  }

  private static func uniqueID(
    index: Int, used: inout Set<UInt64>, random: inout SeededGenerator
  ) -> String {
    // Every ninth account (offset 4) gets a leading zero, so even small organisations have some.
    let range: Range<UInt64> =
      index % 9 == 4 ? 10_000_000..<100_000_000_000 : 100_000_000_000..<1_000_000_000_000
    var value = UInt64.random(in: range, using: &random)
    while !used.insert(value).inserted {
      value = UInt64.random(in: range, using: &random)
    }
    let digits = String(value)
    return String(repeating: "0", count: 12 - digits.count) + digits
  }
}

/// Word pools for generated names. Each entry carries an ASCII slug for e-mail addresses.
private enum NamePools {
  static let companies = ["acme", "globex", "initech", "umbrella-corp", "hooli", "vandelay"]

  static let places: [(String, String)] = [
    ("Zürich", "zurich"), ("Malmö", "malmo"), ("São Paulo", "sao-paulo"), ("Kraków", "krakow"),
    ("Genève", "geneve"), ("Ålesund", "alesund"), ("Québec", "quebec"), ("München", "munchen"),
    ("Reykjavík", "reykjavik"), ("Łódź", "lodz"), ("Tromsø", "tromso"), ("Köln", "koln"),
    ("Montréal", "montreal"), ("Gdańsk", "gdansk"), ("Dublin", "dublin"), ("Oslo", "oslo"),
    ("Tokyo", "tokyo"), ("Lyon", "lyon"), ("Porto", "porto"), ("Seattle", "seattle"),
    ("Austin", "austin"), ("Nairobi", "nairobi"), ("Mumbai", "mumbai"), ("Sydney", "sydney"),
    ("Toronto", "toronto"), ("Berlin", "berlin"), ("Madrid", "madrid"), ("Milano", "milano"),
    ("Düsseldorf", "dusseldorf"), ("Škofja Loka", "skofja-loka"),
  ]

  static let domains: [(String, String)] = [
    ("Analytics", "analytics"), ("Payments", "payments"), ("Billing", "billing"),
    ("Identity", "identity"), ("Logistics", "logistics"), ("Data Lake", "data-lake"),
    ("Search", "search"), ("Observability", "observability"), ("Checkout", "checkout"),
    ("Fraud Detection", "fraud-detection"), ("Machine Learning", "ml"),
    ("Customer Support", "support"), ("Marketing", "marketing"), ("HR Systems", "hr"),
    ("Inventory", "inventory"), ("Pricing", "pricing"), ("Recommendations", "recs"),
    ("Streaming", "streaming"), ("Mobile Backend", "mobile"), ("Networking", "network"),
    ("Security Tooling", "security"), ("Shared Services", "shared"), ("Ledger", "ledger"),
    ("Compliance", "compliance"), ("Research", "research"), ("Media Processing", "media"),
    ("Notifications", "notify"), ("Partner APIs", "partner-api"), ("Warehouse", "warehouse"),
    ("Edge", "edge"),
  ]

  static let environments: [(String, String)] = [
    ("Prod", "prod"), ("Staging", "staging"), ("Dev", "dev"), ("Sandbox", "sandbox"),
    ("QA", "qa"), ("Test", "test"), ("Pre-Prod", "preprod"), ("DR", "dr"),
  ]

  static let regions: [(String, String)] = [
    ("(EU)", "eu"), ("(US)", "us"), ("(APAC)", "apac"), ("(UK)", "uk"), ("(LATAM)", "latam"),
  ]

  /// Common permission sets first; they are picked far more often than the custom ones.
  static let commonRoles = [
    "AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "ViewOnlyAccess", "Billing",
    "DataScientist", "DatabaseAdministrator", "NetworkAdministrator", "SecurityAudit",
    "SupportUser", "SystemAdministrator", "DeveloperAccess",
  ]
  static let customRoles = [
    "Platform-Engineer", "SRE_OnCall", "analytics.readonly", "BreakGlass@Prod",
    "CostExplorer+Budgets", "Deploy=CI", "Auditor,External", "S3-DataSteward",
  ]

  static func pick<T>(_ list: [T], _ random: inout SeededGenerator) -> T {
    list[Int(random.next(upperBound: UInt64(list.count)))]
  }

  static func name(random: inout SeededGenerator) -> (name: String, slug: String) {
    let place = pick(places, &random)
    let domain = pick(domains, &random)
    let environment = pick(environments, &random)
    switch random.next(upperBound: UInt64(6)) {
    case 0:
      return ("\(place.0) \(domain.0)", "\(place.1)-\(domain.1)")
    case 1:
      let region = pick(regions, &random)
      let other = pick(domains, &random)
      return (
        "\(domain.0) \(region.0) & \(other.0)", "\(domain.1)-\(region.1)-\(other.1)"
      )
    case 2:
      return ("\(domain.1)-\(environment.1)", "\(domain.1)-\(environment.1)")
    case 3:
      return ("\(domain.0) – \(environment.0)", "\(domain.1)-\(environment.1)")
    case 4:
      return (
        "\(place.0) \(domain.0) (\(environment.0))", "\(place.1)-\(domain.1)-\(environment.1)"
      )
    default:
      let region = pick(regions, &random)
      return (
        "\(domain.0) \(environment.0) \(region.0)", "\(domain.1)-\(environment.1)-\(region.1)"
      )
    }
  }

  static func roles(count: Int, random: inout SeededGenerator) -> [String] {
    var chosen: [String] = []
    let all = commonRoles + customRoles
    guard count < all.count else {
      var roles = all.shuffled(using: &random)
      var extra = 1
      while roles.count < count {
        roles.append("PermissionSet-\(extra)")
        extra += 1
      }
      return roles
    }
    while chosen.count < count {
      let source = random.next(upperBound: UInt64(100)) < 85 ? commonRoles : customRoles
      let role = pick(source, &random)
      if !chosen.contains(role) { chosen.append(role) }
    }
    return chosen
  }
}
