import ArgumentParser
import SSOPickCommands
import SessionEngine

/// `ssopick export`: role credentials as shell variables, or in `~/.aws/credentials`, or a
/// profile selected with `AWS_PROFILE`.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Print credentials as shell export lines.",
    discussion: """
      Prints AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, \
      AWS_CREDENTIAL_EXPIRATION, AWS_REGION and AWS_DEFAULT_REGION (when a region is known: \
      --region or the profile's), removes AWS_PROFILE, and sets SSOPICK_ACCOUNT_ID, \
      SSOPICK_ACCOUNT_NAME, SSOPICK_ROLE_NAME, SSOPICK_SESSION and SSOPICK_EXPIRATION for \
      your prompt:

        eval "$(ssopick export --account 210987654321 --role ReadOnlyAccess)"     (sh, bash, zsh)
        ssopick export --account "Acme Prod" --role ReadOnlyAccess | source       (fish)
        ssopick export --profile acme-admin --shell powershell | Invoke-Expression

      The syntax is --shell's, else $SHELL's; with no SHELL but PSModulePath set (Windows), \
      PowerShell. Every value is quoted so that nothing in it can run as a command. When \
      stdout is a terminal, nothing secret is printed unless --force is given.

      --to-credentials NAME writes the keys into ~/.aws/credentials as profile NAME instead \
      (mode 0600, with a comment saying when they expire). --as-profile writes a profile for \
      the role into ~/.aws/config (named by --profile-name or --template, default \
      {account_name}/{role_name}) and prints only AWS_PROFILE=NAME: the SDKs then refresh \
      credentials themselves.

      Credentials cached by the AWS CLI or ssopick are reused while they last at least 45 \
      more minutes. ssopick signs in first (prompting on the terminal) when needed and a \
      terminal is there.
      """
  )

  @OptionGroup var sessionOptions: SessionOptions
  @OptionGroup var roleOptions: RoleOptions
  @OptionGroup var chainOptions: ChainOptions

  @Option(
    name: .long, help: "sh, bash, zsh, fish, powershell (pwsh) or cmd.",
    completion: .list(Shell.acceptedNames))
  var shell: String?

  @Flag(name: .long, help: "Print credentials even when stdout is a terminal.")
  var force = false

  @Option(
    name: .customLong("to-credentials"),
    help: ArgumentHelp(
      "Write the keys into ~/.aws/credentials as this profile.", valueName: "profile"))
  var toCredentials: String?

  @Flag(
    name: .customLong("as-profile"),
    help: "Write a profile for the role to ~/.aws/config and print only AWS_PROFILE.")
  var asProfile = false

  @Option(name: .customLong("profile-name"), help: "With --as-profile: the profile's name.")
  var profileName: String?

  @Option(
    name: .long,
    help: "With --as-profile: how to name the profile (default {account_name}/{role_name}).")
  var template: String?

  @Flag(name: .long, help: "Replace a different profile (or foreign keys) of the same name.")
  var overwrite = false

  func validate() throws {
    if toCredentials != nil, asProfile {
      throw ValidationError("Give --to-credentials or --as-profile, not both.")
    }
    if !asProfile, profileName != nil || template != nil {
      throw ValidationError("--profile-name and --template go with --as-profile.")
    }
    if profileName != nil, template != nil {
      throw ValidationError("Give --profile-name or --template, not both.")
    }
    if let shell, Shell(name: shell) == nil {
      throw OutputError.unsupportedShell(name: shell, fromEnvironment: false)
    }
  }

  func run() async throws {
    let context = CommandContext.live()
    let syntax =
      try shell.flatMap(Shell.init(name:)) ?? Shell.detect(environment: context.environment)
    let action: RoleAction
    if let toCredentials {
      action = .writeCredentials(profile: toCredentials, overwrite: overwrite)
    } else if asProfile {
      let naming: ProfileTarget.Naming =
        try profileName.map { .name($0) }
        ?? .template(ProfileNameTemplate(template ?? ProfileNameTemplate.defaultTemplate))
      action = .writeProfile(
        ProfileTarget(naming: naming, region: roleOptions.region, overwrite: overwrite),
        printAs: syntax)
    } else {
      action = .export(syntax)
    }
    try ExitMapping.finish(
      try await RoleUseCase(
        role: roleOptions.request(sessionOptions), action: action,
        chain: try chainOptions.chain(), force: force,
        commandLine: Self.commandLine(), commandName: "ssopick export",
        verbose: sessionOptions.verbose
      ).run(in: context))
  }
}

extension ExportCommand {
  /// This command line as a person would retype it (arguments quoted where needed).
  static func commandLine() -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@,+")
    let words = CommandLine.arguments.dropFirst().map { word in
      !word.isEmpty && word.allSatisfy(safe.contains) ? word : ShellExport.posixQuoted(word)
    }
    return (["ssopick"] + words).joined(separator: " ")
  }
}
