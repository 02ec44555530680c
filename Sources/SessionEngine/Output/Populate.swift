/// `ssopick populate`: a profile for every account and role of a catalog, kept in one
/// managed block of `~/.aws/config` per sign-in, between two marker comments:
///
/// ```ini
/// # BEGIN ssopick populate [sso-session acme] - managed by ssopick; edits inside are replaced
/// [profile Acme-Management/AdministratorAccess]
/// sso_session = acme
/// sso_account_id = 210987654321
/// sso_role_name = AdministratorAccess
///
/// [profile Acme-Management/Billing]
/// …
/// # END ssopick populate [sso-session acme]
/// ```
///
/// Everything outside the block is left byte for byte. Rules (DECISIONS.md, "populate"):
/// - A role that already has a profile of the user's *outside* the block (same session,
///   account and role) gets no second one; it is reported as kept.
/// - Names come from the template (`ProfileNameTemplate`). A name that is taken — by a
///   profile outside the block, or by another role — is resolved deterministically: a role
///   that already had the name in the block keeps it; otherwise roles are served in profile
///   order (account name, account id, role) and a later one gets `NAME-ACCOUNTID` (then
///   `-2`, `-3`, … should even that be taken). A role that was renamed that way before keeps
///   its name on later runs. Every such rename is reported.
/// - Without `prune`, block profiles whose role is gone are kept (and reported); with it
///   they are removed. A role counts as gone only when its account is no longer listed, or
///   the account's roles were listed and it is not among them — an account whose roles
///   could not be listed keeps its profiles.
/// - A block profile keeps its `region` unless a region is given.
/// - Profiles in the block are sorted by name; the block is regenerated as a whole.
public struct Populate: Sendable {
  /// What to write.
  public struct Options: Sendable {
    /// How profiles are named.
    public var template: ProfileNameTemplate
    /// Remove block profiles whose role no longer exists.
    public var prune: Bool
    /// `region` for every profile, if given.
    public var region: String?

    /// Creates options.
    public init(template: ProfileNameTemplate, prune: Bool = false, region: String? = nil) {
      self.template = template
      self.prune = prune
      self.region = region
    }
  }

  /// An account and role.
  public struct Role: Sendable, Hashable, Comparable {
    /// The account id.
    public var accountID: String
    /// The role name.
    public var roleName: String

    /// Creates a value.
    public init(accountID: String, roleName: String) {
      self.accountID = accountID
      self.roleName = roleName
    }

    /// By account id, then role name.
    public static func < (lhs: Role, rhs: Role) -> Bool {
      (lhs.accountID, lhs.roleName) < (rhs.accountID, rhs.roleName)
    }
  }

  /// A name the template asked for that went to another profile.
  public struct Collision: Sendable, Equatable {
    /// The role.
    public var role: Role
    /// The name the template gave.
    public var wanted: String
    /// The name written.
    public var written: String
    /// Who has `wanted`: a profile outside the block, or another role.
    public var takenBy: String
  }

  /// The outcome: the document before and after, and what changed.
  public struct Plan: Sendable {
    /// The file as it was.
    public var before: ConfigDocument
    /// The file as it will be.
    public var after: ConfigDocument
    /// Profiles written in the block, by name.
    public var profiles: [String: Role]
    /// Names new in the block.
    public var added: [String]
    /// Names removed from the block (pruned, or renamed away).
    public var removed: [String]
    /// Names kept whose settings changed.
    public var updated: [String]
    /// Names the template could not have.
    public var collisions: [Collision]
    /// Roles not written because the user's own profile (outside the block) has them.
    public var keptOutside: [(role: Role, profile: String)]
    /// Block profiles whose role is gone, kept because `prune` was off.
    public var stale: [String]

    /// Whether the file changes.
    public var changesFile: Bool { before.bytes != after.bytes }
  }

  /// The marker comments of `session`'s block.
  public static func markers(for session: SSOSession) -> (begin: String, end: String) {
    let label = session.name.map { "sso-session \($0)" } ?? "start URL \(session.startURL)"
    return (
      "# BEGIN ssopick populate [\(label)] - managed by ssopick; edits inside are replaced",
      "# END ssopick populate [\(label)]"
    )
  }

  /// Computes the new document for `catalog`; `document` is not changed.
  public static func plan(
    catalog: Catalog, session: SSOSession, document: ConfigDocument, options: Options
  ) throws -> Plan {
    let (begin, end) = markers(for: session)
    let block = document.markerBlock(begin: begin, end: end)
    let sections = document.sections
    var inBlock: [(name: String, section: ConfigDocument.Section)] = []
    var outsideNames: Set<String> = []
    var outsideRoles: [Role: String] = [:]
    for section in sections {
      guard case .profile(let name)? = section.name else { continue }
      if let block, block.contains(section.line) {
        inBlock.append((name, section))
        continue
      }
      outsideNames.insert(name)
      if let role = role(of: section, session: session), outsideRoles[role] == nil {
        outsideRoles[role] = name
      }
    }
    var blockNames: [Role: String] = [:]
    var blockRegions: [String: String] = [:]
    for (name, section) in inBlock {
      if let role = role(of: section, session: session), blockNames[role] == nil {
        blockNames[role] = name
      }
      if let region = section.value("region")?.string { blockRegions[name] = region }
    }

    // Roles to write, in profile order, and the stale block profiles.
    var keptOutside: [(role: Role, profile: String)] = []
    var wanted: [(role: Role, name: String)] = []
    for entry in catalog.entries {
      let role = Role(accountID: entry.account.accountID, roleName: entry.roleName)
      if let own = outsideRoles[role] {
        keptOutside.append((role, own))
        continue
      }
      wanted.append(
        (
          role,
          options.template.name(account: entry.account, roleName: entry.roleName, session: session)
        ))
    }
    let listed = Set(wanted.map(\.role)).union(outsideRoles.keys)
    let accounts = Set(catalog.accounts.map(\.accountID))
    var stale: [(name: String, section: ConfigDocument.Section)] = []
    var removedStale: [String] = []
    for (name, section) in inBlock {
      guard let role = role(of: section, session: session) else {
        // Not one of ours (someone edited the block): keep it unless pruning.
        if options.prune { removedStale.append(name) } else { stale.append((name, section)) }
        continue
      }
      if listed.contains(role) { continue }
      let gone = !accounts.contains(role.accountID) || catalog.roles[role.accountID] != nil
      if gone && options.prune {
        removedStale.append(name)
      } else {
        stale.append((name, section))
      }
    }

    // Names: outside names and kept stale names are reserved; block owners keep theirs.
    var owner: [String: String] = [:]
    for name in outsideNames { owner[name] = "your profile outside the block" }
    for (name, _) in stale { owner[name] = "a kept profile in the block" }
    var assigned: [Role: String] = [:]
    for (role, name) in wanted where blockNames[role] == name && owner[name] == nil {
      assigned[role] = name
      owner[name] = describe(role)
    }
    var collisions: [Collision] = []
    for (role, name) in wanted where assigned[role] == nil {
      var candidate = name
      if let holder = owner[name] {
        if let previous = blockNames[role], previous.hasPrefix(name + "-"), owner[previous] == nil {
          candidate = previous
        } else {
          candidate = name + "-" + role.accountID
          var counter = 2
          while owner[candidate] != nil {
            candidate = name + "-" + role.accountID + "-\(counter)"
            counter += 1
          }
        }
        collisions.append(Collision(role: role, wanted: name, written: candidate, takenBy: holder))
      }
      assigned[role] = candidate
      owner[candidate] = describe(role)
    }

    // The block's sections, sorted by name.
    var rendered: [(name: String, edits: [ConfigEdit])] = []
    for (role, name) in assigned {
      let request = ProfileWriter.Request(
        name: name, session: session, accountID: role.accountID, roleName: role.roleName,
        region: options.region ?? blockRegions[name])
      rendered.append((name, request.edits))
    }
    for (name, section) in stale {
      // Kept as read; nested and multi-line values cannot be regenerated and are dropped.
      let edits = section.entries.compactMap { entry -> ConfigEdit? in
        guard let value = entry.value.string, !value.contains("\n") else { return nil }
        return ConfigEdit.set(key: entry.key, value: value)
      }
      rendered.append((name, edits))
    }
    rendered.sort { Catalog.nameOrder($0.name, $1.name) }

    var after = document
    if block != nil || !rendered.isEmpty {
      try after.replaceMarkerBlock(
        begin: begin, end: end, with: rendered.map { (.profile($0.name), $0.edits) })
    }
    let oldNames = Set(inBlock.map(\.name))
    let newNames = Set(rendered.map(\.name))
    let oldSections = Dictionary(
      inBlock.map { ($0.name, $0.section) }, uniquingKeysWith: { a, _ in a })
    var updated: [String] = []
    for item in rendered where oldNames.contains(item.name) {
      guard let old = oldSections[item.name] else { continue }
      let oldValues = old.entries.map { "\($0.normalizedKey)=\($0.value.string ?? "")" }
      let newValues = item.edits.map { edit -> String in
        if case .set(let key, let value) = edit { return "\(key.lowercased())=\(value)" }
        return ""
      }
      if oldValues != newValues { updated.append(item.name) }
    }
    return Plan(
      before: document, after: after,
      profiles: Dictionary(assigned.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a }),
      added: newNames.subtracting(oldNames).sorted(by: Catalog.nameOrder),
      removed: oldNames.subtracting(newNames).sorted(by: Catalog.nameOrder),
      updated: updated.sorted(by: Catalog.nameOrder),
      collisions: collisions.sorted { $0.role < $1.role },
      keptOutside: keptOutside,
      stale: stale.map(\.name).sorted(by: Catalog.nameOrder))
  }

  /// The account and role a profile section stands for in `session`, or `nil` when it is
  /// not an SSO role profile of that session.
  static func role(of section: ConfigDocument.Section, session: SSOSession) -> Role? {
    guard let account = section.value("sso_account_id")?.string,
      let roleName = section.value("sso_role_name")?.string
    else { return nil }
    if let name = session.name {
      guard section.value("sso_session")?.string == name else { return nil }
    } else {
      guard section.value("sso_session") == nil,
        section.value("sso_start_url")?.string == session.startURL
      else { return nil }
    }
    return Role(accountID: account, roleName: roleName)
  }

  private static func describe(_ role: Role) -> String {
    "account \(role.accountID) role \(role.roleName)"
  }
}
