import Foundation
public import SessionEngine
import Synchronization

/// What to make of a chosen role: the picker's Enter (and Ctrl-O) and the commands `export`,
/// `exec` and `console` are all one of these, performed by ``RoleActions`` — so a rule (the
/// 45-minute reuse, the retries, `--overwrite`, the messages) lives once.
public enum RoleAction: Sendable, Equatable {
  /// Write (or update) the role's profile in `~/.aws/config`; print its name, or with a
  /// shell `export AWS_PROFILE=NAME` in that shell's syntax.
  case writeProfile(ProfileTarget, printAs: Shell?)
  /// Print the credentials as export lines for `shell`.
  case export(Shell)
  /// Write the keys into `~/.aws/credentials` as `[profile]`; print the profile's name.
  /// `awsExpiration` adds aws-azure-login's `aws_expiration` key.
  case writeCredentials(profile: String, overwrite: Bool, awsExpiration: Bool = false)
  /// Become `command` with the credentials in its environment (descriptors open when
  /// `inherited` was taken are passed on).
  case exec(command: [String], inherited: [Int32: CommandLauncher.FileIdentity])
  /// Run `command` as a child with a credentials endpoint that renews the credentials for as
  /// long as it runs (`exec --refresh`, ``RefreshingExec``).
  case execRefreshing(command: [String], inherited: [Int32: CommandLauncher.FileIdentity])
  /// Open the AWS console (or print its sign-in URL).
  case console(ConsoleRequest)

  /// Whether the action works without the role's credentials: a profile (the SDKs fetch
  /// them), the portal's console shortcut (the browser's portal session signs in).
  public func needsNoCredentials(environment: Environment) throws -> Bool {
    switch self {
    case .writeProfile: return true
    case .console(let request): return try request.usesPortal(environment: environment)
    case .export, .writeCredentials, .exec, .execRefreshing: return false
    }
  }
}

/// How a profile is named and written.
public struct ProfileTarget: Sendable, Equatable {
  /// How the name is chosen.
  public enum Naming: Sendable, Equatable {
    /// From a template (`{account_name}/{role_name}`, …).
    case template(ProfileNameTemplate)
    /// Exactly this name.
    case name(String)
  }

  /// How the name is chosen.
  public var naming: Naming
  /// `region =` for the profile; `nil` keeps an existing profile's and gives a new one the
  /// sso-session's (as `aws configure sso` offers).
  public var region: String?
  /// `--overwrite`: replace a different profile of the same name.
  public var overwrite: Bool

  /// The variable that sets the picker's template when `--template` is not given.
  public static let templateVariable = "SSOPICK_PROFILE_TEMPLATE"

  /// `--template`, else `SSOPICK_PROFILE_TEMPLATE`, else `{account_name}/{role_name}`.
  public static func template(flag: String?, environment: Environment) throws
    -> ProfileNameTemplate
  {
    try ProfileNameTemplate(
      flag ?? environment.nonEmpty(templateVariable) ?? ProfileNameTemplate.defaultTemplate)
  }

  /// Creates a target.
  public init(naming: Naming, region: String? = nil, overwrite: Bool = false) {
    self.naming = naming
    self.region = region
    self.overwrite = overwrite
  }
}

/// `console`'s options.
public struct ConsoleRequest: Sendable, Equatable {
  /// A console URL or a path on the console host; `nil` for the console home.
  public var destination: String?
  /// The console session length (900–43200 s), if asked for.
  public var sessionDuration: Int?
  /// Print the sign-in URL on stdout instead of opening a browser.
  public var print: Bool
  /// `--portal` (`true`): the access portal's shortcut (``PortalShortcut``) instead of a
  /// federation sign-in URL — no credentials needed; `--no-portal` (`false`); `nil` (the
  /// picker's Ctrl-O, `console` without either): as `SSOPICK_CONSOLE` says.
  public var portal: Bool?

  /// Creates a request.
  public init(
    destination: String? = nil, sessionDuration: Int? = nil, print: Bool = false,
    portal: Bool? = nil
  ) {
    self.destination = destination
    self.sessionDuration = sessionDuration
    self.print = print
    self.portal = portal
  }

  /// Whether the portal's shortcut is opened: `portal`, else `SSOPICK_CONSOLE`.
  public func usesPortal(environment: Environment) throws -> Bool {
    try portal ?? PortalShortcut.isDefault(environment: environment)
  }
}

/// Why a role action cannot run; checked before anything is fetched or drawn.
public enum RoleActionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `--export` with stdout on a terminal and no `--force`.
  case secretsToTerminal(hint: String)
  /// A profile or a chain asked of credentials that are not an Identity Center role's.
  case needsIdentityCenter
  /// `console --portal` with `--assume` or `--session-duration`, which only a federation
  /// sign-in can do.
  case portalCannot(String)

  /// What to do instead.
  public var description: String {
    switch self {
    case .secretsToTerminal(let hint):
      "Not printing credentials to the terminal (they would only be shown, not set). "
        + "Run: \(hint)   — or add --force to print them anyway."
    case .needsIdentityCenter:
      "Profiles and --assume work from Identity Center roles only; write these credentials "
        + "to ~/.aws/credentials, export them, or run a command with them instead."
    case .portalCannot(let what):
      "The access portal's shortcut (--portal) opens an Identity Center role as it is; it "
        + "cannot \(what). Leave out --portal to sign in with a federation URL instead."
    }
  }
}

/// Performs ``RoleAction``s for one session.
public struct RoleActions: Sendable {
  /// The run's files and connections.
  public let workspace: Workspace
  /// Where an Identity Center role's credentials come from; `nil` when they are always given
  /// (SAML: they come from AssumeRoleWithSAML).
  public let identityCenter: RoleCredentialsService?
  /// The console's region when no `--region` is given.
  private let defaultRegion: String
  /// The config file as read for previews (read once: the picker asks on every move).
  private let preview = ConfigPreview()

  /// Actions over `credentials`' session.
  public init(credentials: RoleCredentialsService) {
    workspace = credentials.workspace
    identityCenter = credentials
    defaultRegion = credentials.session.session.region
  }

  /// Actions on credentials that are always given (``perform`` with `credentials:`), for a
  /// source that is not Identity Center; profiles and chains need Identity Center.
  public init(workspace: Workspace, defaultRegion: String) {
    self.workspace = workspace
    identityCenter = nil
    self.defaultRegion = defaultRegion
  }

  private var console: Console { workspace.console }

  /// The sso-session's name for `SSOPICK_SESSION` (none for a legacy profile or SAML).
  private var sessionName: String? { identityCenter?.session.session.name }

  /// The Identity Center service, or the error for an action that needs one.
  private var credentials: RoleCredentialsService {
    get throws {
      guard let identityCenter else { throw RoleActionError.needsIdentityCenter }
      return identityCenter
    }
  }

  /// Fails early for what cannot work here: secrets to a terminal without `force`, a
  /// console with no browser to open it in (and no `--print`). `command` is the command
  /// line to suggest (`eval "$(COMMAND)"`).
  public static func check(
    _ action: RoleAction, chain: RoleChain = .none, context: CommandContext, force: Bool,
    command: String
  ) throws {
    switch action {
    case .export(let shell):
      if context.terminal.output, !force {
        throw RoleActionError.secretsToTerminal(hint: shell.evalHint(command: command))
      }
    case .console(let request):
      _ = try request.usesPortal(environment: context.environment)
      if !request.print,
        let reason = context.browser.headlessReason(environment: context.environment)
      {
        throw OutputError.noBrowser(reason: reason)
      }
    case .execRefreshing:
      // Renewed unattended: no hop may need an MFA code.
      try chain.checkRenewable()
    case .writeProfile, .writeCredentials, .exec:
      break
    }
  }

  /// The profile name, request and plan for writing `roleName` of `account`.
  public func profilePlan(
    _ target: ProfileTarget, account: AccountInfo, roleName: String,
    document given: ConfigDocument? = nil
  ) throws -> (request: ProfileWriter.Request, plan: ProfileWriter.Plan) {
    let config = workspace.config
    let session = try credentials.session.session
    let name: String
    switch target.naming {
    case .name(let given): name = given
    case .template(let template):
      name = template.name(account: account, roleName: roleName, session: session)
    }
    let document =
      try given ?? ConfigFileStore(path: config.configFile, flavor: .config).load()
    let isNew = document.section(.profile(name)) == nil
    let request = ProfileWriter.Request(
      name: name, session: session, accountID: account.accountID, roleName: roleName,
      region: target.region ?? (isNew ? session.region : nil))
    return (request, ProfileWriter.plan(request, in: document, overwrite: target.overwrite))
  }

  /// What `action` will do for `roleName` of `account`, for the picker's detail line. For
  /// profiles this is the writer's own plan.
  public func describe(_ action: RoleAction, account: AccountInfo, roleName: String) -> String {
    switch action {
    case .export(let shell):
      return "print \(shell) export lines with this role's credentials"
    case .writeCredentials(let profile, _, _):
      return "write this role's keys to [\(profile)] in the credentials file"
    case .exec(let command, _):
      return "run \(command.first ?? "the command") with this role's credentials"
    case .execRefreshing(let command, _):
      return "run \(command.first ?? "the command") with this role's credentials, kept fresh"
    case .console(let request):
      if (try? request.usesPortal(environment: workspace.context.environment)) == true {
        return request.print
          ? "print the access portal's console shortcut" : "open the AWS console (portal)"
      }
      return request.print ? "print a console sign-in URL" : "open the AWS console"
    case .writeProfile(let target, let shell):
      guard let document = preview.document(workspace.config.configFile),
        let (request, plan) = try? profilePlan(
          target, account: account, roleName: roleName, document: document)
      else { return "write a profile (the config file cannot be read)" }
      let name = request.name
      let verb: String
      switch plan {
      case .create: verb = "write profile \(name)"
      case .update, .upToDate: verb = "update profile \(name)"
      case .replace: verb = "replace profile \(name) (--overwrite)"
      case .refuse(let existing, _):
        return "profile \(name) exists (\(existing)); --overwrite replaces it"
      }
      return shell == nil ? verb : verb + " and print AWS_PROFILE"
    }
  }

  /// Performs `action` for `roleName` of `account` (with `region` for exports and the
  /// console). Credentials are fetched through ``RoleCredentialsService`` unless `given`.
  /// Returns the exit status: success, or the launcher's 126/127 when `exec` could not
  /// start the command. `onReady` is called once the action has succeeded as far as
  /// ssopick's part goes — right before the result is printed, the browser opened or the
  /// command started (an `exec` never returns) — and never when it failed.
  public func perform(
    _ action: RoleAction, account: AccountInfo, roleName: String, region: String?,
    credentials given: RoleCredentials? = nil, chain: RoleChain = .none,
    onReady: () -> Void = {}
  ) async throws -> ExitStatus {
    if case .writeProfile(let target, let shell) = action, !chain.isEmpty {
      return try await writeChainedProfile(
        target, printAs: shell, account: account, roleName: roleName, region: region,
        chain: chain, onReady: onReady)
    }
    // The role the action is for: the chosen one, or the last of the chain assumed from it.
    var account = account
    var roleName = roleName
    let service = identityCenter
    func roleCredentials() async throws -> RoleCredentials {
      let (accountID, name) = (account.accountID, roleName)
      if chain.isEmpty, let given { return given }
      guard let service else { throw RoleActionError.needsIdentityCenter }
      guard !chain.isEmpty else {
        return try await service.credentials(accountID: accountID, roleName: name)
      }
      let chained = try await RoleChainer.assume(
        chain, from: service, accountID: accountID, roleName: name, region: region,
        given: given)
      account = chained.account
      roleName = chained.roleName
      return chained.credentials
    }
    switch action {
    case .writeProfile(let target, let shell):
      let (request, _) = try profilePlan(target, account: account, roleName: roleName)
      let result = try await ProfileWriter(
        configFile: workspace.config.configFile, timeSource: workspace.context.time
      ).write(request, overwrite: target.overwrite)
      ProfileReport.say(result, on: console)
      onReady()
      if let shell {
        console.print(
          try ShellExport.profile(
            result.name, account: account, roleName: roleName, session: sessionName
          ).render(for: shell))
      } else {
        console.print(result.name + "\n")
      }
      return .success
    case .export(let shell):
      let keys = try await roleCredentials()
      let export = ShellExport.credentials(
        keys, account: account, roleName: roleName, region: region, session: sessionName)
      let text = try export.render(for: shell)
      onReady()
      console.print(text)
      return .success
    case .writeCredentials(let profile, let overwrite, let awsExpiration):
      let keys = try await roleCredentials()
      let file = workspace.config.credentialsFile
      let result = try await CredentialsFileWriter(
        credentialsFile: file, timeSource: workspace.context.time
      ).write(
        keys, profile: profile, roleName: roleName, overwrite: overwrite,
        expirationKey: awsExpiration)
      if result.tightenedMode { console.say("Made \(file) private (mode 0600).") }
      console.say(
        "Wrote credentials for \(Self.label(account)) / "
          + "\(untrusted: roleName) to [\(untrusted: profile)] in \(file); they expire at "
          + "\(AWSTimestamp.format(keys.expiration)).")
      onReady()
      console.print(profile + "\n")
      return .success
    case .exec(let command, let inherited):
      let keys = try await roleCredentials()
      let export = ShellExport.credentials(
        keys, account: account, roleName: roleName, region: region, session: sessionName)
      let environment = CommandLauncher.environment(
        base: workspace.context.environment.variables, applying: export)
      guard let name = command.first else { return .error }
      let failure: CommandLauncher.Failure
      switch CommandLauncher.resolve(name, searchPath: environment["PATH"]) {
      case .success(let path):
        onReady()
        failure = await workspace.context.launcher.replaceProcess(
          path: path, arguments: command, environment: environment, inherited: inherited)
      case .failure(let notFound):
        failure = notFound
      }
      console.say(failure.description)
      return ExitStatus(rawValue: failure.exitStatus)
    case .execRefreshing(let command, let inherited):
      let (baseAccount, baseRole) = (account.accountID, roleName)
      _ = try await roleCredentials()  // now, so a sign-in or a wrong role stops it here
      let service = try credentials
      let feed = EndpointFeed.renewing(
        workspace: workspace, session: service.session, accountID: baseAccount,
        roleName: baseRole, chain: chain, region: region, command: "ssopick exec")
      return try await RefreshingExec(workspace: workspace, feed: feed).run(
        command, inherited: inherited, account: account, roleName: roleName, region: region,
        session: sessionName, onReady: onReady)
    case .console(let request):
      let signIn = try ConsoleSignIn(
        ssoRegion: defaultRegion, region: region,
        environment: workspace.context.environment, transport: workspace.transport())
      let url: String
      if try request.usesPortal(environment: workspace.context.environment) {
        guard let service else { throw RoleActionError.needsIdentityCenter }
        guard chain.isEmpty else { throw RoleActionError.portalCannot("assume further roles") }
        guard request.sessionDuration == nil else {
          throw RoleActionError.portalCannot("set the console session's length")
        }
        url = PortalShortcut.url(
          startURL: service.session.session.startURL, accountID: account.accountID,
          roleName: roleName,
          destination: try request.destination.map { try signIn.destination($0) })
      } else {
        let destination = try signIn.destination(request.destination)
        url = try await signIn.signInURL(
          try await roleCredentials(), destination: destination,
          sessionDuration: request.sessionDuration)
      }
      if request.print {
        onReady()
        console.print(url + "\n")
        return .success
      }
      let context = workspace.context
      guard await context.browser.open(url, environment: context.environment) else {
        throw OutputError.noBrowser(reason: nil)
      }
      onReady()
      console.say(
        "Opened the AWS console for \(Self.label(account)) "
          + "as \(untrusted: roleName) in your browser.")
      return .success
    }
  }

  /// "Acme Prod (210987654321)", or the id alone when it is the only name known.
  static func label(_ account: AccountInfo) -> String {
    account.accountName == account.accountID
      ? account.accountID : "\(UntrustedText.escaped(account.accountName)) (\(account.accountID))"
  }

  /// The profile form of a chain: the Identity Center role's profile (an existing one for it
  /// is reused, else one is written, named by the default template), then one assume-role
  /// profile per hop, each with the one before as `source_profile`; the last is named by
  /// `target` and printed. The SDKs then chain by themselves.
  private func writeChainedProfile(
    _ target: ProfileTarget, printAs shell: Shell?, account: AccountInfo, roleName: String,
    region: String?, chain: RoleChain, onReady: () -> Void
  ) async throws -> ExitStatus {
    let config = workspace.config
    let writer = ProfileWriter(configFile: config.configFile, timeSource: workspace.context.time)
    let credentials = try credentials
    let session = credentials.session.session
    let document = try ConfigFileStore(path: config.configFile, flavor: .config).load()
    var source: String
    if let existing = Self.existingProfile(
      in: document, session: session, accountID: account.accountID, roleName: roleName)
    {
      source = existing
    } else {
      let base = ProfileTarget(naming: .template(try ProfileNameTemplate()), region: region)
      let (request, _) = try profilePlan(base, account: account, roleName: roleName)
      source = try await writer.write(request, overwrite: false).name
    }
    let chainer = RoleChainer(workspace: workspace, session: credentials.session, region: region)
    var last: ProfileWriter.Result?
    var lastAccount = account
    for (index, step) in chain.steps.enumerated() {
      let stepAccount = chainer.account(step.accountID)
      let isLast = index == chain.steps.count - 1
      let name: String
      switch (isLast, target.naming) {
      case (true, .name(let given)): name = given
      case (true, .template(let template)), (false, .template(let template)):
        name = template.name(account: stepAccount, roleName: step.roleName, session: session)
      case (false, .name):
        name = try ProfileNameTemplate().name(
          account: stepAccount, roleName: step.roleName, session: session)
      }
      let request = ProfileWriter.ChainedRequest(
        name: name, roleARN: step.roleARN, sourceProfile: source, externalID: step.externalID,
        roleSessionName: step.sessionName, durationSeconds: step.durationSeconds,
        mfaSerial: step.mfaSerial, region: target.region ?? region)
      let result = try await writer.write(request, overwrite: isLast && target.overwrite)
      ProfileReport.say(result, on: console)
      source = result.name
      last = result
      lastAccount = stepAccount
    }
    guard let last, let step = chain.steps.last else { return .error }
    onReady()
    if let shell {
      console.print(
        try ShellExport.profile(
          last.name, account: lastAccount, roleName: step.roleName, session: sessionName
        ).render(for: shell))
    } else {
      console.print(last.name + "\n")
    }
    return .success
  }

  /// The name of a profile in `document` that already is `roleName` of `accountID` in
  /// `session` (and gets credentials no other way), if there is one.
  static func existingProfile(
    in document: ConfigDocument, session: SSOSession, accountID: String, roleName: String
  ) -> String? {
    for section in document.sections {
      guard case .profile(let name) = section.name else { continue }
      let request = ProfileWriter.Request(
        name: name, session: session, accountID: accountID, roleName: roleName, region: nil)
      if !section.entries.isEmpty, request.conflict(with: section) == nil { return name }
    }
    return nil
  }
}

/// Says on stderr what a profile write did.
public enum ProfileReport {
  /// "Created profile …", "Updated …", or "… is up to date".
  public static func say(_ result: ProfileWriter.Result, on console: Console) {
    say(name: result.name, change: result.change, file: result.file, on: console)
  }

  /// The same for a profile `name` in `file` that `change` describes.
  public static func say(name: String, change: ConfigChange, file: String, on console: Console) {
    let name = UntrustedText.escaped(name)
    if change.createdSection {
      console.say("Created profile \(name) in \(file).")
    } else if change.isEmpty {
      console.say("Profile \(name) in \(file) is up to date.")
    } else {
      let keys = (change.changedKeys + change.addedKeys + change.removedKeys).joined(
        separator: ", ")
      console.say("Updated profile \(name) in \(file) (\(keys)).")
    }
  }
}

/// The config document read once, for previews.
private final class ConfigPreview: Sendable {
  private let loaded = Mutex<ConfigDocument??>(nil)

  func document(_ path: String) -> ConfigDocument? {
    loaded.withLock { loaded in
      if let loaded { return loaded }
      let document = try? ConfigFileStore(path: path, flavor: .config).load()
      loaded = .some(document)
      return document
    }
  }
}
