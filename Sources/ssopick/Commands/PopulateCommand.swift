import ArgumentParser
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

  func validate() throws {
    _ = try ProfileNameTemplate(template)
  }

  func run() async throws {
    let services = try Services()
    let context = try services.context(sessionOptions)
    let login = RoleTarget.personIsPresent ? services.interactiveLogin() : nil
    let directory = PortalDirectory(
      portal: PortalClient(endpoint: context.portalEndpoint.url, transport: services.transport),
      tokens: services.authenticator(for: context, login: login),
      sessionName: context.displayName)
    // TODO(catalog loader): use the catalog cache and the concurrent loader once they land.
    let catalog = try await directory.sequentialCatalog()
    let options = Populate.Options(
      template: try ProfileNameTemplate(template), prune: prune, region: region)
    let file = services.config.configFile
    let store = ConfigFileStore(path: file, flavor: .config)
    let plan: Populate.Plan
    if dryRun {
      plan = try Populate.plan(
        catalog: catalog, session: context.session, document: try store.load(), options: options)
      StandardOutput.write(
        UnifiedDiff.render(
          old: plan.before.text, new: plan.after.text, oldName: file,
          newName: file + " (after ssopick populate)"))
    } else {
      plan = try await store.update { document in
        let plan = try Populate.plan(
          catalog: catalog, session: context.session, document: document, options: options)
        document = plan.after
        return plan
      }
    }
    PopulateReport.write(plan, file: file, dryRun: dryRun, session: context.displayName)
  }
}

/// Says on stderr what populate did (or would do).
enum PopulateReport {
  static func write(_ plan: Populate.Plan, file: String, dryRun: Bool, session: String) {
    for collision in plan.collisions {
      StandardError.write(
        "Name \"\(collision.wanted)\" is taken by \(collision.takenBy); account "
          + "\(collision.role.accountID) role \(collision.role.roleName) is \"\(collision.written)\"."
      )
    }
    for kept in plan.keptOutside {
      StandardError.write(
        "Account \(kept.role.accountID) role \(kept.role.roleName) already has your profile "
          + "\"\(kept.profile)\"; not adding another.")
    }
    if !plan.stale.isEmpty {
      StandardError.write(
        "Kept \(plan.stale.count) profile(s) of roles that no longer exist (--prune removes "
          + "them): " + plan.stale.joined(separator: ", "))
    }
    let verb = dryRun ? "Would write" : "Wrote"
    let summary =
      "\(plan.profiles.count + plan.stale.count) profiles for \(session) (\(plan.added.count) new, "
      + "\(plan.updated.count) changed, \(plan.removed.count) removed)"
    if !plan.changesFile {
      StandardError.write(
        "\(file) is up to date: \(plan.profiles.count + plan.stale.count) profiles for \(session).")
    } else {
      StandardError.write("\(verb) \(summary) in \(file).")
    }
  }
}
