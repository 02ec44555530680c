public import Foundation
import PickerCore
import SessionEngine

/// `ssopick saml login`: one sign-in at the IdP (the user's own browser, or a pasted or filed
/// assertion), a role from the assertion (`--role`, the profile's default with `--no-prompt`,
/// or the picker), STS AssumeRoleWithSAML, and then what the output flag says — by default the
/// credentials in `~/.aws/credentials` under the profile's name, as aws-azure-login writes
/// them (with `aws_expiration`), and the profile's name on stdout. The same keys, exit codes
/// and `--force`/`--overwrite` rules as the SSO picker: the outputs are ``RoleActions``.
public struct SAMLLoginUseCase: Sendable {
  /// The options.
  public struct Request: Sendable, Equatable {
    /// The SAML profile (`[profile NAME]` with aws-azure-login's keys).
    public var profile: String
    /// Where the assertion comes from.
    public var origin: SAMLAssertionOrigin
    /// `--role ARN`: take this role (it must be in the assertion).
    public var role: String?
    /// `--no-prompt`: the profile's default role, no picker.
    public var noPrompt: Bool
    /// `--query`.
    public var query: String
    /// `--select-1`.
    public var selectOne: Bool
    /// `--duration-hours` (else `azure_default_duration_hours`).
    public var durationHours: Int?
    /// What to do with the credentials; `nil`: write them under the profile's name.
    public var action: RoleAction?
    /// `--force`: let `--export` print secrets to a terminal.
    public var force: Bool
    /// `--overwrite`: replace long-term keys of the same name.
    public var overwrite: Bool
    /// `--region` (else the profile's).
    public var region: String?
    /// `--all-profiles`: every SAML profile of the same sign-in with fewer than 11 minutes
    /// left, refreshed with its default role from the one assertion.
    public var allProfiles: Bool

    /// Creates a request.
    public init(
      profile: String, origin: SAMLAssertionOrigin = .profile, role: String? = nil,
      noPrompt: Bool = false, query: String = "", selectOne: Bool = false,
      durationHours: Int? = nil, action: RoleAction? = nil, force: Bool = false,
      overwrite: Bool = false, region: String? = nil, allProfiles: Bool = false
    ) {
      self.profile = profile
      self.origin = origin
      self.role = role
      self.noPrompt = noPrompt
      self.query = query
      self.selectOne = selectOne
      self.durationHours = durationHours
      self.action = action
      self.force = force
      self.overwrite = overwrite
      self.region = region
      self.allProfiles = allProfiles
    }
  }

  /// The options.
  public var request: Request

  /// Creates the use case.
  public init(_ request: Request) {
    self.request = request
  }

  /// Profiles with at least this long left are not refreshed by `--all-profiles`
  /// (aws-azure-login's rule).
  public static let refreshWindow: TimeInterval = 11 * 60

  /// Signs in, chooses, assumes, outputs. Exit status: the action's (0), 1 nothing chosen,
  /// 130 cancelled.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let action =
      request.action
      ?? .writeCredentials(
        profile: request.profile, overwrite: request.overwrite, awsExpiration: true)
    try RoleActions.check(
      action, context: context, force: request.force, command: "ssopick saml login --export")
    let workspace = try Workspace(context)
    let profile = try workspace.config.samlProfile(
      named: request.profile, environment: context.environment)
    for warning in profile.warnings { context.console.say("Warning: \(warning)") }
    let response = try await SAMLSignIn(workspace: workspace, profile: profile).response(
      request.origin)
    if let warning = response.roleWarning { context.console.say("Warning: \(warning)") }
    let roles = try response.roleChoices(profile: profile)
    let names = AccountNames(workspace: workspace)
    if request.allProfiles {
      return try await refreshAll(
        from: response, roles: roles, profile: profile, workspace: workspace)
    }
    let choice = try await choose(
      from: roles, response: response, profile: profile, names: names, workspace: workspace)
    guard case .role(let role, let console) = choice else {
      if case .nothing(let status) = choice { return status }
      return .nothing
    }
    let assumer = SAMLAssumer(workspace: workspace, profile: profile, region: request.region)
    let credentials = try await assumer.assume(
      role, response: response, requestedHours: request.durationHours)
    try await workspace.roleCredentialCache.store(
      credentials,
      for: .saml(profile: profile.name, accountID: role.accountID, roleARN: role.roleARN))
    let actions = RoleActions(
      workspace: workspace, defaultRegion: assumer.region(for: role) ?? "us-east-1")
    let recents = Self.recents(workspace: workspace, profile: profile)
    return try await actions.perform(
      console ? .console(ConsoleRequest()) : action, account: names.account(role.accountID),
      roleName: role.roleName,
      region: request.region ?? profile.region, credentials: credentials,
      onReady: {
        try? recents.record(
          PickerChoice(account: names.account(role.accountID), roleName: role.roleName),
          at: context.time.now)
      })
  }

  /// What the choice came to.
  private enum Choice {
    /// This role (with `console`: Ctrl-O, open the console whatever the output).
    case role(SAMLRole, console: Bool)
    /// Nothing: exit with this status.
    case nothing(ExitStatus)
  }

  /// The role: `--role`, the default with `--no-prompt` (or without a terminal), the only one
  /// with `--select-1`, else the picker's choice (`nil` when nothing was chosen).
  private func choose(
    from roles: [SAMLRole], response: SAMLResponse, profile: SAMLProfile,
    names: AccountNames, workspace: Workspace
  ) async throws -> Choice {
    let context = workspace.context
    if let arn = request.role {
      return .role(try SAMLResponse.role(arn, in: roles), console: false)
    }
    let defaultRole = profile.defaultRoleARNs.lazy.compactMap { arn in
      roles.first { $0.roleARN == arn }
    }.first
    if request.noPrompt {
      guard let defaultRole else { throw SAMLCommandError.noDefaultRole(profile.name) }
      return .role(defaultRole, console: false)
    }
    if (try? context.pickerTerminal.checkAvailable()) == nil {
      if let defaultRole { return .role(defaultRole, console: false) }
      if roles.count == 1, let only = roles.first { return .role(only, console: false) }
      try context.pickerTerminal.checkAvailable()
    }
    return try await pick(
      from: roles, response: response, profile: profile, names: names, defaultRole: defaultRole,
      workspace: workspace)
  }

  private func pick(
    from roles: [SAMLRole], response: SAMLResponse, profile: SAMLProfile,
    names: AccountNames, defaultRole: SAMLRole?, workspace: Workspace
  ) async throws -> Choice {
    let context = workspace.context
    let recents = Self.recents(workspace: workspace, profile: profile)
    var remembered = recents.load()
    if let defaultRole {
      // The default role is the pre-selected row: ranked first.
      remembered.insert(
        RecentChoices.Entry(
          accountID: defaultRole.accountID, roleName: defaultRole.roleName,
          chosenAt: context.time.now), at: 0)
    }
    let catalog = names.catalog(roles, at: context.time.now)
    let action = request.action
    let profileName = profile.name
    let configuration = PickerConfiguration(
      sessionName: "SAML " + profile.name, initialQuery: request.query,
      selectOne: request.selectOne,
      describeChoice: { choice in
        let arn =
          roles.first {
            $0.accountID == choice.account.accountID && $0.roleName == choice.roleName
          }?.roleARN ?? choice.roleName
        let then: String
        switch action {
        case .none: then = "write the keys to [\(profileName)] in the credentials file"
        case .export(let shell)?: then = "print \(shell) export lines"
        case .exec(let command, _)?, .execRefreshing(let command, _)?:
          then = "run \(command.first ?? "the command")"
        case .writeCredentials(let name, _, _)?: then = "write the keys to [\(name)]"
        case .console?: then = "open the AWS console"
        case .writeProfile?: then = "write a profile"
        }
        return "assume \(arn), then \(then)"
      })
    let model = PickerModel(
      configuration: configuration, size: TerminalSize(rows: 24, columns: 80),
      now: context.time.now, recents: RecentRanks(remembered))
    let expiry = response.notOnOrAfter
    let outcome = try await context.runPicker(
      model, feeds: [FixedCatalogFeed(catalog: catalog)],
      loginStatus: { _ in PickerProgram.LoginStatus(expiresAt: expiry, renewable: false) }
    ).outcome
    switch outcome {
    case .chosen(let choice):
      guard
        let role = roles.first(where: {
          $0.accountID == choice.account.accountID && $0.roleName == choice.roleName
        })
      else { return .nothing(.nothing) }
      // Ctrl-O opens the console with the chosen role, whatever the output.
      return .role(role, console: choice.intent == .console)
    case .nothingChosen, .cancelled, .interrupted:
      return .nothing(ExitStatus(rawValue: outcome.exitStatus))
    case .signIn:
      // Ctrl-L once the assertion has expired: a new one needs a new `saml login`.
      context.console.say("The SAML sign-in has ended; run the command again to sign in.")
      return .nothing(.cancelled)
    }
  }

  /// `--all-profiles`: every SAML profile sharing `profile`'s sign-in whose credentials have
  /// fewer than 11 minutes left is refreshed with its default role; the refreshed profiles'
  /// names are printed.
  private func refreshAll(
    from response: SAMLResponse, roles: [SAMLRole], profile: SAMLProfile, workspace: Workspace
  ) async throws -> ExitStatus {
    let context = workspace.context
    let config = workspace.config
    let document = try ConfigFileStore(path: config.credentialsFile, flavor: .credentials).load()
    var failed = false
    for name in config.samlProfileNames.sorted() {
      guard
        let other = try? config.samlProfile(named: name, environment: context.environment),
        other.sharesSignIn(with: profile)
      else { continue }
      let left = Self.expiry(of: name, in: document).map { $0.timeIntervalSince(context.time.now) }
      if let left, left >= Self.refreshWindow {
        context.console.say(
          "\(untrusted: name): still valid for \(StatusReport.duration(left)); not refreshed.")
        continue
      }
      guard
        let role = other.defaultRoleARNs.lazy.compactMap({ arn in
          roles.first { $0.roleARN == arn }
        }).first
      else {
        context.console.say(
          "\(untrusted: name): skipped — its azure_default_role_arn is not among the roles of "
            + "this sign-in.")
        failed = true
        continue
      }
      let assumer = SAMLAssumer(workspace: workspace, profile: other, region: nil)
      let credentials = try await assumer.assume(
        role, response: response, requestedHours: request.durationHours)
      _ = try await CredentialsFileWriter(
        credentialsFile: config.credentialsFile, timeSource: context.time
      ).write(
        credentials, profile: name, roleName: role.roleName, overwrite: request.overwrite,
        expirationKey: true)
      try await workspace.roleCredentialCache.store(
        credentials, for: .saml(profile: name, accountID: role.accountID, roleARN: role.roleARN))
      context.console.say(
        "\(untrusted: name): \(untrusted: role.roleARN) until "
          + "\(AWSTimestamp.format(credentials.expiration)).")
      context.console.print(name + "\n")
    }
    return failed ? .error : .success
  }

  /// `aws_expiration` of `[profile]` in the credentials file, if it has one.
  static func expiry(of profile: String, in document: ConfigDocument) -> Date? {
    document.section(.profile(profile))?.value("aws_expiration")?.string.flatMap(
      AWSTimestamp.parse)
  }

  /// The profile's recent choices (per profile, beside the SSO sessions' folders).
  static func recents(workspace: Workspace, profile: SAMLProfile) -> RecentChoices {
    RecentChoices(
      path: workspace.directories.ssopickCache + "/saml/"
        + CacheKey.sha1Hex(profile.name + "\n" + profile.idpURL) + "/recent.json")
  }
}

/// STS AssumeRoleWithSAML for one profile's roles, at the regional endpoint of the profile's
/// region (the partition's from the provider ARN when there is none), with `DurationSeconds`
/// capped by the assertion; on "exceeds the MaxSessionDuration" it retries once at 1 hour
/// and says so.
struct SAMLAssumer: Sendable {
  let workspace: Workspace
  let profile: SAMLProfile
  let region: String?

  /// The region for `role`: `--region`, the profile's, else the partition's own (`nil`: the
  /// global endpoint of the `aws` partition).
  func region(for role: SAMLRole) -> String? {
    if let region = region ?? profile.region { return region }
    switch role.partition {
    case "aws-cn": return "cn-north-1"
    case "aws-us-gov": return "us-gov-west-1"
    case "aws-iso": return "us-iso-east-1"
    case "aws-iso-b": return "us-isob-east-1"
    default: return nil
    }
  }

  func assume(_ role: SAMLRole, response: SAMLResponse, requestedHours: Int?) async throws
    -> RoleCredentials
  {
    let context = workspace.context
    let resolver = EndpointResolver(
      environment: context.environment, profile: profile.section, config: workspace.config)
    let sts = STSClient(
      endpoint: try resolver.stsEndpoint(region: region(for: role)),
      transport: workspace.transport(), time: context.time, retry: context.retry,
      jitter: context.jitter)
    let seconds = SAMLSessionDuration.durationSeconds(
      requestedHours: requestedHours, profile: profile, response: response, now: context.time.now)
    func attempt(_ seconds: Int?) async throws -> SAMLAssumedRole {
      try await sts.assumeRoleWithSAML(
        AssumeRoleWithSAMLRequest(
          roleARN: role.roleARN, principalARN: role.principalARN, samlAssertion: response.encoded,
          durationSeconds: seconds))
    }
    let assumed: SAMLAssumedRole
    do {
      assumed = try await attempt(seconds)
    } catch {
      guard let retry = SAMLSessionDuration.retrySeconds(after: error, requested: seconds) else {
        throw error
      }
      context.console.say(
        "The role's maximum session is shorter than \((seconds ?? 0) / 3600) h; "
          + "assuming it for \(retry / 3600) h instead.")
      assumed = try await attempt(retry)
    }
    let keys = assumed.role.credentials
    guard let token = keys.sessionToken, let expiration = keys.expiration else {
      throw STSError.malformedResponse(
        operation: "AssumeRoleWithSAML", reason: "the credentials have no session token or expiry")
    }
    return RoleCredentials(
      accessKeyID: keys.accessKeyID, secretAccessKey: keys.secretAccessKey, sessionToken: token,
      expiration: expiration, accountID: role.accountID)
  }
}
