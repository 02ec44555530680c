import Crypto
import Foundation
import LoopbackServer

/// The test-control API under `/_fake/` (JSON in, JSON out). Real clients never call it.
/// Requests to it are not delayed, throttled, faulted, logged or counted.
///
/// | Method and path | Body → answer |
/// |---|---|
/// | `GET /_fake/organisation` | the organisation in the organisation-file schema |
/// | `GET /_fake/device-codes` | `{"deviceCodes":[{"userCode","state","polls"}]}` |
/// | `POST /_fake/device-codes/approve`, `…/deny` | `{"userCode"}` → `{"ok":true}` or 404 |
/// | `GET /_fake/authorizations` | pending PKCE consents `{"authorizations":[{"id","consentUrl"}]}` |
/// | `POST /_fake/tokens/expire` | `{"accessToken"}` / `{"refreshToken"}` / `{"all":"access"|"refresh"|"both"}` → `{"expired":n}` |
/// | `POST /_fake/credentials/expire` | `{"accessKeyId"}` or `{}` (all role and STS credentials) → `{"expired":n}` |
/// | `POST /_fake/registrations/expire` | `{"clientId"}` or `{}` (all) → `{"expired":n}` |
/// | `POST /_fake/token-cache` | `{"startUrl","sessionName"?,"region"?,"expiresIn"?}` → `{"fileName","contents","accessToken",…}` |
/// | `GET /_fake/requests`, `DELETE /_fake/requests` | `{"requests":[…]}` / clear |
/// | `GET /_fake/stats` | counters |
/// | `GET`/`POST`/`DELETE /_fake/faults` | `{"operation","error"|"status"|"answer","count"?,"accountId"?}` (`answer`: `hang`, `repeatNextToken`) |
/// | `GET`/`POST /_fake/rate-limits` | `{"operation" (or "*portal"),"rps","burst"}`; `rps` null removes |
/// | `GET`/`POST /_fake/settings` | `autoApprove`, `denyAuthorize`, `rotateRefreshTokens`, `errorTypeSuffix`, `slowDown` ("never" or exempt poll count), `userName`, `defaultTrust` ("organisation" or "nobody"), `samlDeny`, `samlEncryptAssertions`, `samlIdPInitiated`, `samlClockOffsetSeconds` |
/// | `GET /_fake/role-trust` | `{"defaultTrust","roleTrust":{ARN: rule}}` |
/// | `POST /_fake/role-trust` | `{"roleArn","trustedCallers"?:[{"account","role"?}] or null,"externalId"?,"mfaCode"?,"maxSessionDuration"?}` sets one role's rule |
/// | `DELETE /_fake/role-trust` | `{"roleArn"}` removes one rule, `{}` all |
/// | `GET /_fake/saml` | the SAML IdP's tenants, apps, reply URLs and each user's Role values |
/// | `POST /_fake/saml/assertion` | `{"user"?,"recipient"?,"tenant"?,"application"?,"inResponseTo"?}` → `{"SAMLResponse","recipient","notOnOrAfter"}`: an IdP-initiated response (recorded for STS) |
/// | `GET /_fake/saml/role-rules`, `POST …` `{"roleArn","allowedAudiences"?,"maxSessionDuration"?}`, `DELETE …` `{"roleArn"}` or `{}` | AssumeRoleWithSAML's trust rules |
/// | `POST /_fake/clock` | `{"advanceSeconds"}` → `{"offsetSeconds"}` |
/// | `POST /_fake/reset` | back to the start state |
extension ServiceState {
  mutating func handleControl(_ context: Context) -> FakeHTTPResponse {
    do {
      return try control(context)
    } catch let error as APIError {
      return .json(error.exception.status, .object([("message", .string(error.message))]))
    } catch {
      return .json(500, .object([("message", .string("\(error)"))]))
    }
  }

  private func controlBody(_ context: Context) throws -> JSONValue {
    if context.request.body.isEmpty { return .object([]) }
    guard let body = JSONValue.parse(context.request.body), case .object = body else {
      throw APIError(.invalidRequest, "The body must be a JSON object")
    }
    return body
  }

  static let ok = FakeHTTPResponse.json(200, .object([("ok", .bool(true))]))

  private mutating func control(_ context: Context) throws -> FakeHTTPResponse {
    let body = try controlBody(context)
    let route = String(context.request.path.dropFirst("/_fake/".count))
    switch (context.request.method, route) {
    case ("GET", "organisation"):
      return FakeHTTPResponse(
        status: 200, headers: [("Content-Type", "application/json")],
        body: Data(catalog.organisation.jsonDocument().utf8))
    case ("GET", "device-codes"):
      let grants = deviceGrants.values.sorted { $0.createdAt < $1.createdAt }
      return .json(
        200,
        .object([
          (
            "deviceCodes",
            .array(
              grants.map {
                .object([
                  ("userCode", .string($0.userCode)), ("state", .string($0.state.rawValue)),
                  ("polls", .int(Int64($0.polls))),
                ])
              })
          )
        ]))
    case ("POST", "device-codes/approve"), ("POST", "device-codes/deny"):
      guard let userCode = body["userCode"]?.stringValue else {
        throw APIError(.invalidRequest, "userCode is required")
      }
      guard
        decideDevice(userCode: userCode, approve: route.hasSuffix("approve"), now: context.now)
      else {
        throw APIError(.resourceNotFound, "No pending device code \(userCode)")
      }
      return ServiceState.ok
    case ("GET", "authorizations"):
      let pending = pendingAuthorizations.values.sorted { $0.createdAt < $1.createdAt }
      return .json(
        200,
        .object([
          (
            "authorizations",
            .array(
              pending.map {
                .object([
                  ("id", .string($0.id)),
                  ("consentUrl", .string("/authorize/consent?request=\($0.id)&decision=allow")),
                ])
              })
          )
        ]))
    case ("POST", "tokens/expire"):
      return .json(200, .object([("expired", .int(Int64(expireTokens(body, now: context.now))))]))
    case ("POST", "registrations/expire"):
      var count = 0
      let only = body["clientId"]?.stringValue
      for id in clients.keys where only == nil || only == id {
        clients[id]?.expiresAt = context.now.addingTimeInterval(-1)
        count += 1
      }
      return .json(200, .object([("expired", .int(Int64(count)))]))
    case ("POST", "token-cache"):
      let document = try tokenCache(body, now: context.now)
      return .json(
        200,
        .object([
          ("fileName", .string(document.fileName)), ("contents", .string(document.contents)),
          ("accessToken", .string(document.accessToken)),
          ("refreshToken", document.refreshToken.map { .string($0) } ?? .null),
          ("clientId", .string(document.clientId)),
        ]))
    case ("GET", "requests"):
      return .json(200, .object([("requests", .array(orderedLog.map(\.json)))]))
    case ("DELETE", "requests"):
      clearLog()
      return ServiceState.ok
    case ("GET", "stats"):
      return .json(200, stats.json)
    case ("GET", "faults"):
      return .json(200, .object([("faults", .array(faults.map(ServiceState.faultJSON)))]))
    case ("POST", "faults"):
      let fault = try ServiceState.fault(from: body)
      faults.append(fault)
      return ServiceState.ok
    case ("DELETE", "faults"):
      faults = []
      return ServiceState.ok
    case ("GET", "rate-limits"):
      return .json(200, rateLimitsJSON)
    case ("POST", "rate-limits"):
      try setRateLimit(body)
      return .json(200, rateLimitsJSON)
    case ("GET", "settings"):
      return .json(200, settingsJSON)
    case ("POST", "settings"):
      try applySettings(body)
      return .json(200, settingsJSON)
    case ("POST", "credentials/expire"):
      let past = context.now.addingTimeInterval(-1)
      var count = 0
      let only = body["accessKeyId"]?.stringValue
      for key in roleCredentials.keys where only == nil || only == key {
        roleCredentials[key]?.expiresAt = past
        count += 1
      }
      return .json(200, .object([("expired", .int(Int64(count)))]))
    case ("GET", "role-trust"):
      return .json(200, roleTrustJSON)
    case ("POST", "role-trust"):
      let (arn, rule) = try ServiceState.roleTrust(from: body)
      options.roleTrust[arn] = rule
      return .json(200, roleTrustJSON)
    case ("DELETE", "role-trust"):
      if let arn = body["roleArn"]?.stringValue {
        options.roleTrust[arn] = nil
      } else {
        options.roleTrust = [:]
      }
      return .json(200, roleTrustJSON)
    case ("GET", "saml"):
      return .json(200, samlJSON)
    case ("POST", "saml/assertion"):
      return .json(200, try samlAssertionControl(body, now: context.now))
    case ("GET", "saml/role-rules"):
      return .json(200, samlRoleRulesJSON)
    case ("POST", "saml/role-rules"):
      let (arn, rule) = try ServiceState.samlRoleRule(from: body)
      options.saml.roleRules[arn] = rule
      return .json(200, samlRoleRulesJSON)
    case ("DELETE", "saml/role-rules"):
      if let arn = body["roleArn"]?.stringValue {
        options.saml.roleRules[arn] = nil
      } else {
        options.saml.roleRules = [:]
      }
      return .json(200, samlRoleRulesJSON)
    case ("POST", "reset"):
      reset(to: initialOptions)
      return ServiceState.ok
    case ("POST", "clock"):
      guard let seconds = body["advanceSeconds"], let value = seconds.doubleLike else {
        throw APIError(.invalidRequest, "advanceSeconds (a number) is required")
      }
      clockOffset += value
      return .json(200, .object([("offsetSeconds", .double(clockOffset))]))
    default:
      throw APIError(
        .resourceNotFound,
        "Unknown control endpoint \(context.request.method) \(context.request.path)")
    }
  }

  // MARK: Tokens

  mutating func expireTokens(_ body: JSONValue, now: Date) -> Int {
    let past = now.addingTimeInterval(-1)
    var count = 0
    if let token = body["accessToken"]?.stringValue, accessTokens[token] != nil {
      accessTokens[token]?.expiresAt = past
      count += 1
    }
    if let token = body["refreshToken"]?.stringValue, refreshTokens[token] != nil {
      refreshTokens[token]?.expiresAt = past
      count += 1
    }
    let all = body["all"]?.stringValue
    if all == "access" || all == "both" {
      for key in accessTokens.keys {
        accessTokens[key]?.expiresAt = past
        count += 1
      }
    }
    if all == "refresh" || all == "both" {
      for key in refreshTokens.keys {
        refreshTokens[key]?.expiresAt = past
        count += 1
      }
    }
    return count
  }

  /// Registers a PKCE-style client and starts a session for it, rendered as the AWS CLI
  /// would write the token file.
  mutating func tokenCache(_ body: JSONValue, now: Date) throws -> TokenCacheDocument {
    guard let startURL = body["startUrl"]?.stringValue, !startURL.isEmpty else {
      throw APIError(.invalidRequest, "startUrl is required")
    }
    let sessionName = body["sessionName"]?.stringValue
    let region = body["region"]?.stringValue ?? "eu-central-1"
    let lifetime = body["expiresIn"]?.doubleLike ?? options.accessTokenLifetime
    let client = ClientRecord(
      clientId: SecretFactory.clientID(), clientSecret: SecretFactory.clientSecret(),
      clientName: "botocore-client-\(sessionName ?? String(Timestamp.epochSeconds(now)))",
      scopes: [ServiceState.accountAccessScope],
      grantTypes: [Grant.authorizationCode, Grant.refreshToken],
      redirectURIs: ["http://127.0.0.1/oauth/callback"], issuerURL: startURL, issuedAt: now,
      expiresAt: now.addingTimeInterval(options.registrationLifetime))
    clients[client.clientId] = client
    let issued = startSession(
      client: client, scopes: client.scopes, now: now, lifetime: lifetime)
    let expiresAt = now.addingTimeInterval(lifetime)
    var members: [(String, String)] = [
      ("startUrl", startURL), ("region", region), ("accessToken", issued.accessToken),
      ("expiresAt", Timestamp.cacheFormat(expiresAt)), ("clientId", client.clientId),
      ("clientSecret", client.clientSecret),
      ("registrationExpiresAt", Timestamp.cacheFormat(client.expiresAt)),
    ]
    if let refreshToken = issued.refreshToken { members.append(("refreshToken", refreshToken)) }
    let contents =
      "{"
      + members.map {
        TokenCacheDocument.pythonString($0.0) + ": " + TokenCacheDocument.pythonString($0.1)
      }.joined(separator: ", ") + "}"
    let key = Insecure.SHA1.hash(data: Data((sessionName ?? startURL).utf8))
      .map { String(format: "%02x", $0) }.joined()
    return TokenCacheDocument(
      fileName: key + ".json", contents: contents, accessToken: issued.accessToken,
      refreshToken: issued.refreshToken, clientId: client.clientId, expiresAt: expiresAt)
  }

  // MARK: Faults, rate limits, settings

  static func fault(from body: JSONValue) throws -> FakeIdentityCenter.Options.Fault {
    guard let name = body["operation"]?.stringValue, let operation = Operation(rawValue: name)
    else {
      throw APIError(.invalidRequest, "operation must be an operation name, e.g. ListAccounts")
    }
    let answer: FakeIdentityCenter.Options.Fault.Answer
    if let error = body["error"]?.stringValue {
      guard let exception = APIException(rawValue: error) else {
        throw APIError(.invalidRequest, "Unknown exception \(error)")
      }
      answer = .exception(exception)
    } else if let status = body["status"]?.intValue {
      answer = .status(Int(status))
    } else if body["answer"]?.stringValue == "hang" {
      answer = .hang
    } else if body["answer"]?.stringValue == "repeatNextToken" {
      answer = .repeatNextToken
    } else {
      throw APIError(
        .invalidRequest,
        "error (an exception name), status, or answer (hang, repeatNextToken) is required")
    }
    let fault = FakeIdentityCenter.Options.Fault(
      operation: operation, answer: answer, count: Int(body["count"]?.intValue ?? 1),
      accountId: body["accountId"]?.stringValue)
    do {
      try fault.validate()
    } catch {
      throw APIError(.invalidRequest, "\(error)")
    }
    return fault
  }

  static func faultJSON(_ fault: FakeIdentityCenter.Options.Fault) -> JSONValue {
    var members: [(String, JSONValue)] = [("operation", .string(fault.operation.rawValue))]
    switch fault.answer {
    case .exception(let exception): members.append(("error", .string(exception.rawValue)))
    case .status(let status): members.append(("status", .int(Int64(status))))
    case .hang: members.append(("answer", .string("hang")))
    case .repeatNextToken: members.append(("answer", .string("repeatNextToken")))
    }
    members.append(("count", .int(Int64(fault.count))))
    if let accountId = fault.accountId { members.append(("accountId", .string(accountId))) }
    return .object(members)
  }

  var rateLimitsJSON: JSONValue {
    .object([
      (
        "rateLimits",
        .object(
          buckets.sorted { $0.key.rawValue < $1.key.rawValue }.map {
            (
              $0.key.rawValue,
              .object([
                ("rps", .double($0.value.limit.rps)), ("burst", .int(Int64($0.value.limit.burst))),
              ])
            )
          })
      )
    ])
  }

  mutating func setRateLimit(_ body: JSONValue) throws {
    guard let name = body["operation"]?.stringValue else {
      throw APIError(.invalidRequest, "operation is required (a name, or *portal)")
    }
    let operations: [Operation]
    if name == "*portal" {
      operations = [.listAccounts, .listAccountRoles, .getRoleCredentials]
    } else if let operation = Operation(rawValue: name) {
      operations = [operation]
    } else {
      throw APIError(.invalidRequest, "Unknown operation \(name)")
    }
    guard let rps = body["rps"]?.doubleLike else {
      for operation in operations { buckets[operation] = nil }
      return
    }
    let burst = Int(body["burst"]?.intValue ?? Int64(max(1, rps.rounded(.up))))
    guard rps > 0, burst >= 1 else {
      throw APIError(.invalidRequest, "rps must be > 0 and burst ≥ 1")
    }
    for operation in operations {
      buckets[operation] = TokenBucket(limit: .init(rps: rps, burst: burst))
    }
  }

  var settingsJSON: JSONValue {
    let slowDown: JSONValue
    switch options.slowDown {
    case .never: slowDown = .string("never")
    case .enforceInterval(let exempt): slowDown = .int(Int64(exempt))
    }
    return .object([
      ("autoApprove", .bool(options.autoApprove)),
      ("denyAuthorize", .bool(options.denyAuthorize)),
      ("rotateRefreshTokens", .bool(options.rotateRefreshTokens)),
      ("errorTypeSuffix", .bool(options.errorTypeSuffix)), ("slowDown", slowDown),
      ("userName", .string(options.userName)),
      ("defaultTrust", .string(options.defaultTrust.rawValue)),
      ("samlDeny", .bool(options.saml.deny)),
      ("samlEncryptAssertions", .bool(options.saml.encryptAssertions)),
      ("samlIdPInitiated", .bool(options.saml.idpInitiated)),
      ("samlClockOffsetSeconds", .double(options.saml.clockOffset)),
    ])
  }

  // MARK: STS trust rules

  static func roleTrust(from body: JSONValue) throws -> (
    String, FakeIdentityCenter.Options.RoleTrust
  ) {
    guard let arn = body["roleArn"]?.stringValue, RoleARN(arn) != nil else {
      throw APIError(.invalidRequest, "roleArn (an IAM role ARN) is required")
    }
    var rule = FakeIdentityCenter.Options.RoleTrust()
    if let callers = body["trustedCallers"], callers != .null {
      guard case .array(let items) = callers else {
        throw APIError(.invalidRequest, "trustedCallers must be an array or null")
      }
      rule.trustedCallers = try items.map { item in
        guard let account = item["account"]?.stringValue else {
          throw APIError(.invalidRequest, "each trusted caller needs an account")
        }
        if let role = item["role"]?.stringValue { return .role(account: account, name: role) }
        return .account(account)
      }
    }
    rule.externalID = body["externalId"]?.stringValue
    rule.mfaCode = body["mfaCode"]?.stringValue
    if let seconds = body["maxSessionDuration"]?.intValue {
      guard (900...43_200).contains(seconds) else {
        throw APIError(.invalidRequest, "maxSessionDuration must be 900–43200 seconds")
      }
      rule.maxSessionDuration = Int(seconds)
    }
    return (arn, rule)
  }

  var roleTrustJSON: JSONValue {
    .object([
      ("defaultTrust", .string(options.defaultTrust.rawValue)),
      (
        "roleTrust",
        .object(
          options.roleTrust.sorted { $0.key < $1.key }.map { arn, rule in
            var members: [(String, JSONValue)] = []
            members.append(
              (
                "trustedCallers",
                rule.trustedCallers.map { callers in
                  .array(
                    callers.map {
                      switch $0 {
                      case .account(let account): .object([("account", .string(account))])
                      case .role(let account, let name):
                        .object([("account", .string(account)), ("role", .string(name))])
                      }
                    })
                } ?? .null
              ))
            if let externalID = rule.externalID {
              members.append(("externalId", .string(externalID)))
            }
            members.append(("mfa", .bool(rule.mfaCode != nil)))
            members.append(("maxSessionDuration", .int(Int64(rule.maxSessionDuration))))
            return (arn, .object(members))
          })
      ),
    ])
  }

  mutating func applySettings(_ body: JSONValue) throws {
    func flag(_ key: String) throws -> Bool? {
      guard let value = body[key] else { return nil }
      guard let bool = value.boolValue else {
        throw APIError(.invalidRequest, "\(key) must be true or false")
      }
      return bool
    }
    if let value = try flag("autoApprove") { options.autoApprove = value }
    if let value = try flag("denyAuthorize") { options.denyAuthorize = value }
    if let value = try flag("rotateRefreshTokens") { options.rotateRefreshTokens = value }
    if let value = try flag("errorTypeSuffix") { options.errorTypeSuffix = value }
    if let value = try flag("samlDeny") { options.saml.deny = value }
    if let value = try flag("samlEncryptAssertions") { options.saml.encryptAssertions = value }
    if let value = try flag("samlIdPInitiated") { options.saml.idpInitiated = value }
    if let value = body["samlClockOffsetSeconds"] {
      guard let seconds = value.doubleLike else {
        throw APIError(.invalidRequest, "samlClockOffsetSeconds must be a number")
      }
      options.saml.clockOffset = seconds
    }
    if let value = body["userName"] {
      guard let name = value.stringValue, (2...64).contains(name.count),
        name.unicodeScalars.allSatisfy(ServiceState.isSessionNameCharacter)
      else {
        throw APIError(
          .invalidRequest, "userName must be 2–64 of A–Z a–z 0–9 _ + = , . @ - (a session name)")
      }
      options.userName = name
    }
    if let value = body["defaultTrust"] {
      guard let text = value.stringValue,
        let trust = FakeIdentityCenter.Options.DefaultTrust(rawValue: text)
      else {
        throw APIError(.invalidRequest, "defaultTrust must be \"organisation\" or \"nobody\"")
      }
      options.defaultTrust = trust
    }
    if let value = body["slowDown"] {
      if value.stringValue == "never" {
        options.slowDown = .never
      } else if let exempt = value.intValue, exempt >= 0 {
        options.slowDown = .enforceInterval(exemptPolls: Int(exempt))
      } else {
        throw APIError(.invalidRequest, "slowDown must be \"never\" or an exempt poll count")
      }
    }
  }
}

extension JSONValue {
  /// An int or double as a Double.
  var doubleLike: Double? {
    switch self {
    case .int(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }
}
