import ArgumentParser
import Foundation
import PickerCore
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ssopick list`: every account/role pair, from the cache or the portal.
struct ListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "Print every account and role.",
    discussion: """
      Prints every account/role pair you can use, sorted by account name, then role.

      Formats (no header line in any of them):
        default  aligned columns: account name, account id, role name. Control characters \
      in names are shown as escapes (\\t, \\n, \\x1b, ...).
        --tsv    accountName, accountId, roleName, emailAddress separated by tabs, one row \
      per line; a backslash, tab, line feed or carriage return inside a value is written \
      \\\\, \\t, \\n or \\r.
        --json   an array of objects with exactly accountId, accountName, emailAddress and \
      roleName.

      The catalog is cached per sso-session under $XDG_CACHE_HOME/ssopick (default \
      ~/.cache/ssopick). A cache younger than the maximum age (--max-age, else \
      $SSOPICK_CATALOG_MAX_AGE, else 1h; e.g. 90s, 30m, 1h, 2d, 0) is printed without \
      touching the network. An older, incomplete or missing one is listed again from the \
      portal, printed and saved. --cached prints the cache whatever its age and never uses \
      the network (no cache: exit 2); --refresh always lists again.

      --filter QUERY keeps only the rows that match QUERY with the picker's fuzzy matcher \
      (account name, id, e-mail and role; e.g. `prdadm` finds Production / \
      AdministratorAccess), best match first, like `fzf --filter`; nothing matched: exit 1.

      Listing runs many requests at once (--max-in-flight, default 32) and paces itself to \
      the portal's rate limit: throttled requests are retried, never reported as failures. \
      An account whose roles cannot be listed (e.g. 403) is reported on stderr and left out.

      Without a valid sign-in, ssopick signs in when a terminal is attached and otherwise \
      exits 2 asking you to run `ssopick login`. Progress goes to stderr only when stderr \
      is a terminal; after a listing, what changed since the cached catalog is summed up \
      on stderr (on a terminal, or with --verbose).

      Exit codes: 0 printed, 2 error.
      """
  )

  @OptionGroup var sessionOptions: SessionOptions

  @Flag(name: .long, help: "Print a JSON array of objects.")
  var json = false

  @Flag(name: .long, help: "Print tab-separated values.")
  var tsv = false

  @Flag(name: .long, help: "List from the portal even if the cache is fresh.")
  var refresh = false

  @Flag(name: .long, help: "Print the cached catalog; never use the network.")
  var cached = false

  @Option(
    name: .customLong("max-age"),
    help: "Use the cache when younger than this (e.g. 30m, 1h; default 1h).")
  var maxAge: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Print only the rows matching QUERY, best first (the picker's fuzzy matcher).",
      valueName: "QUERY"))
  var filter: String?

  @Option(
    name: .customLong("max-in-flight"), help: "At most this many portal requests at once (1-64).")
  var maxInFlight = 32

  func validate() throws {
    if json, tsv { throw ValidationError("Give --json or --tsv, not both.") }
    if refresh, cached { throw ValidationError("Give --refresh or --cached, not both.") }
    if maxAge != nil, cached || refresh {
      throw ValidationError("--max-age applies only without --cached and --refresh.")
    }
    guard (1...64).contains(maxInFlight) else {
      throw ValidationError("--max-in-flight must be 1-64, got \(maxInFlight).")
    }
  }

  var format: CatalogListFormat { json ? .json : tsv ? .tsv : .text }

  func run() async throws {
    let environment = Environment.current
    let maxAge = try CatalogSource.maxAge(flag: maxAge, environment: environment)
    let wiring = try CatalogWiring(options: sessionOptions, environment: environment)
    let freshness: CatalogSource.Freshness =
      cached ? .cachedOnly : refresh ? .refresh : .automatic(maxAge: maxAge)
    var settings = CatalogLoader.Settings()
    settings.rate.maxInFlight = maxInFlight
    let authenticator = AuthenticatorHolder()
    let source = CatalogSource(
      cache: wiring.cache, sessionName: wiring.context.displayName,
      makeLoader: { [settings] in
        let (loader, built) = wiring.makeLoader(settings: settings)
        authenticator.set(built)
        return loader
      },
      onSaveError: { error in
        StandardError.write("Warning: the catalog was listed but not cached: \(error)")
      })

    let outcome = await ListRun.consume(
      source.open(freshness), progress: ListProgressLine(enabled: isatty(STDERR_FILENO) == 1))
    if sessionOptions.verbose, let built = authenticator.get() {
      for note in await built.notes { StandardError.write("ssopick: \(note)") }
    }
    let catalog = try outcome.catalog(cachePath: wiring.cache.path)
    outcome.reportFailedAccounts(verbose: sessionOptions.verbose)
    if isatty(STDERR_FILENO) == 1 || sessionOptions.verbose {
      outcome.summarize(verbose: sessionOptions.verbose, cachePath: wiring.cache.path)
    }
    if let filter {
      let matches = Self.matching(filter, in: catalog)
      StandardOutput.write(format.render(matches))
      if matches.isEmpty { throw ExitCode(1) }
    } else {
      format.write(catalog) { StandardOutput.write($0) }
    }
  }

  /// The entries of `catalog` that match `query`, best first, as the picker ranks them
  /// (an empty query matches every entry, in catalog order).
  static func matching(_ query: String, in catalog: Catalog) -> [CatalogEntry] {
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

/// Keeps the authenticator the loader was built with, for `--verbose` notes afterwards.
final class AuthenticatorHolder: @unchecked Sendable {
  private let lock = NSLock()
  private var value: SessionAuthenticator?

  func set(_ authenticator: SessionAuthenticator) {
    lock.lock()
    value = authenticator
    lock.unlock()
  }

  func get() -> SessionAuthenticator? {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
