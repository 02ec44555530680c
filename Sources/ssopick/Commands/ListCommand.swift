import ArgumentParser
import SSOPickCommands
import SessionEngine

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

      With several sso-sessions and no --session, --profile or AWS_PROFILE, every signed-in \
      session is listed: the session's name is the first column by default, a fifth field \
      with --tsv and a `session` member with --json; sessions not signed in are named on \
      stderr.

      --filter QUERY keeps only the rows that match QUERY with the picker's fuzzy matcher \
      (account name, id, e-mail and role; e.g. `prdadm` finds Production / \
      AdministratorAccess), best match first, like `fzf --filter`; nothing matched: exit 1.

      Listing runs many requests at once (--max-in-flight, default 32) and paces itself to \
      the portal's rate limit: throttled requests are retried, never reported as failures. \
      An account whose roles cannot be listed (e.g. 403) is named on stderr and left out, \
      and the exit status is 2 unless --allow-partial is given. A portal that does not \
      answer fails the listing after 30 seconds without an answer.

      Without a valid sign-in, ssopick signs in when a terminal is attached and otherwise \
      exits 2 asking you to run `ssopick login`. Progress goes to stderr only when stderr \
      is a terminal; after a listing, what changed since the cached catalog is summed up \
      on stderr (on a terminal, or with --verbose).

      Exit codes: 0 printed, 1 --filter matched nothing, 2 error or incomplete list.
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

  @Flag(
    name: .customLong("allow-partial"),
    help: "Exit 0 even when some accounts' roles could not be listed (they are named).")
  var allowPartial = false

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
    try ExitMapping.finish(
      try await ListUseCase(
        .init(
          selection: sessionOptions.selection, format: format,
          freshness: CatalogFreshnessRequest(cachedOnly: cached, refresh: refresh, maxAge: maxAge),
          filter: filter, maxInFlight: maxInFlight, verbose: sessionOptions.verbose,
          allowPartial: allowPartial)
      ).run(in: .live()))
  }
}
