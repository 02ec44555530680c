public import Foundation
public import LoopbackServer
import Synchronization

/// A faithful local IAM Identity Center: the SSO OIDC service (`/client/register`,
/// `/device_authorization`, `/token`, `/authorize`), the SSO portal (`/assignment/accounts`,
/// `/assignment/roles`, `/federation/credentials`, `/logout`), console federation
/// (`/federation`), STS (`POST /` with `Action=GetCallerIdentity` or `AssumeRole`, SigV4
/// verified against the credentials the fake issued, and the unsigned `AssumeRoleWithSAML`),
/// an Entra ID-style SAML identity provider (`GET /<tenant>/saml2`, the HTTP-Redirect
/// binding; see `Options.SAML`) and a test-control API under `/_fake/`, on one HTTP port on
/// 127.0.0.1.
///
/// Point clients at it with `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL_SSO_OIDC` and
/// `AWS_ENDPOINT_URL_STS`. Tests can
/// skip the socket and call `handle(_:)` directly; every expiry and rate decision uses the
/// injected `FakeClock`.
public final class FakeIdentityCenter: Sendable {
  /// The options the fake started with (runtime changes go through `/_fake/settings`).
  public let options: Options
  /// The organisation being served.
  public let organisation: Organisation
  private let clock: any FakeClock
  private let state: Mutex<ServiceState>
  private let server = Mutex<FakeHTTPServer?>(nil)
  private let base = Mutex<String>("http://127.0.0.1")

  /// Builds the organisation and validates `options`; throws `FakeIdentityCenterError`.
  public init(options: Options = Options(), clock: any FakeClock = SystemFakeClock()) throws {
    try options.validate()
    let organisation: Organisation
    switch options.organisation {
    case .demo: organisation = .demo
    case .generated(let accounts, let roles):
      organisation = try .generated(accounts: accounts, rolesPerAccount: roles, seed: options.seed)
    case .file(let url): organisation = try .load(from: url)
    case .custom(let custom): organisation = custom
    }
    self.options = options
    self.organisation = organisation
    self.clock = clock
    state = Mutex(ServiceState(options: options, catalog: Catalog(organisation)))
  }

  // MARK: Serving

  /// Starts listening on 127.0.0.1:`port` (0 picks a free port) and returns the base URL,
  /// e.g. `http://127.0.0.1:49213`.
  @discardableResult
  public func start(port: UInt16 = 0) async throws -> URL {
    await stop()
    let httpServer: FakeHTTPServer
    do {
      httpServer = try FakeHTTPServer(port: port) { [self] request in await handle(request) }
    } catch {
      throw FakeIdentityCenterError.cannotListen(reason: error.description)
    }
    let text = "http://127.0.0.1:\(httpServer.port)"
    base.withLock { $0 = text }
    server.withLock { $0 = httpServer }
    guard let url = URL(string: text) else {
      await httpServer.stop()
      throw FakeIdentityCenterError.cannotListen(reason: "bad URL \(text)")
    }
    return url
  }

  /// The base URL while serving (nil before `start`).
  public var baseURL: URL? {
    server.withLock { $0 } == nil ? nil : URL(string: base.withLock { $0 })
  }

  /// Stops listening, closes every connection and waits until the server's threads have
  /// ended. Requests in progress are cancelled (their injected latency ends at once) and get
  /// no answer.
  public func stop() async {
    guard
      let running = server.withLock({ current in
        defer { current = nil }
        return current
      })
    else { return }
    await running.stop()
  }

  // MARK: Handling

  /// Answers one request exactly as the server would (without a socket).
  public func handle(_ request: FakeHTTPRequest) async -> FakeHTTPResponse {
    let arrival = clock.now
    let query = QueryString(raw: request.rawQuery, plusIsSpace: request.path == "/federation")
    // STS's query protocol: form parameters in the body of `POST /` (a form: `+` is a space).
    let form =
      request.path == "/" && request.method == "POST"
      ? QueryString(raw: String(decoding: request.body, as: UTF8.self), plusIsSpace: true) : nil
    let operation = Operation.route(
      method: request.method, path: request.path, query: query, form: form)
    let counted = operation != .control
    if counted, state.withLock({ $0.takeFault(operation, query: query) { $0 == .hang } }) != nil {
      // Hold the request until the client gives up or the server stops.
      try? await clock.sleep(for: .seconds(7 * 86_400))
      return FakeHTTPResponse.text(503, "hung", contentType: "text/plain")
    }
    if counted {
      state.withLock {
        $0.stats.inFlight += 1
        $0.stats.maxInFlight = max($0.stats.maxInFlight, $0.stats.inFlight)
      }
      let delay = currentDelay()
      if delay > .zero {
        try? await clock.sleep(for: delay)
      }
    }
    let baseURL = base.withLock { $0 }
    let response = state.withLock {
      $0.process(
        operation, request: request, query: query, arrival: arrival, baseURL: baseURL, form: form)
    }
    if counted {
      state.withLock { $0.stats.inFlight -= 1 }
    }
    return response
  }

  func withState<Result: Sendable>(_ body: (inout ServiceState) throws -> Result) rethrows
    -> Result
  {
    try state.withLock { try body(&$0) }
  }

  /// The injected clock's time plus the control offset.
  var clockNow: Date {
    let offset = state.withLock { $0.clockOffset }
    return clock.now.addingTimeInterval(offset)
  }

  private func currentDelay() -> Duration {
    guard options.jitter > .zero else { return options.latency }
    let jitterNanoseconds =
      options.jitter.components.seconds * 1_000_000_000
      + options.jitter.components.attoseconds / 1_000_000_000
    return options.latency + .nanoseconds(Int64.random(in: 0...max(0, jitterNanoseconds)))
  }
}
