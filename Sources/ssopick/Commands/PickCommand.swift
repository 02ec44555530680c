import ArgumentParser
import PickerCore
import SSOPickCommands
import SessionEngine

/// `ssopick` / `ssopick pick`: the full-screen picker. Parses options and hands over to
/// `PickerUseCase`; the picker itself lives in PickerCore and PickerCurses.
struct PickCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pick",
    abstract: "Open the full-screen picker (the default).",
    discussion: """
      Shows every account and role of the sso-session on the terminal (/dev/tty) and lets \
      you fuzzy-search account name, account id, e-mail and role. Accounts appear at once, \
      from the cached catalog when there is one, and fill in as AWS answers; the highlighted \
      account is listed first. Recently chosen roles come first.

      Enter writes (or updates) a profile for the role into ~/.aws/config, named by \
      --template (default {account_name}/{role_name}, made safe for shells), and prints only \
      its name, so `export AWS_PROFILE=$(ssopick)` works. A different profile of the same \
      name is never replaced without --overwrite. --export prints shell export lines with the \
      role's credentials instead (eval "$(ssopick --export)"), --export-profile writes the \
      profile and prints `export AWS_PROFILE=NAME`. --shell-function SHELL prints only \
      lines for SHELL to evaluate (the profile, or the keys with --export): it is what the \
      function from `ssopick init` runs, so that `ssp` sets the role in the shell itself.

      --write-credentials PROFILE writes the role's keys into ~/.aws/credentials (mode 0600, \
      with a comment saying when they expire) and prints PROFILE. --exec -- COMMAND ARGS... \
      runs the command with the role's credentials in its environment, as `ssopick exec` \
      does; --exec --refresh-credentials serves them on a local endpoint that renews them \
      while the command runs, as `ssopick exec --refresh` does (in the picker, --refresh \
      alone lists the catalog again). Ctrl-O opens the AWS console for the highlighted role in the browser instead.

      Without a valid sign-in, ssopick signs in first (the prompt is shown on the terminal). \
      Without a terminal the picker cannot run: use `ssopick list` in scripts.

      With several sso-sessions and no --session, --profile or AWS_PROFILE, the picker shows \
      every session's rows, each marked with its session's name (searchable: `acme prod`). \
      Sessions that are not signed in are named in the title; Ctrl-L signs in to one. What \
      Enter does uses the row's session. Ctrl-O opens the portal's console shortcut instead \
      of a sign-in URL when SSOPICK_CONSOLE=portal.

      Keys:
      \(KeyTable.helpText)

      Exit codes: 0 chosen, 1 nothing matched or chosen, 2 error, 130 cancelled (128+N for \
      signal N). A choice whose action fails is not remembered as a recent one.
      """
  )

  @OptionGroup var sessionOptions: SessionOptions

  @Option(name: [.customShort("q"), .long], help: "Start with this query.")
  var query: String?

  @Flag(
    name: .customLong("select-1"),
    help: "Choose at once when the listing is complete and exactly one row matches.")
  var selectOne = false

  @Flag(name: .long, help: "Print shell export lines with the role's credentials.")
  var export = false

  @Flag(
    name: .customLong("export-profile"),
    help: "Write the profile and print only `export AWS_PROFILE=NAME`.")
  var exportProfile = false

  @Option(
    name: .long,
    help: "The syntax of --export lines: sh, bash, zsh, fish, powershell or cmd (default: $SHELL).")
  var shell: String?

  @Option(
    name: .customLong("shell-function"),
    help: ArgumentHelp(
      "Print only lines for SHELL to evaluate: the profile, or the keys with --export (what "
        + "the `ssopick init` function runs); a command after -- is run as with --exec.",
      valueName: "shell"),
    completion: .list(Shell.acceptedNames))
  var shellFunction: String?

  @Option(
    name: .long,
    help: """
      The profile name: {account_name}, {account_id}, {role_name}, {account_email}, \
      {session} (default {account_name}/{role_name}, or $SSOPICK_PROFILE_TEMPLATE).
      """)
  var template: String?

  @Option(
    name: .long,
    help: "The region for the profile (default: the sso-session's for a new profile) or export.")
  var region: String?

  @Flag(name: .long, help: "With --export: print the credentials even to a terminal.")
  var force = false

  @Flag(name: .long, help: "Replace a different profile (or foreign keys) of the same name.")
  var overwrite = false

  @Option(
    name: .customLong("write-credentials"),
    help: ArgumentHelp(
      "Write the role's keys to [PROFILE] in ~/.aws/credentials and print PROFILE.",
      valueName: "PROFILE"))
  var writeCredentials: String?

  @Flag(
    name: .long,
    help: "Run the command given after -- with the role's credentials (as `ssopick exec`).")
  var exec = false

  @Flag(
    name: .customLong("refresh-credentials"),
    help:
      "With --exec: serve the credentials on a local endpoint that renews them (as exec --refresh)."
  )
  var refreshCredentials = false

  @Argument(
    parsing: .postTerminator,
    help: ArgumentHelp(
      "With --exec: the command and its arguments, after --.", valueName: "command"))
  var command: [String] = []

  @Flag(name: .long, help: "List accounts and roles from AWS even if the cache is fresh.")
  var refresh = false

  @Option(
    name: .customLong("max-age"),
    help: "Use the cached catalog without listing again when younger than this (default 1h).")
  var maxAge: String?

  @Flag(name: .customLong("no-mouse"), help: "Do not ask the terminal for mouse events.")
  var noMouse = false

  @OptionGroup var chainOptions: ChainOptions

  func validate() throws {
    let actions = [
      ("--export", export), ("--export-profile", exportProfile),
      ("--write-credentials", writeCredentials != nil),
      (exec ? "--exec" : "a command after --", exec || shellFunction != nil && !command.isEmpty),
    ].filter(\.1).map(\.0)
    if actions.count > 1 {
      throw ValidationError("Give only one of \(actions.joined(separator: ", ")).")
    }
    if let shellFunction {
      if shell != nil {
        throw ValidationError("--shell-function sets the syntax: leave out --shell.")
      }
      if writeCredentials != nil {
        throw ValidationError(
          "--write-credentials prints a profile name, not lines for the shell: run ssopick "
            + "--write-credentials PROFILE without the shell function.")
      }
      if Shell(name: shellFunction) == nil {
        throw OutputError.unsupportedShell(name: shellFunction, fromEnvironment: false)
      }
    } else if shell != nil, !export, !exportProfile {
      throw ValidationError("--shell applies only to --export and --export-profile.")
    }
    if exec, command.isEmpty {
      throw ValidationError(
        "Give the command to run after --, e.g. ssopick --exec -- aws sts get-caller-identity")
    }
    if !exec, shellFunction == nil, !command.isEmpty {
      throw ValidationError("A command after -- needs --exec.")
    }
    if refreshCredentials, !exec, shellFunction == nil || command.isEmpty {
      throw ValidationError("--refresh-credentials applies only to --exec (or a command after --).")
    }
    if let writeCredentials, writeCredentials.isEmpty {
      throw ValidationError("--write-credentials needs a profile name.")
    }
  }

  func run() async throws {
    let context = CommandContext.live()
    // Descriptors open now (the caller's) are passed on to an --exec command; ones opened
    // later (the terminal, connections, caches) are not.
    let inherited = exec || !command.isEmpty ? context.launcher.descriptorSnapshot() : [:]
    func syntax() throws -> Shell {
      if let shell = shellFunction ?? shell {
        guard let parsed = Shell(name: shell) else {
          throw OutputError.unsupportedShell(name: shell, fromEnvironment: false)
        }
        return parsed
      }
      return try Shell.detect(environment: context.environment)
    }
    let action: RoleAction
    if export {
      action = .export(try syntax())
    } else if let writeCredentials {
      action = .writeCredentials(profile: writeCredentials, overwrite: overwrite)
    } else if exec || !command.isEmpty {
      action =
        refreshCredentials
        ? .execRefreshing(command: command, inherited: inherited)
        : .exec(command: command, inherited: inherited)
    } else {
      let target = ProfileTarget(
        naming: .template(
          try ProfileTarget.template(flag: template, environment: context.environment)),
        region: region, overwrite: overwrite)
      action = .writeProfile(
        target, printAs: exportProfile || shellFunction != nil ? try syntax() : nil)
    }
    try ExitMapping.finish(
      try await PickerUseCase(
        .init(
          selection: sessionOptions.selection, action: action, chain: try chainOptions.chain(),
          force: force,
          commandLine: "ssopick --export", query: query ?? "", selectOne: selectOne,
          region: region,
          freshness: CatalogFreshnessRequest(refresh: refresh, maxAge: maxAge),
          mouse: !noMouse, verbose: sessionOptions.verbose)
      ).run(in: context))
  }
}
