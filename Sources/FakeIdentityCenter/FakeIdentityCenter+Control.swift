public import Foundation

/// The `/_fake/` controls as Swift calls, for in-process tests.
extension FakeIdentityCenter {
  private var now: Date { clockNow }

  /// The user codes of device authorizations still waiting for a decision.
  public func pendingUserCodes() -> [String] {
    withState { state in
      state.deviceGrants.values.filter { $0.state == .pending }.sorted {
        $0.createdAt < $1.createdAt
      }
      .map(\.userCode)
    }
  }

  /// Approves (or denies) the pending device code `userCode`; false when there is none.
  @discardableResult
  public func decideDeviceCode(userCode: String, approve: Bool = true) -> Bool {
    let time = now
    return withState { $0.decideDevice(userCode: userCode, approve: approve, now: time) }
  }

  /// Registers a client and starts a live session, rendered as the AWS CLI's token-cache
  /// file. `sessionName` nil makes a legacy (start-URL keyed) file.
  public func tokenCacheDocument(
    startURL: String, sessionName: String? = nil, region: String = "eu-central-1",
    expiresIn: TimeInterval? = nil
  ) throws -> TokenCacheDocument {
    var members: [(String, JSONValue)] = [
      ("startUrl", .string(startURL)), ("region", .string(region)),
    ]
    if let sessionName { members.append(("sessionName", .string(sessionName))) }
    if let expiresIn { members.append(("expiresIn", .double(expiresIn))) }
    let time = now
    do {
      return try withState { try $0.tokenCache(.object(members), now: time) }
    } catch let error as APIError {
      throw FakeIdentityCenterError.invalidOption(name: "token cache", reason: error.message)
    }
  }

  /// The request log, oldest first.
  public func requestLog() -> [RequestLogEntry] {
    withState { $0.orderedLog }
  }

  /// The counters.
  public func stats() -> FakeStats {
    withState { $0.stats }
  }

  /// Arms a fault (validated like `Options.faults`).
  public func addFault(_ fault: Options.Fault) throws {
    try fault.validate()
    withState { $0.faults.append(fault) }
  }

  /// Sets (or, with nil, removes) the rate limit of `operation`.
  public func setRateLimit(_ limit: Options.RateLimit?, for operation: Operation) {
    withState { $0.buckets[operation] = limit.map(TokenBucket.init(limit:)) }
  }

  /// Makes every access token (and, with `refreshTokens`, every refresh token) expired.
  public func expireAllTokens(refreshTokens: Bool = false) {
    let time = now
    _ = withState {
      $0.expireTokens(.object([("all", .string(refreshTokens ? "both" : "access"))]), now: time)
    }
  }

  /// Sets (or, with nil, removes) the STS trust rule of the role `roleARN`.
  public func setRoleTrust(_ rule: Options.RoleTrust?, for roleARN: String) {
    withState { $0.options.roleTrust[roleARN] = rule }
  }

  /// Sets the rule for roles without one of their own.
  public func setDefaultTrust(_ trust: Options.DefaultTrust) {
    withState { $0.options.defaultTrust = trust }
  }

  /// What GetCallerIdentity answers for credentials the fake issued (`nil` for a key it did
  /// not issue): the ARN, e.g. `arn:aws:sts::<account>:assumed-role/<role>/<session>`.
  public func callerARN(accessKeyID: String) -> String? {
    withState { state in state.roleCredentials[accessKeyID].map { state.caller($0).arn } }
  }

  /// The IAM role name Identity Center gives `permissionSet` in `account`
  /// (`AWSReservedSSO_<set>_<16 hex>`, the same every time).
  public static func reservedRoleName(account: String, permissionSet: String) -> String {
    ServiceState.reservedRoleName(account: account, permissionSet: permissionSet)
  }

  /// Makes the credentials of `accessKeyID` expired (STS then answers `ExpiredToken`).
  @discardableResult
  public func expireCredentials(accessKeyID: String) -> Bool {
    let time = now
    return withState { state in
      guard state.roleCredentials[accessKeyID] != nil else { return false }
      state.roleCredentials[accessKeyID]?.expiresAt = time.addingTimeInterval(-1)
      return true
    }
  }

  /// Moves the fake's clock forward (on top of the injected clock).
  public func advanceClock(by seconds: TimeInterval) {
    withState { $0.clockOffset += seconds }
  }

  /// Back to the start state (same organisation and options).
  public func reset() {
    withState { $0.reset(to: $0.initialOptions) }
  }
}
