import ArgumentParser
import SSOPickCommands
import SessionEngine

/// `ssopick populate`: a profile for every account and role, in a managed block of
/// `~/.aws/config`.
struct PopulateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "populate",
    abstract: "Write a profile for every account and role.",
    discussion: """
      Lists every account and role of the sign-in and writes one profile for each into \
      ~/.aws/config, between the comments "# BEGIN ssopick populate [sso-session NAME] …" \
      and "# END ssopick populate [sso-session NAME]". Nothing outside that block changes; \
      the block itself is regenerated on every run (edit profiles outside it).

        ssopick populate --session acme --dry-run
        ssopick populate --session acme --template '{account_name}.{role_name}' --prune

      Names come from --template (placeholders {account_name}, {account_id}, {role_name}, \
      {account_email}, {session}; default {account_name}/{role_name}), with characters \
      other than letters, digits and - _ . / @ + = , turned into -. A name that is already \
      taken (by your own profile, or another role) becomes NAME-ACCOUNTID; each such case is \
      reported. A role you already have a profile for outside the block gets no second one.

      Profiles of roles that no longer exist stay until --prune. --dry-run prints the change \
      as a diff and writes nothing.

      The catalog comes from the same place as `ssopick list`'s: the cache when it is \
      younger than --max-age (default 1h), else a fresh listing (concurrent, paced to the \
      portal's rate limit); --refresh always lists, --cached never does. An account whose \
      roles cannot be listed keeps its profiles as they were and is named on stderr; the \
      exit status is then 2 unless --allow-partial is given.
      """
  )

  @OptionGroup var sessionOptions: SessionOptions

  @Option(name: .long, help: "How to name profiles (default {account_name}/{role_name}).")
  var template = ProfileNameTemplate.defaultTemplate

  @Option(name: .long, help: "Set region = REGION in every profile.")
  var region: String?

  @Flag(name: .long, help: "Remove profiles (in the block) of roles that no longer exist.")
  var prune = false

  @Flag(name: .customLong("dry-run"), help: "Print the change as a diff; write nothing.")
  var dryRun = false

  @Flag(name: .long, help: "List from the portal even if the cached catalog is fresh.")
  var refresh = false

  @Flag(name: .long, help: "Use the cached catalog whatever its age; never the network.")
  var cached = false

  @Option(
    name: .customLong("max-age"),
    help: "Use the cached catalog when younger than this (e.g. 30m, 1h; default 1h).")
  var maxAge: String?

  @Flag(
    name: .customLong("allow-partial"),
    help: "Exit 0 even when some accounts' roles could not be listed (they are named).")
  var allowPartial = false

  func validate() throws {
    _ = try ProfileNameTemplate(template)
    if refresh, cached { throw ValidationError("Give --refresh or --cached, not both.") }
    if maxAge != nil, cached || refresh {
      throw ValidationError("--max-age applies only without --cached and --refresh.")
    }
  }

  func run() async throws {
    try ExitMapping.finish(
      try await PopulateUseCase(
        .init(
          selection: sessionOptions.selection, template: template, region: region, prune: prune,
          dryRun: dryRun,
          freshness: CatalogFreshnessRequest(cachedOnly: cached, refresh: refresh, maxAge: maxAge),
          allowPartial: allowPartial, verbose: sessionOptions.verbose)
      ).run(in: .live()))
  }
}
