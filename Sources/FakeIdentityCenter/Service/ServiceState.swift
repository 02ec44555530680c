import Crypto
import Foundation
import LoopbackServer

/// All mutable state of the fake, and the synchronous request processing. Always used under
/// the `Mutex` of `FakeIdentityCenter`, so nothing here needs to be thread-safe.
struct ServiceState {
  var options: FakeIdentityCenter.Options
  /// The options at start, restored by `/_fake/reset`.
  let initialOptions: FakeIdentityCenter.Options
  let catalog: Catalog
  let pageKey: SymmetricKey
  /// Added to the injected clock (`/_fake/clock`), so a subprocess can be moved in time.
  var clockOffset: TimeInterval = 0

  var clients: [String: ClientRecord] = [:]
  var deviceGrants: [String: DeviceGrantRecord] = [:]
  var deviceCodeByUserCode: [String: String] = [:]
  var pendingAuthorizations: [String: PendingAuthorization] = [:]
  var authorizationCodes: [String: AuthorizationCodeRecord] = [:]
  var sessions: [SessionRecord] = []
  var accessTokens: [String: AccessTokenRecord] = [:]
  var refreshTokens: [String: RefreshTokenRecord] = [:]
  var roleCredentials: [String: RoleCredentialRecord] = [:]
  var signinTokens: [String: Date] = [:]
  /// The SAML IdP's tenants (the options', or the demo tenant built from the organisation).
  var samlTenants: [FakeIdentityCenter.Options.SAML.Tenant]
  /// Every SAML response the IdP issued, by SHA-256 of its bytes.
  var samlAssertions: [String: IssuedSAMLAssertion] = [:]
  var faults: [FakeIdentityCenter.Options.Fault]
  /// Set by a `repeatNextToken` fault for the request being answered.
  var repeatNextToken = false
  var buckets: [Operation: TokenBucket] = [:]
  var log: [RequestLogEntry] = []
  var logStart = 0
  var stats = FakeStats()

  init(options: FakeIdentityCenter.Options, catalog: Catalog) {
    self.options = options
    initialOptions = options
    self.catalog = catalog
    var seedBytes = Array("ssopick-fake-page-token".utf8)
    withUnsafeBytes(of: options.seed.bigEndian) { seedBytes += $0 }
    pageKey = SymmetricKey(data: SHA256.hash(data: seedBytes))
    faults = options.faults
    samlTenants =
      options.saml.tenants ?? [
        FakeIdentityCenter.Options.SAML.demoTenant(
          organisation: catalog.organisation, user: options.userName)
      ]
    for (operation, limit) in options.rateLimits {
      buckets[operation] = TokenBucket(limit: limit)
    }
  }

  /// Everything the handlers need to know about the request being answered.
  struct Context {
    var request: FakeHTTPRequest
    var query: QueryString
    var now: Date
    var baseURL: String
    /// STS parameters: the form body of a `POST /`, the query of a `GET /`.
    var form = QueryString(raw: "")
    /// The request id of the answer (`x-amzn-RequestId`, and STS's `RequestId`).
    var requestID = ""
  }

  mutating func process(
    _ operation: Operation, request: FakeHTTPRequest, query: QueryString, arrival: Date,
    baseURL: String, form: QueryString? = nil
  ) -> FakeHTTPResponse {
    let context = Context(
      request: request, query: query, now: arrival.addingTimeInterval(clockOffset),
      baseURL: baseURL, form: form ?? query, requestID: SecretFactory.requestID())
    if operation == .control {
      return handleControl(context)
    }
    var response: FakeHTTPResponse
    repeatNextToken = false
    do {
      try admit(operation, context)
      response = try answer(operation, context)
    } catch let error as APIError {
      response = error.response(
        service: operation.service, withSuffix: options.errorTypeSuffix,
        requestID: context.requestID)
    } catch let injected as InjectedStatus {
      response = .text(
        injected.status, "<html><body><h1>\(injected.status)</h1></body></html>",
        contentType: "text/html")
    } catch {
      response = APIError(operation.service == .sts ? .internalFailure : .internalServer).response(
        service: operation.service, withSuffix: options.errorTypeSuffix,
        requestID: context.requestID)
    }
    response.headers.append(("x-amzn-RequestId", context.requestID))
    if operation.service == .sts {
      // STS dates every answer; a client measures its clock skew by it.
      response.headers.append(("Date", Timestamp.httpDate(context.now)))
    }
    record(operation, context, response)
    return response
  }

  struct InjectedStatus: Error {
    var status: Int
  }

  /// Rate limits first (throttling happens before anything else at AWS), then faults.
  private mutating func admit(_ operation: Operation, _ context: Context) throws {
    if var bucket = buckets[operation] {
      let allowed = bucket.take(now: context.now)
      buckets[operation] = bucket
      if !allowed {
        switch operation.service {
        case .oidc: throw APIError(.slowDown, "Rate exceeded")
        case .sts: throw APIError(.throttling, "Rate exceeded")
        default: throw APIError(.tooManyRequests, "Rate exceeded")
        }
      }
    }
    if let fault = takeFault(operation, query: context.query, answers: { $0 != .hang }) {
      switch fault.answer {
      case .exception(let exception): throw APIError(exception, "Injected fault")
      case .status(let status): throw InjectedStatus(status: status)
      case .repeatNextToken: repeatNextToken = true
      case .hang: break
      }
    }
  }

  /// Removes one use of the first armed fault for `operation` (and the request's
  /// `account_id`) whose answer passes `answers`; `repeatNextToken` only matches a request
  /// that follows a next token.
  mutating func takeFault(
    _ operation: Operation, query: QueryString,
    answers: (FakeIdentityCenter.Options.Fault.Answer) -> Bool
  ) -> FakeIdentityCenter.Options.Fault? {
    let accountId = query["account_id"]
    let following = query["next_token"] != nil
    guard
      let index = faults.firstIndex(where: {
        $0.operation == operation && ($0.accountId == nil || $0.accountId == accountId)
          && answers($0.answer) && ($0.answer != .repeatNextToken || following)
      })
    else { return nil }
    let fault = faults[index]
    if fault.count <= 1 {
      faults.remove(at: index)
    } else {
      faults[index].count -= 1
    }
    return fault
  }

  private mutating func answer(_ operation: Operation, _ context: Context) throws
    -> FakeHTTPResponse
  {
    switch operation {
    case .registerClient: return try registerClient(context)
    case .startDeviceAuthorization: return try startDeviceAuthorization(context)
    case .createToken: return try createToken(context)
    case .authorize: return authorize(context)
    case .authorizeConsent: return authorizeConsent(context)
    case .deviceVerification: return deviceVerification(context)
    case .listAccounts: return try listAccounts(context)
    case .listAccountRoles: return try listAccountRoles(context)
    case .getRoleCredentials: return try getRoleCredentials(context)
    case .logout: return try logout(context)
    case .getSigninToken: return getSigninToken(context)
    case .federationLogin: return federationLogin(context)
    case .getCallerIdentity: return try getCallerIdentity(context)
    case .assumeRole: return try assumeRole(context)
    case .assumeRoleWithSAML: return try assumeRoleWithSAML(context)
    case .samlSignOn: return samlSignOn(context)
    case .unknownSTSAction:
      throw APIError(
        .invalidAction,
        "Could not find operation \(context.form["Action"] ?? "") for version 2011-06-15")
    case .control: return handleControl(context)
    case .unknown:
      throw APIError(
        .unknownOperation,
        "No operation matches \(context.request.method) \(context.request.path)")
    }
  }

  private mutating func record(
    _ operation: Operation, _ context: Context, _ response: FakeHTTPResponse
  ) {
    stats.total += 1
    stats.operations[operation, default: 0] += 1
    stats.statuses[response.status, default: 0] += 1
    guard options.requestLogLimit > 0 else { return }
    let errorType = response.header("x-amzn-ErrorType").map {
      String($0.split(separator: ":", maxSplits: 1).first ?? "")
    }
    let entry = RequestLogEntry(
      method: context.request.method, path: context.request.path, operation: operation,
      queryNames: context.query.names, status: response.status, errorType: errorType)
    if log.count < options.requestLogLimit {
      log.append(entry)
    } else {
      log[logStart] = entry
      logStart = (logStart + 1) % log.count
    }
  }

  /// The log, oldest first.
  var orderedLog: [RequestLogEntry] {
    Array(log[logStart...] + log[..<logStart])
  }

  mutating func clearLog() {
    log = []
    logStart = 0
  }

  /// Back to a just-started server: same organisation and options, no clients, tokens or
  /// codes, faults and rate limits as configured, empty log and counters, clock offset 0.
  mutating func reset(to options: FakeIdentityCenter.Options) {
    let inFlight = stats.inFlight
    self = ServiceState(options: options, catalog: catalog)
    stats.inFlight = inFlight
    stats.maxInFlight = inFlight
  }
}
