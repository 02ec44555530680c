import Foundation
public import SessionEngine

/// Credentials found somewhere, and where.
public struct FoundCredentials: Sendable {
  /// The credentials.
  public var credentials: AWSCredentials
  /// Where they came from, for people: "the environment", "profile acme (Identity Center
  /// role, cached)", …
  public var source: String
  /// The `source` member of `whoami --json`: `environment` or `profile`.
  public var kind: String
  /// The profile they came from, if any.
  public var profile: String?
  /// The Identity Center role they are, when they are one (chains from them are cached).
  public var role: (key: RoleCredentialCache.Key, session: SessionContext)?
  /// The config section that decides STS endpoints (the profile's).
  public var section: ConfigSection?
}

/// Where credentials can come from outside a picked role: the environment (`AWS_*` keys, as
/// `ssopick export` sets them) and profiles of every kind botocore reads — an Identity
/// Center role (through ``RoleCredentialsService``), `role_arn` with `source_profile` (STS
/// AssumeRole, cached like `--assume`), `credential_process` (run), and static keys.
public struct CredentialSources: Sendable {
  /// The run's files and connections.
  public let workspace: Workspace

  /// Sources in `workspace`.
  public init(workspace: Workspace) {
    self.workspace = workspace
  }

  /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with `AWS_SESSION_TOKEN` and
  /// `AWS_CREDENTIAL_EXPIRATION`), if both are set.
  public func environment() throws -> FoundCredentials? {
    let environment = workspace.context.environment
    guard let key = environment.nonEmpty("AWS_ACCESS_KEY_ID"),
      let secret = environment.nonEmpty("AWS_SECRET_ACCESS_KEY")
    else { return nil }
    var expiration: Date?
    if let text = environment.nonEmpty("AWS_CREDENTIAL_EXPIRATION") {
      guard let parsed = AWSTimestamp.parse(text) else {
        throw CredentialSourceError.unreadableExpiration(text)
      }
      expiration = parsed
    }
    return FoundCredentials(
      credentials: AWSCredentials(
        accessKeyID: key, secretAccessKey: secret,
        sessionToken: environment.nonEmpty("AWS_SESSION_TOKEN"), expiration: expiration),
      source: "the environment (AWS_ACCESS_KEY_ID…)", kind: "environment", profile: nil,
      role: nil, section: nil)
  }

  /// The credentials of profile `name`.
  public func profile(_ name: String) async throws -> FoundCredentials {
    try await profile(name, visited: [])
  }

  private func profile(_ name: String, visited: [String]) async throws -> FoundCredentials {
    let config = workspace.config
    guard !visited.contains(name) else {
      throw CredentialSourceError.cycle((visited + [name]).map(UntrustedText.escaped))
    }
    guard let section = config.profiles[name] else {
      throw CredentialSourceError.noSuchProfile(name, file: config.configFile)
    }
    if section.string("sso_account_id") != nil || section.string("sso_role_name") != nil {
      return try await ssoRole(name, section)
    }
    if let roleARN = section.string("role_arn") {
      guard let sourceName = section.string("source_profile") else {
        throw CredentialSourceError.unsupportedSource(name)
      }
      return try await assume(
        roleARN, profile: name, section: section,
        from: try await profile(sourceName, visited: visited + [name]))
    }
    if let command = section.string("credential_process") {
      let credentials = try CredentialProcess.run(
        command, profile: name, environment: workspace.context.environment)
      return FoundCredentials(
        credentials: credentials, source: "profile \(name) (credential_process)",
        kind: "profile", profile: name, role: nil, section: section)
    }
    if let key = section.string("aws_access_key_id"),
      let secret = section.string("aws_secret_access_key")
    {
      return FoundCredentials(
        credentials: AWSCredentials(
          accessKeyID: key, secretAccessKey: secret,
          sessionToken: section.string("aws_session_token"),
          // aws-azure-login's key (ssopick's SAML login writes it too).
          expiration: section.string("aws_expiration").flatMap(AWSTimestamp.parse)),
        source: "profile \(name) (access keys)", kind: "profile", profile: name, role: nil,
        section: section)
    }
    throw CredentialSourceError.noCredentials(name)
  }

  private func ssoRole(_ name: String, _ section: ConfigSection) async throws -> FoundCredentials {
    let session = try workspace.session(SessionSelection(profile: name))
    guard let profile = session.profile else { throw CredentialSourceError.noCredentials(name) }
    let (accountID, roleName) = try profile.accountAndRole()
    let key = RoleCredentialCache.Key(
      accountID: accountID, roleName: roleName, session: session.session)
    let wasCached = workspace.roleCredentialCache.cached(key, minimumLifetime: 60) != nil
    let service = RoleCredentialsService(workspace: workspace, session: session, login: .never)
    let credentials = try await service.credentials(
      accountID: accountID, roleName: roleName, minimumLifetime: 60)
    return FoundCredentials(
      credentials: AWSCredentials(credentials),
      source: "profile \(name) (Identity Center role\(wasCached ? ", cached" : ""))",
      kind: "profile", profile: name, role: (key, session), section: section)
  }

  private func assume(
    _ roleARN: String, profile name: String, section: ConfigSection, from source: FoundCredentials
  ) async throws -> FoundCredentials {
    let step = AssumeStep(
      roleARN: roleARN, externalID: section.string("external_id"),
      sessionName: section.string("role_session_name"),
      durationSeconds: section.string("duration_seconds").flatMap { Int($0) },
      mfaSerial: section.string("mfa_serial"))
    let region = section.string("region")
    let credentials: AWSCredentials
    if let role = source.role {
      let chained = try await RoleChainer(
        workspace: workspace, session: role.session, region: region
      ).assume(RoleChain([step]), baseKey: role.key) {
        try RoleCredentials(source.credentials, accountID: role.key.accountID)
      }
      credentials = AWSCredentials(chained.credentials)
    } else {
      let resolver = EndpointResolver(
        environment: workspace.context.environment, profile: section, config: workspace.config)
      let context = workspace.context
      let sts = STSClient(
        endpoint: try resolver.stsEndpoint(region: region ?? resolver.region),
        transport: workspace.transport(), time: context.time, retry: context.retry,
        jitter: context.jitter)
      let request = AssumeRoleRequest(
        roleARN: roleARN,
        roleSessionName: step.sessionName
          ?? "botocore-session-\(Int(context.time.now.timeIntervalSince1970))",
        durationSeconds: step.durationSeconds, externalID: step.externalID)
      credentials = try await sts.assumeRole(request, credentials: source.credentials).credentials
    }
    return FoundCredentials(
      credentials: credentials, source: "profile \(name) (assumed from \(source.source))",
      kind: "profile", profile: name, role: nil, section: section)
  }
}

extension RoleCredentials {
  /// Temporary AWS credentials as role credentials of `accountID` (they need a session token
  /// and an expiry).
  init(_ credentials: AWSCredentials, accountID: String) throws {
    guard let token = credentials.sessionToken, let expiration = credentials.expiration else {
      throw CredentialSourceError.notTemporary
    }
    self.init(
      accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
      sessionToken: token, expiration: expiration, accountID: accountID)
  }
}

/// Why no credentials could be found where asked.
public enum CredentialSourceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No such profile.
  case noSuchProfile(String, file: String)
  /// The profile has nothing ssopick can get credentials from.
  case noCredentials(String)
  /// `role_arn` without `source_profile` (`credential_source` is for EC2/ECS/containers).
  case unsupportedSource(String)
  /// `source_profile` loops.
  case cycle([String])
  /// `AWS_CREDENTIAL_EXPIRATION` is not a timestamp.
  case unreadableExpiration(String)
  /// Long-term keys where temporary ones are needed.
  case notTemporary

  /// What to do.
  public var description: String {
    switch self {
    case .noSuchProfile(let name, let file):
      return "There is no profile \"\(UntrustedText.escaped(name))\" in \(file)."
    case .noCredentials(let name):
      return "Profile \(UntrustedText.escaped(name)) has nothing to get credentials from "
        + "(sso_account_id and sso_role_name, role_arn and source_profile, credential_process "
        + "or access keys)."
    case .unsupportedSource(let name):
      return "Profile \(UntrustedText.escaped(name)) has role_arn without source_profile; "
        + "ssopick reads source_profile only (credential_source is for EC2 and containers)."
    case .cycle(let names):
      return "The profiles' source_profile settings loop: " + names.joined(separator: " → ")
        + "."
    case .unreadableExpiration(let text):
      return "AWS_CREDENTIAL_EXPIRATION=\(UntrustedText.escaped(text)) is not a timestamp."
    case .notTemporary:
      return "These credentials have no session token or expiry, so they are not a role's."
    }
  }
}
