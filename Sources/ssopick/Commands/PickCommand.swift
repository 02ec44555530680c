import ArgumentParser
import Foundation
import PickerCore
import PickerCurses
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ssopick` / `ssopick pick`: the full-screen picker. Parses options and hands over to
/// `PickerRun`; the picker itself lives in PickerCore and PickerCurses.
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
      name is never replaced without --force. --export prints shell export lines with the \
      role's credentials instead (eval "$(ssopick --export)"), --export-profile writes the \
      profile and prints `export AWS_PROFILE=NAME`.

      --write-credentials PROFILE writes the role's keys into ~/.aws/credentials (mode 0600, \
      with a comment saying when they expire) and prints PROFILE. --exec -- COMMAND ARGS... \
      runs the command with the role's credentials in its environment, as `ssopick exec` \
      does. Ctrl-O opens the AWS console for the highlighted role in the browser instead.

      Without a valid sign-in, ssopick signs in first (the prompt is shown on the terminal). \
      Without a terminal the picker cannot run: use `ssopick list` in scripts.

      Keys:
      \(KeyTable.helpText)

      Exit codes: 0 chosen, 1 nothing matched or chosen, 2 error, 130 cancelled (128+N for \
      signal N).
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

  @Flag(
    name: .long,
    help: "Replace a different profile of the same name; print --export secrets to a terminal.")
  var force = false

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

  func validate() throws {
    let actions = [
      ("--export", export), ("--export-profile", exportProfile),
      ("--write-credentials", writeCredentials != nil), ("--exec", exec),
    ].filter(\.1).map(\.0)
    if actions.count > 1 {
      throw ValidationError("Give only one of \(actions.joined(separator: ", ")).")
    }
    if shell != nil, !export, !exportProfile {
      throw ValidationError("--shell applies only to --export and --export-profile.")
    }
    if exec, command.isEmpty {
      throw ValidationError(
        "Give the command to run after --, e.g. ssopick --exec -- aws sts get-caller-identity")
    }
    if !exec, !command.isEmpty {
      throw ValidationError("A command after -- needs --exec.")
    }
    if let writeCredentials, writeCredentials.isEmpty {
      throw ValidationError("--write-credentials needs a profile name.")
    }
  }

  func run() async throws {
    let outcome = try await PickerRun(command: self, environment: .current).run()
    switch outcome {
    case .printed: return
    case .status(let status): throw ExitCode(status)
    }
  }
}
