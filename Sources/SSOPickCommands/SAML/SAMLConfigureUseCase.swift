public import SessionEngine

/// `ssopick saml configure`: writes a SAML profile's keys — aws-azure-login's, plus
/// `saml_idp_url` and `saml_assertion_source` — losslessly, and says what changed.
public struct SAMLConfigureUseCase: Sendable {
  /// What to write.
  public var request: SAMLProfileWriter.Request
  /// `--overwrite`: take over a profile of the same name that is not a SAML profile.
  public var overwrite: Bool

  /// Creates the use case.
  public init(_ request: SAMLProfileWriter.Request, overwrite: Bool = false) {
    self.request = request
    self.overwrite = overwrite
  }

  /// Writes the profile.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let workspace = try Workspace(context)
    let result = try await SAMLProfileWriter(
      configFile: workspace.config.configFile, timeSource: context.time
    ).write(request, overwrite: overwrite)
    ProfileReport.say(
      name: result.name, change: result.change, file: result.file, on: context.console)
    return .success
  }
}

/// `ssopick saml credential-process --profile P`: the Version 1 JSON for `credential_process`
/// from the SAML credentials cached by `ssopick saml login` (0600, reused until 15 minutes
/// before they expire). Without valid ones it fails with what to run, and never opens a
/// browser unless `--allow-login` (then it signs in and takes the profile's default role).
public struct SAMLCredentialProcessUseCase: Sendable {
  /// The SAML profile.
  public var profile: String
  /// `--role ARN` (else the profile's `azure_default_role_arn`).
  public var role: String?
  /// `--allow-login`.
  public var allowLogin: Bool

  /// Creates the use case.
  public init(profile: String, role: String? = nil, allowLogin: Bool = false) {
    self.profile = profile
    self.role = role
    self.allowLogin = allowLogin
  }

  /// Prints the JSON.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let workspace = try Workspace(context)
    let profile = try workspace.config.samlProfile(
      named: self.profile, environment: context.environment)
    guard let roleARN = role ?? profile.defaultRoleARNs.first else {
      throw SAMLCommandError.noDefaultRole(profile.name)
    }
    let accountID = AssumeStep(roleARN: roleARN).accountID
    let key = RoleCredentialCache.Key.saml(
      profile: profile.name, accountID: accountID, roleARN: roleARN)
    let cache = workspace.roleCredentialCache
    if let hit = cache.cached(key) {
      context.console.print(CredentialProcessOutput.render(hit))
      return .success
    }
    guard allowLogin else { throw SAMLCommandError.signInNeeded(profile.name) }
    let credentials = try await cache.credentials(for: key) {
      let response = try await SAMLSignIn(workspace: workspace, profile: profile).response(
        .profile)
      let chosen = try SAMLResponse.role(roleARN, in: try response.roleChoices(profile: profile))
      return try await SAMLAssumer(workspace: workspace, profile: profile, region: nil).assume(
        chosen, response: response, requestedHours: nil)
    }
    context.console.print(CredentialProcessOutput.render(credentials))
    return .success
  }
}
