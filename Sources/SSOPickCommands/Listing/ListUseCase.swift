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
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let workspace = try Workspace(context)
    let freshness = try request.freshness.freshness(environment: context.environment)
    let session = try workspace.session(request.selection)
    let reading = await CatalogReader(
      workspace: workspace, session: session, maxInFlight: request.maxInFlight
    ).read(freshness)
    if let authenticator = reading.authenticator {
      await workspace.report(authenticator, verbose: request.verbose)
    }
    let catalog = try reading.catalog()
    let console = context.console
    reading.reportFailedAccounts(
      on: console, verbose: request.verbose,
      consequence: reading.failedAccounts.count == 1 ? "it is left out" : "they are left out")
    if context.terminal.errors || request.verbose {
      reading.summarize(on: console, verbose: request.verbose)
    }
    var status = ExitStatus.success
    if let filter = request.filter {
      let matches = Self.matching(filter, in: catalog)
      console.write(request.format.render(matches))
      if matches.isEmpty { status = .nothing }
    } else {
      request.format.write(catalog) { console.write(Array($0)) }
    }
    if reading.isIncomplete, !request.allowPartial {
      console.say(
        "ssopick list: the list is incomplete (see above); --allow-partial accepts that "
          + "and exits 0.")
      return .error
    }
    return status
  }

  /// The entries of `catalog` that match `query`, best first, as the picker ranks them
  /// (an empty query matches every entry, in catalog order).
  public static func matching(_ query: String, in catalog: Catalog) -> [CatalogEntry] {
    let entries = catalog.entries
    var engine = FilterEngine(
      rows: entries.map { entry in
        SearchableRow(
          accountName: entry.account.accountName, accountId: entry.account.accountID,
          roleName: entry.roleName, email: entry.account.emailAddress)
      })
    return engine.filter(query: query).rowIndices.map { entries[$0] }
  }
}
