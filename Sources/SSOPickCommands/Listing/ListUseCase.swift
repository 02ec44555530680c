import PickerCore
public import SessionEngine

/// `ssopick list`: every account/role pair, from the cache or the portal, in one of three
/// formats, optionally filtered with the picker's matcher.
public struct ListUseCase: Sendable {
  /// The options.
  public struct Request: Sendable, Equatable {
    /// Which session.
    public var selection: SessionSelection
    /// The output format.
    public var format: CatalogListFormat
    /// How far to trust the cache.
    public var freshness: CatalogFreshnessRequest
    /// `--filter QUERY`.
    public var filter: String?
    /// `--max-in-flight`.
    public var maxInFlight: Int
    /// `--verbose`.
    public var verbose: Bool
    /// `--allow-partial`: exit 0 even when some accounts' roles could not be listed.
    public var allowPartial: Bool

    /// Creates a request.
    public init(
      selection: SessionSelection = SessionSelection(), format: CatalogListFormat = .text,
      freshness: CatalogFreshnessRequest = CatalogFreshnessRequest(), filter: String? = nil,
      maxInFlight: Int = RateController.Settings().maxInFlight, verbose: Bool = false,
      allowPartial: Bool = false
    ) {
      self.selection = selection
      self.format = format
      self.freshness = freshness
      self.filter = filter
      self.maxInFlight = maxInFlight
      self.verbose = verbose
      self.allowPartial = allowPartial
    }
  }

  /// The options.
  public var request: Request

  /// Creates the command.
  public init(_ request: Request) {
    self.request = request
  }

  /// Lists and prints. Exit status: 0 printed; 1 `--filter` matched nothing; 2 when some
  /// accounts could not be listed (the rest is printed; `--allow-partial` makes it 0).
  ///
  /// With several sso-sessions configured and none chosen, every signed-in session is
  /// listed (a session column; `session` in JSON); the others are named on stderr.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let workspace = try Workspace(context)
    let freshness = try request.freshness.freshness(environment: context.environment)
    let sessions = try workspace.sessions(request.selection)
    guard sessions.count > 1 else {
      return try await listOne(sessions[0], freshness: freshness, workspace: workspace)
    }
    return try await listAll(sessions, freshness: freshness, workspace: workspace)
  }

  private func listOne(
    _ session: SessionContext, freshness: CatalogSource.Freshness, workspace: Workspace
  ) async throws -> ExitStatus {
    let context = workspace.context
    let reading = await CatalogReader(
      workspace: workspace, session: session, maxInFlight: request.maxInFlight
    ).read(freshness)
    if let authenticator = reading.authenticator {
      await workspace.report(authenticator, verbose: request.verbose)
    }
    let catalog = try reading.catalog()
    report(reading, on: context.console, terminal: context.terminal.errors)
    return print(
      [CatalogListFormat.SessionCatalog(session: nil, catalog: catalog)],
      incomplete: reading.isIncomplete, console: context.console)
  }

  /// Every signed-in session, read at once (a cached catalog costs nothing; listings run
  /// side by side, each under its own session's rate controller) and printed in the
  /// sessions' order.
  private func listAll(
    _ sessions: [SessionContext], freshness: CatalogSource.Freshness, workspace: Workspace
  ) async throws -> ExitStatus {
    let console = workspace.console
    let maxInFlight = request.maxInFlight
    let readings = await withTaskGroup(of: (Int, CatalogReading?).self) { group in
      for (index, session) in sessions.enumerated() {
        group.addTask {
          let quiet = workspace.authenticator(for: session, login: .never)
          switch try? await quiet.status().state {
          case .signedIn, .expiredRefreshable:
            let reader = CatalogReader(
              workspace: workspace, session: session, maxInFlight: maxInFlight,
              showsProgress: false)
            return (index, await reader.read(freshness))
          default:
            return (index, nil)
          }
        }
      }
      var readings = [CatalogReading?](repeating: nil, count: sessions.count)
      for await (index, reading) in group { readings[index] = reading }
      return readings
    }
    var catalogs: [CatalogListFormat.SessionCatalog] = []
    var incomplete = false
    var skipped: [String] = []
    for (session, reading) in zip(sessions, readings) {
      guard let reading else {
        skipped.append(session.displayName)
        continue
      }
      if let authenticator = reading.authenticator {
        await workspace.report(authenticator, verbose: request.verbose)
      }
      do {
        catalogs.append(
          CatalogListFormat.SessionCatalog(
            session: session.displayName, catalog: try reading.catalog()))
      } catch {
        console.say("ssopick list: \(untrusted: session.displayName): \(error)")
        incomplete = true
        continue
      }
      report(reading, on: console, terminal: workspace.context.terminal.errors)
      incomplete = incomplete || reading.isIncomplete
    }
    for name in skipped {
      console.say(
        "ssopick list: sso-session \(untrusted: name) is not signed in; left out "
          + "(ssopick login --session \(untrusted: name) signs in).")
    }
    guard !catalogs.isEmpty else {
      if incomplete { return .error }
      console.say(
        "ssopick list: no sso-session is signed in; sign in with ssopick login --session NAME.")
      return .error
    }
    return print(catalogs, incomplete: incomplete, console: console)
  }

  /// Prints `catalogs` (or what `--filter` keeps of them) in the request's format. Exit
  /// status: 0, 1 when the filter matched nothing, 2 when incomplete without
  /// `--allow-partial`.
  private func print(
    _ catalogs: [CatalogListFormat.SessionCatalog], incomplete: Bool, console: Console
  ) -> ExitStatus {
    var status = ExitStatus.success
    if let filter = request.filter {
      let matches = Self.matching(filter, in: catalogs)
      console.write(request.format.render(matches))
      if matches.isEmpty { status = .nothing }
    } else {
      request.format.write(catalogs) { console.write(Array($0)) }
    }
    return finish(status, incomplete: incomplete, console: console)
  }

  private func report(_ reading: CatalogReading, on console: Console, terminal: Bool) {
    reading.reportFailedAccounts(
      on: console, verbose: request.verbose,
      consequence: reading.failedAccounts.count == 1 ? "it is left out" : "they are left out")
    if terminal || request.verbose {
      reading.summarize(on: console, verbose: request.verbose)
    }
  }

  private func finish(_ status: ExitStatus, incomplete: Bool, console: Console) -> ExitStatus {
    if incomplete, !request.allowPartial {
      console.say(
        "ssopick list: the list is incomplete (see above); --allow-partial accepts that "
          + "and exits 0.")
      return .error
    }
    return status
  }

  /// The entries of the catalogs that match `query` (a session's name is searched too),
  /// best first, as the picker ranks them (an empty query matches every entry, in order).
  public static func matching(_ query: String, in catalogs: [CatalogListFormat.SessionCatalog])
    -> [(session: String?, entry: CatalogEntry)]
  {
    let entries = catalogs.flatMap { catalog in
      catalog.catalog.entries.map { (session: catalog.session, entry: $0) }
    }
    var engine = FilterEngine(
      rows: entries.map { item in
        SearchableRow(
          accountName: item.entry.account.accountName, accountId: item.entry.account.accountID,
          roleName: item.entry.roleName, email: item.entry.account.emailAddress,
          session: item.session ?? "")
      })
    return engine.filter(query: query).rowIndices.map { entries[$0] }
  }

  /// The entries of `catalog` that match `query`, best first, as the picker ranks them
  /// (an empty query matches every entry, in catalog order).
  public static func matching(_ query: String, in catalog: Catalog) -> [CatalogEntry] {
    matching(query, in: [CatalogListFormat.SessionCatalog(session: nil, catalog: catalog)])
      .map(\.entry)
  }
}
