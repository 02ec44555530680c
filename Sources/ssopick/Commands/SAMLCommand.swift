import ArgumentParser
import SSOPickCommands
import SessionEngine

/// `ssopick saml …`: the Entra ID per-account gallery app (SAML to AWS, no Identity Center).
struct SAMLCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "saml",
    abstract: "Sign in with SAML (Entra ID's AWS gallery app) and pick a role.",
    discussion: """
      For companies that federate Entra ID (Azure AD) straight into each AWS account with the \
      "AWS Single-Account Access" gallery app. Your own browser does the sign-in, so MFA and \
      Conditional Access just work; nothing scrapes Microsoft's pages. Profiles written by \
      aws-azure-login work as they are.

        ssopick saml configure --profile work --tenant TENANT --app-id-uri 'https://signin.aws.amazon.com/saml#2'
        ssopick saml login --profile work
        eval "$(ssopick saml login --profile work --export)"
      """,
    subcommands: [
      SAMLLoginCommand.self, SAMLConfigureCommand.self, SAMLCredentialProcessCommand.self,
    ]
  )
}

/// `ssopick saml login`.
struct SAMLLoginCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "login",
    abstract: "Get a SAML assertion, pick a role, assume it.",
    discussion: """
      Gets an assertion — in the browser with a loopback answer (saml_assertion_source = \
      loopback, the default), pasted (paste), or from --assertion-file F (- for stdin: raw \
      base64, a URL-encoded form body or the XML) — lets you pick one of its roles (or takes \
      --role, or with --no-prompt the profile's azure_default_role_arn), assumes it with STS \
      AssumeRoleWithSAML and by default writes the credentials into ~/.aws/credentials under \
      the profile's name (with aws_expiration, as aws-azure-login does) and prints that name. \
      --export, --exec and --write-credentials do what they do in the picker; Ctrl-O opens the \
      console.

      --all-profiles: one sign-in, then every SAML profile of the same tenant and app whose \
      credentials have fewer than 11 minutes left is refreshed with its default role.

      Exit codes: 0 done, 1 nothing chosen, 2 error, 130 cancelled.
      """
  )

  @Option(name: .long, help: "The SAML profile.")
  var profile: String

  @Option(
    name: .customLong("assertion-file"),
    help: ArgumentHelp("Read the SAMLResponse from this file (- for stdin).", valueName: "file"))
  var assertionFile: String?

  @Option(name: .long, help: "Assume this role (its ARN); it must be in the assertion.")
  var role: String?

  @Flag(name: .customLong("no-prompt"), help: "Take the profile's azure_default_role_arn.")
  var noPrompt = false

  @Option(name: [.customShort("q"), .long], help: "Start the picker with this query.")
  var query: String?

  @Flag(name: .customLong("select-1"), help: "Choose at once when exactly one row matches.")
  var selectOne = false

  @Option(name: .customLong("duration-hours"), help: "How long the credentials last (1-12).")
  var durationHours: Int?

  @Flag(name: .long, help: "Print shell export lines with the credentials.")
  var export = false

  @Option(name: .long, help: "The syntax of --export: sh, bash, zsh, fish, powershell or cmd.")
  var shell: String?

  @Option(
    name: .customLong("write-credentials"),
    help: ArgumentHelp(
      "Write the keys to [PROFILE] instead of the profile's own name.", valueName: "PROFILE"))
  var writeCredentials: String?

  @Flag(name: .long, help: "Run the command given after -- with the credentials.")
  var exec = false

  @Flag(name: .long, help: "Open the AWS console as the role (with --print: print its URL).")
  var console = false

  @Flag(name: .long, help: "With --console: print the sign-in URL instead of opening it.")
  var print = false

  @Argument(
    parsing: .postTerminator, help: ArgumentHelp("With --exec: the command.", valueName: "command"))
  var command: [String] = []

  @Flag(name: .long, help: "With --export: print the credentials even to a terminal.")
  var force = false

  @Flag(name: .long, help: "Replace long-term keys of the same name in ~/.aws/credentials.")
  var overwrite = false

  @Option(name: .long, help: "The region for STS and the console (else the profile's).")
  var region: String?

  @Flag(name: .customLong("all-profiles"), help: "Refresh every SAML profile of this sign-in.")
  var allProfiles = false

  func validate() throws {
    let outputs = [
      ("--export", export), ("--exec", exec), ("--write-credentials", writeCredentials != nil),
      ("--console", console),
    ]
    .filter(\.1).map(\.0)
    if outputs.count > 1 {
      throw ValidationError("Give only one of \(outputs.joined(separator: ", ")).")
    }
    if exec, command.isEmpty { throw ValidationError("Give the command to run after --.") }
    if !exec, !command.isEmpty { throw ValidationError("A command after -- needs --exec.") }
    if role != nil, noPrompt { throw ValidationError("Give --role or --no-prompt, not both.") }
    if print, !console { throw ValidationError("--print goes with --console.") }
    if let durationHours, !(1...12).contains(durationHours) {
      throw ValidationError("--duration-hours must be 1-12, got \(durationHours).")
    }
    if allProfiles, !outputs.isEmpty || role != nil {
      throw ValidationError(
        "--all-profiles writes each profile's own credentials; no output options.")
    }
  }

  func run() async throws {
    let context = CommandContext.live()
    let inherited = exec ? context.launcher.descriptorSnapshot() : [:]
    var action: RoleAction?
    if export {
      action = .export(
        try shell.map {
          guard let parsed = Shell(name: $0) else {
            throw OutputError.unsupportedShell(name: $0, fromEnvironment: false)
          }
          return parsed
        } ?? Shell.detect(environment: context.environment))
    } else if exec {
      action = .exec(command: command, inherited: inherited)
    } else if console {
      action = .console(ConsoleRequest(print: print))
    } else if let writeCredentials {
      action = .writeCredentials(
        profile: writeCredentials, overwrite: overwrite, awsExpiration: true)
    }
    try ExitMapping.finish(
      try await SAMLLoginUseCase(
        .init(
          profile: profile, origin: assertionFile.map { .file($0) } ?? .profile, role: role,
          noPrompt: noPrompt, query: query ?? "", selectOne: selectOne,
          durationHours: durationHours, action: action, force: force, overwrite: overwrite,
          region: region, allProfiles: allProfiles)
      ).run(in: context))
  }
}

/// `ssopick saml configure`.
struct SAMLConfigureCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "configure",
    abstract: "Write a SAML profile (aws-azure-login's keys) into ~/.aws/config.",
    discussion: """
      Writes azure_tenant_id, azure_app_id_uri, azure_default_username, \
      azure_default_role_arn, azure_default_duration_hours and region (the keys \
      aws-azure-login reads), plus saml_idp_url (default \
      https://login.microsoftonline.com/TENANT/saml2) and saml_assertion_source (loopback or \
      paste). The rest of the file is kept byte for byte.
      """
  )

  @Option(name: .long, help: "The profile's name.")
  var profile: String

  @Option(name: .long, help: "The Entra tenant id (or domain).")
  var tenant: String

  @Option(name: .customLong("app-id-uri"), help: "The app's identifier URI (keep any #N).")
  var appIDURI: String

  @Option(name: .long, help: "The sign-in hint (azure_default_username).")
  var username: String?

  @Option(name: .customLong("default-role"), help: "The role taken by --no-prompt.")
  var defaultRole: String?

  @Option(name: .customLong("duration-hours"), help: "How long credentials last (1-12).")
  var durationHours: Int?

  @Option(name: .long, help: "The profile's region (also the STS endpoint's).")
  var region: String?

  @Option(name: .customLong("idp-url"), help: "The IdP's SAML endpoint (saml_idp_url).")
  var idpURL: String?

  @Option(name: .customLong("assertion-source"), help: "loopback (default) or paste.")
  var assertionSource: String?

  @Option(
    name: .customLong("principal-arn"),
    help: "The SAML provider's ARN (saml_principal_arn), needed with encrypted assertions.")
  var principalARN: String?

  @Flag(name: .long, help: "Take over a profile of the same name that is not a SAML profile.")
  var overwrite = false

  func run() async throws {
    var source: SAMLProfile.AssertionSource?
    if let assertionSource {
      guard let parsed = SAMLProfile.AssertionSource(rawValue: assertionSource) else {
        throw ValidationError("--assertion-source must be loopback or paste.")
      }
      source = parsed
    }
    try ExitMapping.finish(
      try await SAMLConfigureUseCase(
        SAMLProfileWriter.Request(
          name: profile, tenantID: tenant, appIDURI: appIDURI, username: username,
          defaultRoleARN: defaultRole, durationHours: durationHours, region: region,
          idpURL: idpURL, assertionSource: source, principalARN: principalARN),
        overwrite: overwrite
      ).run(in: .live()))
  }
}

/// `ssopick saml credential-process`.
struct SAMLCredentialProcessCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "credential-process",
    abstract: "Print a SAML role's credentials for credential_process.",
    discussion: """
      For a profile in ~/.aws/config:

        [profile work-admin]
        credential_process = ssopick saml credential-process --profile work

      Answers from the credentials `ssopick saml login` cached (reused until 15 minutes before \
      they expire). Without valid ones it fails saying to run `ssopick saml login`, and never \
      opens a browser unless --allow-login is given.
      """
  )

  @Option(name: .long, help: "The SAML profile.")
  var profile: String

  @Option(name: .long, help: "The role (else the profile's azure_default_role_arn).")
  var role: String?

  @Flag(name: .customLong("allow-login"), help: "Sign in in the browser when needed.")
  var allowLogin = false

  func run() async throws {
    try ExitMapping.finish(
      try await SAMLCredentialProcessUseCase(profile: profile, role: role, allowLogin: allowLogin)
        .run(in: .live()))
  }
}
