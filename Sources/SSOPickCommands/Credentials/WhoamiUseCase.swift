public import Foundation
import SessionEngine

/// `ssopick whoami`: whose credentials are these? The ones in the environment (as `export`
/// sets them), else those of `--profile`/`AWS_PROFILE`, optionally chained further with
/// `--assume`; STS GetCallerIdentity says who they are, the catalog names the account, the
/// Identity Center role's name gives the permission set, and the cache or the environment
/// says how long they last.
public struct WhoamiUseCase: Sendable {
  /// `--profile` (explicit: wins over keys in the environment).
  public var profile: String?
  /// `--json`.
  public var json: Bool
  /// Roles to assume first (`--assume`).
  public var chain: RoleChain
  /// `--region` for STS.
  public var region: String?

  /// Creates the use case.
  public init(
    profile: String? = nil, json: Bool = false, chain: RoleChain = .none, region: String? = nil
  ) {
    self.profile = profile
    self.json = json
    self.chain = chain
    self.region = region
  }

  /// What `whoami` found.
  public struct Answer: Sendable, Equatable {
    /// The account id.
    public var account: String
    /// Its name from a catalog, if it is in one.
    public var accountName: String?
    /// The caller ARN.
    public var arn: String
    /// STS's `UserId`.
    public var userID: String
    /// The role's name as STS shows it (`nil` for an IAM user).
    public var role: String?
    /// The permission set, for an Identity Center role.
    public var permissionSet: String?
    /// The session (user) name of an assumed role.
    public var sessionName: String?
    /// Where the credentials came from, for people.
    public var source: String
    /// `environment` or `profile`.
    public var sourceKind: String
    /// The profile, if any.
    public var profile: String?
    /// When they expire, if known.
    public var expiresAt: Date?
  }

  /// Prints the answer.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let answer = try await answer(in: context)
    context.console.print(
      json ? Self.json(answer) : Self.text(answer, now: context.time.now))
    return .success
  }

  /// Finds and asks.
  public func answer(in context: CommandContext) async throws -> Answer {
    let workspace = try Workspace(context)
    let sources = CredentialSources(workspace: workspace)
    let environment = context.environment
    var found: FoundCredentials
    if let profile {
      found = try await sources.profile(profile)
    } else if let fromEnvironment = try sources.environment() {
      found = fromEnvironment
    } else if let name = environment.nonEmpty("AWS_PROFILE")
      ?? environment.nonEmpty("AWS_DEFAULT_PROFILE")
      ?? (workspace.config.profiles["default"] != nil ? "default" : nil)
    {
      found = try await sources.profile(name)
    } else {
      throw WhoamiError.noCredentials
    }
    let now = context.time.now
    if let expiry = found.credentials.expiration, expiry <= now {
      throw WhoamiError.expired(
        source: found.source, at: expiry, now: now, hint: Self.hint(for: found))
    }
    if !chain.isEmpty {
      found = try await assume(chain, from: found, in: workspace)
    }
    let resolver = EndpointResolver(
      environment: environment, profile: found.section, config: workspace.config)
    let sts = STSClient(
      endpoint: try resolver.stsEndpoint(
        region: region ?? resolver.region ?? found.role?.session.session.region),
      transport: workspace.transport(), time: context.time, retry: context.retry,
      jitter: context.jitter)
    let identity: CallerIdentity
    do {
      identity = try await sts.getCallerIdentity(credentials: found.credentials)
    } catch let error as STSError {
      if case .expiredCredentials = error {
        throw WhoamiError.expired(
          source: found.source, at: found.credentials.expiration, now: now,
          hint: Self.hint(for: found))
      }
      throw error
    }
    let assumed = identity.assumedRole
    return Answer(
      account: identity.account, accountName: Self.accountName(identity.account, in: workspace),
      arn: identity.arn, userID: identity.userID, role: assumed?.roleName,
      permissionSet: assumed?.permissionSetName, sessionName: assumed?.sessionName,
      source: found.source, sourceKind: found.kind, profile: found.profile,
      expiresAt: found.credentials.expiration)
  }

  private func assume(_ chain: RoleChain, from found: FoundCredentials, in workspace: Workspace)
    async throws -> FoundCredentials
  {
    guard let role = found.role else {
      throw WhoamiError.chainNeedsRole
    }
    let chained = try await RoleChainer(
      workspace: workspace, session: role.session, region: region
    ).assume(chain, baseKey: role.key) {
      try RoleCredentials(found.credentials, accountID: role.key.accountID)
    }
    var result = found
    result.credentials = AWSCredentials(chained.credentials)
    result.source = "\(chained.roleName) assumed from \(found.source)"
    result.role = nil
    return result
  }

  /// The account's name: the alias table, else any session's cached catalog.
  static func accountName(_ accountID: String, in workspace: Workspace) -> String? {
    let account = AccountNames(workspace: workspace).account(accountID)
    return account.accountName == accountID ? nil : account.accountName
  }

  static func hint(for found: FoundCredentials) -> String {
    if let profile = found.profile {
      return found.role != nil
        ? "run `ssopick login --profile \(profile)` (or `ssopick` to pick a role)"
        : "renew the credentials of profile \(profile)"
    }
    return "run `eval \"$(ssopick --export)\"` again (or `ssopick` to pick a role)"
  }

  /// For people.
  public static func text(_ answer: Answer, now: Date) -> String {
    var lines: [(String, String)] = []
    let account =
      answer.accountName.map { "\(UntrustedText.escaped($0)) (\(answer.account))" }
      ?? answer.account
    lines.append(("account", account))
    if let permissionSet = answer.permissionSet {
      lines.append(("role", "\(UntrustedText.escaped(permissionSet)) (permission set)"))
    } else if let role = answer.role {
      lines.append(("role", UntrustedText.escaped(role)))
    }
    if let session = answer.sessionName {
      lines.append(("session", UntrustedText.escaped(session)))
    }
    lines.append(("arn", UntrustedText.escaped(answer.arn)))
    lines.append(("credentials", "from " + UntrustedText.escaped(answer.source)))
    if let expiry = answer.expiresAt {
      let minutes = Int(expiry.timeIntervalSince(now) / 60)
      lines.append(
        (
          "expires",
          "in \(StatusReport.duration(expiry.timeIntervalSince(now))) "
            + "(\(AWSTimestamp.format(expiry)))" + (minutes < 15 ? " — renew soon" : "")
        ))
    } else {
      lines.append(("expires", "unknown"))
    }
    return lines.map { $0.0.padding(toLength: 12, withPad: " ", startingAt: 0) + $0.1 }
      .joined(separator: "\n") + "\n"
  }

  /// For prompts and scripts: exactly the members of the issue, `null` where unknown.
  public static func json(_ answer: Answer) -> String {
    func optional(_ value: String?) -> PythonJSON { value.map(PythonJSON.string) ?? .null }
    return PythonJSON.object([
      ("account", .string(answer.account)),
      ("accountName", optional(answer.accountName)),
      ("arn", .string(answer.arn)),
      ("userId", .string(answer.userID)),
      ("role", optional(answer.role)),
      ("permissionSet", optional(answer.permissionSet)),
      ("sessionName", optional(answer.sessionName)),
      ("source", .string(answer.sourceKind)),
      ("profile", optional(answer.profile)),
      ("expiresAt", optional(answer.expiresAt.map(AWSTimestamp.format))),
    ]).rendered() + "\n"
  }
}

/// Why `whoami` has no answer.
public enum WhoamiError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No credentials anywhere.
  case noCredentials
  /// They expired.
  case expired(source: String, at: Date?, now: Date, hint: String)
  /// `--assume` from credentials that are not an Identity Center role's.
  case chainNeedsRole

  /// What to do.
  public var description: String {
    switch self {
    case .noCredentials:
      return "No credentials: none in the environment (AWS_ACCESS_KEY_ID) and no profile "
        + "(--profile, AWS_PROFILE or [default]). Pick a role with `ssopick`, or run "
        + "`eval \"$(ssopick --export)\"`."
    case .expired(let source, let at, let now, let hint):
      let when = at.map {
        " at \(AWSTimestamp.format($0)) (\(StatusReport.duration(now.timeIntervalSince($0))) ago)"
      }
      return "The credentials from \(UntrustedText.escaped(source)) have expired\(when ?? ""); "
        + "\(hint)."
    case .chainNeedsRole:
      return "--assume starts from an Identity Center role: give --profile with one (or pick "
        + "one with `ssopick --assume …`)."
    }
  }
}
