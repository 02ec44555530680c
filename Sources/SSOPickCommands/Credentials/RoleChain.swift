import Foundation
public import SessionEngine

/// One `--assume` hop: a role to assume with the credentials of the hop before.
public struct AssumeStep: Sendable, Equatable {
  /// The role to assume, `arn:aws:iam::ACCOUNT:role/NAME`.
  public var roleARN: String
  /// `--external-id`.
  public var externalID: String?
  /// `--role-session-name`; `nil` for the default (the Identity Center user name).
  public var sessionName: String?
  /// `--duration` in seconds; `nil` for STS's default (1 hour).
  public var durationSeconds: Int?
  /// `--mfa-serial`.
  public var mfaSerial: String?
  /// `--token-code`; asked for on the terminal when only the serial is given.
  public var tokenCode: String?

  /// Creates a step.
  public init(
    roleARN: String, externalID: String? = nil, sessionName: String? = nil,
    durationSeconds: Int? = nil, mfaSerial: String? = nil, tokenCode: String? = nil
  ) {
    self.roleARN = roleARN
    self.externalID = externalID
    self.sessionName = sessionName
    self.durationSeconds = durationSeconds
    self.mfaSerial = mfaSerial
    self.tokenCode = tokenCode
  }

  /// The account of the role (the ARN's fifth field).
  public var accountID: String {
    let fields = roleARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    return fields.count > 4 ? String(fields[4]) : ""
  }

  /// The role's name (after the last `/` of the ARN's resource).
  public var roleName: String {
    String(roleARN.split(separator: "/").last ?? Substring(roleARN))
  }
}

/// Roles to assume one after the other from a role's credentials (`--assume A --assume B`).
public struct RoleChain: Sendable, Equatable {
  /// The hops, in order.
  public var steps: [AssumeStep]

  /// Creates a chain.
  public init(_ steps: [AssumeStep] = []) {
    self.steps = steps
  }

  /// No chaining.
  public static let none = RoleChain()

  /// Whether there is nothing to assume.
  public var isEmpty: Bool { steps.isEmpty }

  /// The chain the options ask for: every `--assume` in order; `--external-id`,
  /// `--role-session-name`, `--duration`, `--mfa-serial` and `--token-code` apply to the last
  /// one (the role the command is for, where trust policies ask for them).
  public static func options(
    assume: [String], externalID: String? = nil, sessionName: String? = nil,
    duration: String? = nil, mfaSerial: String? = nil, tokenCode: String? = nil
  ) throws -> RoleChain {
    if assume.isEmpty {
      let given = [
        ("--external-id", externalID), ("--role-session-name", sessionName),
        ("--duration", duration), ("--mfa-serial", mfaSerial), ("--token-code", tokenCode),
      ].filter { $0.1 != nil }.map(\.0)
      if !given.isEmpty {
        throw RoleChainError.optionsWithoutAssume(given)
      }
      return .none
    }
    if tokenCode != nil, mfaSerial == nil { throw RoleChainError.tokenCodeWithoutSerial }
    var seconds: Int?
    if let duration {
      guard let parsed = CatalogSource.parseDuration(duration) else {
        throw RoleChainError.invalidDuration(duration)
      }
      seconds = Int(parsed.components.seconds)
      // Every chain starts from temporary role credentials, so each hop is "role chaining".
      guard let value = seconds, (900...AssumeRoleRequest.chainedMaximumDuration).contains(value)
      else { throw RoleChainError.durationOutOfRange(duration) }
    }
    var steps = try assume.map { arn -> AssumeStep in
      guard Self.isRoleARN(arn) else { throw RoleChainError.notARoleARN(arn) }
      return AssumeStep(roleARN: arn)
    }
    if let last = steps.indices.last {
      steps[last].externalID = externalID
      steps[last].sessionName = sessionName.map(AssumeRoleRequest.sessionName(from:))
      steps[last].durationSeconds = seconds
      steps[last].mfaSerial = mfaSerial
      steps[last].tokenCode = tokenCode
    }
    return RoleChain(steps)
  }

  /// Whether `text` looks like `arn:PARTITION:iam::ACCOUNT:role/NAME`.
  public static func isRoleARN(_ text: String) -> Bool {
    let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    return fields.count == 6 && fields[0] == "arn" && fields[2] == "iam"
      && PortalDirectory.isAccountID(String(fields[4])) && fields[5].hasPrefix("role/")
      && fields[5].count > "role/".count
  }
}

/// Why a chain cannot be assumed, in words a person can act on.
public enum RoleChainError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Chain options without `--assume`.
  case optionsWithoutAssume([String])
  /// `--token-code` without `--mfa-serial`.
  case tokenCodeWithoutSerial
  /// `--duration` that is not a duration.
  case invalidDuration(String)
  /// `--duration` outside 15 minutes to 1 hour.
  case durationOutOfRange(String)
  /// `--assume` that is not a role ARN.
  case notARoleARN(String)
  /// An MFA code is needed and there is no terminal to ask on.
  case tokenCodeNeeded(serial: String)
  /// The caller may not assume the role (its trust policy does not allow it).
  case notTrusted(caller: String, role: String)

  /// What to do.
  public var description: String {
    switch self {
    case .optionsWithoutAssume(let options):
      return "\(options.joined(separator: ", ")) only make sense with --assume ROLE_ARN."
    case .tokenCodeWithoutSerial:
      return "--token-code needs --mfa-serial (the MFA device's ARN or serial number)."
    case .invalidDuration(let text):
      return
        "--duration must be a duration such as 15m or 1h, got \"\(UntrustedText.escaped(text))\"."
    case .durationOutOfRange(let text):
      return "--duration \(UntrustedText.escaped(text)) is not allowed for a chained role: STS "
        + "gives roles assumed from other roles 15 minutes to 1 hour."
    case .notARoleARN(let text):
      return "--assume takes a role ARN such as arn:aws:iam::123456789012:role/Deploy, got "
        + "\"\(UntrustedText.escaped(text))\"."
    case .tokenCodeNeeded(let serial):
      return "The MFA code for \(UntrustedText.escaped(serial)) is needed and there is no "
        + "terminal to ask on: add --token-code CODE."
    case .notTrusted(let caller, let role):
      return "\(caller) may not assume \(UntrustedText.escaped(role)): the role's trust policy "
        + "does not allow it (or an external id or MFA it asks for is missing)."
    }
  }
}

/// The credentials at the end of a chain and whom they belong to.
public struct ChainedCredentials: Sendable, Equatable {
  /// The last role's account (named from the catalog when it is there).
  public var account: AccountInfo
  /// The last role's name.
  public var roleName: String
  /// Its credentials.
  public var credentials: RoleCredentials
}

/// Assumes the roles of a ``RoleChain`` with STS, caching every hop like role credentials
/// (the AWS CLI's folder, 0600, under a lock; reused until 15 minutes before expiry).
public struct RoleChainer: Sendable {
  /// The run's files and connections.
  public let workspace: Workspace
  /// The session the chain starts in (for the STS endpoint, the catalog and messages).
  public let session: SessionContext
  /// The region for STS (else the session's).
  public let region: String?

  /// A chainer for `session`.
  public init(workspace: Workspace, session: SessionContext, region: String?) {
    self.workspace = workspace
    self.session = session
    self.region = region
  }

  /// The STS client for the region (endpoint overrides from the environment and profile).
  public func sts() throws -> STSClient {
    let context = workspace.context
    let resolver = EndpointResolver(
      environment: context.environment, profile: session.profile?.section,
      config: workspace.config)
    return STSClient(
      endpoint: try resolver.stsEndpoint(region: region ?? session.session.region),
      transport: workspace.transport(), time: context.time, retry: context.retry,
      jitter: context.jitter)
  }

  /// `chain` assumed from `roleName` in `accountID`, whose credentials come from `service`
  /// (or are `given`) — only when a hop has to be assumed — every hop cached: the one way a
  /// chained role's credentials are made (the role actions, the credentials endpoint).
  public static func assume(
    _ chain: RoleChain, from service: RoleCredentialsService, accountID: String,
    roleName: String, region: String?, given: RoleCredentials? = nil
  ) async throws -> ChainedCredentials {
    try await RoleChainer(workspace: service.workspace, session: service.session, region: region)
      .assume(
        chain,
        baseKey: RoleCredentialCache.Key(
          accountID: accountID, roleName: roleName, session: service.session.session),
        base: {
          if let given { return given }
          return try await service.credentials(accountID: accountID, roleName: roleName)
        })
  }

  /// Every hop of `chain` from the role of `baseKey`; each hop's credentials are cached under
  /// the key of the chain so far. `base` is called only when a hop has to be assumed (a
  /// cached end of the chain needs no other call).
  public func assume(
    _ chain: RoleChain, baseKey: RoleCredentialCache.Key,
    base: () async throws -> RoleCredentials
  ) async throws -> ChainedCredentials {
    let cache = workspace.roleCredentialCache
    let keys = chain.steps.reduce(into: [baseKey]) { keys, step in
      keys.append(keys[keys.count - 1].assuming(Self.link(step)))
    }
    let accountID = chain.steps.last?.accountID ?? baseKey.accountID
    let roleName = chain.steps.last?.roleName ?? baseKey.roleName
    if let last = keys.last, let hit = cache.cached(last) {
      return ChainedCredentials(account: account(accountID), roleName: roleName, credentials: hit)
    }
    var credentials = try await base()
    var defaultSessionName: String?
    let sts = try sts()
    for (step, key) in zip(chain.steps, keys.dropFirst()) {
      let caller = credentials
      credentials = try await cache.credentials(for: key) {
        var sessionName = step.sessionName
        if sessionName == nil {
          if defaultSessionName == nil {
            defaultSessionName = try await self.defaultSessionName(sts, caller)
          }
          sessionName = defaultSessionName
        }
        let request = AssumeRoleRequest(
          roleARN: step.roleARN, roleSessionName: sessionName ?? "ssopick",
          durationSeconds: step.durationSeconds, externalID: step.externalID,
          mfa: try mfa(step))
        do {
          let assumed = try await sts.assumeRole(request, credentials: AWSCredentials(caller))
          return RoleCredentials(
            accessKeyID: assumed.credentials.accessKeyID,
            secretAccessKey: assumed.credentials.secretAccessKey,
            sessionToken: assumed.credentials.sessionToken ?? "",
            expiration: assumed.credentials.expiration ?? workspace.context.time.now,
            accountID: step.accountID)
        } catch STSError.accessDenied(_, let callerARN, _, _) {
          throw RoleChainError.notTrusted(
            caller: describe(callerARN: callerARN), role: step.roleARN)
        }
      }
    }
    return ChainedCredentials(
      account: account(accountID), roleName: roleName, credentials: credentials)
  }

  /// The cache link of `step` (a default session name is keyed as empty: it is always the
  /// same user's).
  static func link(_ step: AssumeStep) -> RoleCredentialCache.ChainLink {
    RoleCredentialCache.ChainLink(
      roleARN: step.roleARN, sessionName: step.sessionName ?? "", externalID: step.externalID,
      durationSeconds: step.durationSeconds, mfaSerial: step.mfaSerial)
  }

  /// The account `accountID` as the session's catalog names it (else its id).
  public func account(_ accountID: String) -> AccountInfo {
    workspace.catalogCache(for: session).load()?.accounts.first { $0.accountID == accountID }
      ?? AccountInfo(accountID: accountID, accountName: accountID, emailAddress: "")
  }

  /// "PlatformAdmin in Acme Prod (210987654321)" for an assumed-role caller ARN.
  func describe(callerARN: String?) -> String {
    guard let callerARN, let parsed = AssumedRoleARN(callerARN) else {
      return UntrustedText.escaped(callerARN ?? "The caller")
    }
    let role = parsed.permissionSetName ?? parsed.roleName
    let account = account(parsed.accountID)
    let place =
      account.accountName == account.accountID
      ? account.accountID : "\(account.accountName) (\(account.accountID))"
    return UntrustedText.escaped("\(role) in \(place)")
  }

  /// The caller's session name (the Identity Center user name for role credentials), made
  /// fit for `RoleSessionName`.
  private func defaultSessionName(_ sts: STSClient, _ caller: RoleCredentials) async throws
    -> String
  {
    let identity = try await sts.getCallerIdentity(credentials: AWSCredentials(caller))
    let name = identity.assumedRole?.sessionName ?? "ssopick"
    return AssumeRoleRequest.sessionName(from: name)
  }

  /// The MFA device and code for `step`, asking for the code on the terminal when needed.
  private func mfa(_ step: AssumeStep) throws -> AssumeRoleRequest.MFA? {
    guard let serial = step.mfaSerial else { return nil }
    if let code = step.tokenCode {
      return AssumeRoleRequest.MFA(serialNumber: serial, tokenCode: code)
    }
    let context = workspace.context
    guard context.terminal.input else { throw RoleChainError.tokenCodeNeeded(serial: serial) }
    context.console.ask("MFA code for \(serial): ")
    guard let code = context.input.readLine()?.trimmingCharacters(in: .whitespaces),
      !code.isEmpty
    else { throw RoleChainError.tokenCodeNeeded(serial: serial) }
    return AssumeRoleRequest.MFA(serialNumber: serial, tokenCode: code)
  }
}
