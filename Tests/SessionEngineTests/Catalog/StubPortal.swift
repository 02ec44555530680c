import Foundation
import SSOPickTestSupport
import SessionEngine
import Synchronization

/// An in-memory SSO portal for loader tests: ListAccounts and ListAccountRoles over an
/// organisation, with page sizes of its own choosing (it ignores `max_result`, as a server
/// may), hostile next tokens, and a hook that can answer any call differently (errors,
/// throttling, repeated tokens). Every call is recorded.
final class StubPortal: HTTPTransport, Sendable {
  struct Account: Sendable {
    var id: String
    var name: String
    var email: String
    var roles: [String]
  }

  /// One call, as the stub understood it.
  struct Call: Sendable, Equatable {
    var operation: String
    var accountID: String?
    var nextToken: String?
    var maxResult: String?
    var bearer: String?
  }

  /// Answers a call differently: return a response, or nil for the normal answer. The
  /// second argument counts earlier calls with the same operation and account.
  typealias Hook = @Sendable (Call, Int) -> HTTPResponse?

  let accounts: [Account]
  let accountsPageSize: Int
  let rolesPageSize: Int
  let validTokens: Set<String>
  private let state = Mutex(State())

  private struct State {
    var calls: [Call] = []
    var counts: [String: Int] = [:]
    var hook: Hook?
    var inFlight = 0
    var maxInFlight = 0
  }

  init(
    accounts: [Account], accountsPageSize: Int = 100, rolesPageSize: Int = 100,
    validTokens: Set<String> = ["token-1"], hook: Hook? = nil
  ) {
    self.accounts = accounts
    self.accountsPageSize = accountsPageSize
    self.rolesPageSize = rolesPageSize
    self.validTokens = validTokens
    state.withLock { $0.hook = hook }
  }

  var calls: [Call] { state.withLock { $0.calls } }
  var maxInFlight: Int { state.withLock { $0.maxInFlight } }

  func setHook(_ hook: Hook?) { state.withLock { $0.hook = hook } }

  /// A token that needs every kind of escaping: `+`, `/`, `=`, space, `&`, `%`, `?`, `#`,
  /// non-ASCII.
  static func hostileToken(_ listing: String, _ offset: Int) -> String {
    "AAMA+/\(listing)/=&%?# é\(offset)=="
  }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    state.withLock {
      $0.inFlight += 1
      $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
    }
    // Let other calls overlap with this one, as a real network would.
    for _ in 0..<3 { await Task.yield() }
    defer { state.withLock { $0.inFlight -= 1 } }
    let call = Self.parse(request)
    let (hook, count) = state.withLock { state -> (Hook?, Int) in
      state.calls.append(call)
      let key = call.operation + "/" + (call.accountID ?? "")
      let count = state.counts[key, default: 0]
      state.counts[key] = count + 1
      return (state.hook, count)
    }
    if let answer = hook?(call, count) { return answer }
    guard let bearer = call.bearer, validTokens.contains(bearer) else {
      return .awsError(
        401, "UnauthorizedException", #"{"message":"Session token not found or invalid"}"#)
    }
    switch call.operation {
    case "ListAccounts":
      let listing = accounts.map {
        #"{"accountId":"\#($0.id)","accountName":\#(Self.json($0.name)),"emailAddress":\#(Self.json($0.email))}"#
      }
      return page(
        listing, key: "accountList", listing: "accounts", token: call.nextToken,
        size: accountsPageSize)
    case "ListAccountRoles":
      guard let account = accounts.first(where: { $0.id == call.accountID }) else {
        return .awsError(404, "ResourceNotFoundException", #"{"message":"Account not found"}"#)
      }
      let listing = account.roles.map {
        #"{"roleName":\#(Self.json($0)),"accountId":"\#(account.id)"}"#
      }
      return page(
        listing, key: "roleList", listing: "roles-" + account.id,
        token: call.nextToken, size: rolesPageSize)
    default:
      return .awsError(400, "InvalidRequestException", #"{"message":"unknown"}"#)
    }
  }

  private func page(
    _ items: [String], key: String, listing: String, token: String?, size: Int
  ) -> HTTPResponse {
    var start = 0
    if let token {
      guard
        let offset = (0...items.count).first(where: { Self.hostileToken(listing, $0) == token })
      else {
        return .awsError(400, "InvalidRequestException", #"{"message":"Invalid next token"}"#)
      }
      start = offset
    }
    let end = min(items.count, start + size)
    let next = end < items.count ? Self.json(Self.hostileToken(listing, end)) : "null"
    return .json(
      200, #"{"nextToken":\#(next),"\#(key)":[\#(items[start..<end].joined(separator: ","))]}"#)
  }

  static func parse(_ request: HTTPRequest) -> Call {
    let parts = request.url.split(separator: "?", maxSplits: 1)
    var query: [String: String] = [:]
    if parts.count == 2 {
      for pair in parts[1].split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        query[String(kv[0])] = kv.count > 1 ? PercentEncoding.decode(String(kv[1])) : ""
      }
    }
    let path = String(parts[0])
    let operation =
      path.hasSuffix("/assignment/accounts")
      ? "ListAccounts" : path.hasSuffix("/assignment/roles") ? "ListAccountRoles" : path
    return Call(
      operation: operation, accountID: query["account_id"], nextToken: query["next_token"],
      maxResult: query["max_result"],
      bearer: request.headers.value(for: "x-amz-sso_bearer_token"))
  }

  static func json(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
  }

  /// `count` accounts named `acct-NN` with `roles(index)` roles each.
  static func organisation(_ count: Int, roles: (Int) -> Int) -> [Account] {
    (0..<count).map { index -> Account in
      let id: Int = 100_000_000_000 + index * 7919
      let number: Int = 1_000 + (index * 37) % count
      return Account(
        id: String(id),
        name: "acct-" + String(number).dropFirst(),
        email: "aws+\(index)@example.com",
        roles: (0..<roles(index)).map { "Role\($0)" })
    }
  }
}

/// Gives out tokens in order: the first from `accessToken()`, the next one for each
/// renewal (or fails the renewal when none are left). Counts renewals.
final class SequenceTokens: AccessTokenProvider {
  private let state: Mutex<(tokens: [String], renewals: Int)>

  init(_ tokens: [String]) { state = Mutex((tokens, 0)) }

  var renewals: Int { state.withLock { $0.renewals } }

  func accessToken() async throws -> String {
    try state.withLock { state in
      guard let first = state.tokens.first else { throw PortalError.unauthorized(operation: "x") }
      return first
    }
  }

  func renewAccessToken(after rejected: String) async throws -> String {
    try state.withLock { state in
      state.renewals += 1
      guard state.tokens.count > 1, state.tokens[0] == rejected else {
        throw AuthError.notSignedIn(session: "acme", loginCommand: "ssopick login")
      }
      state.tokens.removeFirst()
      return state.tokens[0]
    }
  }
}

/// Collects a listing's events.
func collect(_ listing: CatalogListing) async -> [CatalogEvent] {
  var events: [CatalogEvent] = []
  for await event in listing.events { events.append(event) }
  return events
}

extension [CatalogEvent] {
  var finishedCatalog: Catalog? {
    for case .finished(let catalog, _) in self { return catalog }
    return nil
  }

  var failureMessage: String? {
    for case .failed(let message) in self { return message }
    return nil
  }

  var accountFailures: [String: String] {
    var failures: [String: String] = [:]
    for case .accountFailed(let id, let message) in self { failures[id] = message }
    return failures
  }
}
