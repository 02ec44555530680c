public import SessionEngine

/// `ssopick populate`: a profile for every account and role of the catalog, in a managed
/// block of `~/.aws/config` (see `Populate`). The catalog comes through the one listing path
/// (``CatalogReader``: cache or concurrent loader), so populate is as fast and as guarded
/// as `list`; accounts whose roles could not be listed keep their profiles as they were,
/// are named, and make the run exit 2 unless `--allow-partial`.
public struct PopulateUseCase: Sendable {
  /// The options.
  public struct Request: Sendable, Equatable {
    /// Which session.
    public var selection: SessionSelection
    /// How to name profiles (a `ProfileNameTemplate`).
    public var template: String
    /// `region =` for every profile.
    public var region: String?
    /// Remove block profiles of roles that no longer exist.
    public var prune: Bool
    /// Print the change as a diff; write nothing.
    public var dryRun: Bool
    /// How far to trust the cached catalog.
    public var freshness: CatalogFreshnessRequest
    /// `--allow-partial`: exit 0 even when some accounts could not be listed.
    public var allowPartial: Bool
    /// `--verbose`.
    public var verbose: Bool

    /// Creates a request.
    public init(
      selection: SessionSelection = SessionSelection(),
      template: String = ProfileNameTemplate.defaultTemplate, region: String? = nil,
      prune: Bool = false, dryRun: Bool = false,
      freshness: CatalogFreshnessRequest = CatalogFreshnessRequest(),
      allowPartial: Bool = false, verbose: Bool = false
    ) {
      self.selection = selection
      self.template = template
      self.region = region
      self.prune = prune
      self.dryRun = dryRun
      self.freshness = freshness
      self.allowPartial = allowPartial
      self.verbose = verbose
    }
  }

  /// The options.
  public var request: Request

  /// Creates the use case.
  public init(_ request: Request) {
    self.request = request
  }

  /// Lists, plans and writes (or prints the diff). Exit status 0, or 2 when the catalog was
  /// incomplete and `--allow-partial` was not given (what could be written is written).
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let template = try ProfileNameTemplate(request.template)
    let workspace = try Workspace(context)
    let session = try workspace.session(request.selection)
    let freshness = try request.freshness.freshness(environment: context.environment)
    let reading = await CatalogReader(workspace: workspace, session: session).read(freshness)
    if let authenticator = reading.authenticator {
      await workspace.report(authenticator, verbose: request.verbose)
    }
    let catalog = try reading.catalog()
    let console = context.console
    reading.reportFailedAccounts(
      on: console, verbose: request.verbose,
      consequence: reading.failedAccounts.count == 1
        ? "its profiles are kept as they were" : "their profiles are kept as they were")
    let options = Populate.Options(
      template: template, prune: request.prune, region: request.region)
    let file = workspace.config.configFile
    let store = ConfigFileStore(path: file, flavor: .config, timeSource: context.time)
    let plan: Populate.Plan
    if request.dryRun {
      plan = try Populate.plan(
        catalog: catalog, session: session.session, document: try store.load(), options: options)
      console.print(
        UnifiedDiff.render(
          old: plan.before.text, new: plan.after.text, oldName: file,
          newName: file + " (after ssopick populate)"))
    } else {
      plan = try await store.update { document in
        let plan = try Populate.plan(
          catalog: catalog, session: session.session, document: document, options: options)
        document = plan.after
        return plan
      }
    }
    Self.report(plan, file: file, dryRun: request.dryRun, session: session.displayName, on: console)
    if reading.isIncomplete, !request.allowPartial {
      console.say(
        "ssopick populate: the catalog is incomplete (see above); --allow-partial accepts that "
          + "and exits 0.")
      return .error
    }
    return .success
  }

  /// Says on stderr what populate did (or would do).
  static func report(
    _ plan: Populate.Plan, file: String, dryRun: Bool, session: String, on console: Console
  ) {
    for collision in plan.collisions {
      console.say(
        "Name \"\(untrusted: collision.wanted)\" is taken by \(untrusted: collision.takenBy); "
          + "account \(collision.role.accountID) role \(untrusted: collision.role.roleName) "
          + "is \"\(untrusted: collision.written)\".")
    }
    for kept in plan.keptOutside {
      console.say(
        "Account \(kept.role.accountID) role \(untrusted: kept.role.roleName) already has your "
          + "profile \"\(untrusted: kept.profile)\"; not adding another.")
    }
    if !plan.stale.isEmpty {
      console.say(
        "Kept \(plan.stale.count) profile(s) of roles that no longer exist (--prune removes "
          + "them): " + plan.stale.map(UntrustedText.escaped).joined(separator: ", "))
    }
    let total = plan.profiles.count + plan.stale.count
    if !plan.changesFile {
      console.say("\(file) is up to date: \(total) profiles for \(session).")
    } else {
      console.say(
        "\(dryRun ? "Would write" : "Wrote") \(total) profiles for \(session) "
          + "(\(plan.added.count) new, \(plan.updated.count) changed, "
          + "\(plan.removed.count) removed) in \(file).")
    }
  }
}
