import Foundation

/// The PKCE authorization-code login (spec §4): a loopback listener, the browser at
/// /authorize, the redirect with a code, and CreateToken with the verifier.
public struct PKCEFlow: Sendable {
  /// How long the browser has to answer (the AWS CLI's 600 s).
  public static let timeout: Duration = .seconds(600)

  private let oidc: OIDCClient
  private let time: any TimeSource

  /// Creates the flow over an OIDC client and a clock.
  public init(oidc: OIDCClient, time: any TimeSource) {
    self.oidc = oidc
    self.time = time
  }

  /// Runs the flow with a listener that is already bound (bind it before registering, so a
  /// failure to listen is reported before anything else happens).
  public func run(
    registration: ClientRegistration, scopes: [String], listener: LoopbackRedirectListener,
    presenter: any LoginPresenter, pkce: PKCE = PKCE(), state: String? = nil
  ) async throws -> TokenResponse {
    // A random UUID v4 in lowercase, as the CLI (spec §4.2 step 4).
    let state = state ?? UUID().uuidString.lowercased()
    let url = Self.authorizeURL(
      oidcEndpoint: oidc.endpoint, clientID: registration.clientID,
      redirectURI: listener.redirectURI, state: state, scopes: scopes, challenge: pkce.challenge)
    let timeout = Self.timeout
    await presenter.present(
      .browser(
        authorizeURL: url,
        expiresAt: time.now.addingTimeInterval(TimeInterval(timeout.components.seconds))))

    let time = self.time
    let answer: RedirectResult? = try await withThrowingTaskGroup(of: RedirectResult?.self) {
      group in
      group.addTask { try await listener.waitForRedirect() }
      group.addTask {
        try await time.sleep(for: timeout)
        return nil
      }
      defer { group.cancelAll() }
      return try await group.next() ?? nil
    }
    listener.close()

    switch answer {
    case nil:
      throw AuthError.browserTimedOut(minutes: Int(timeout.components.seconds / 60))
    case .error(let error, let description):
      if error == "access_denied" { throw AuthError.accessDenied }
      throw AuthError.authorizationFailed(error: error, description: description)
    case .code(let code, let returnedState):
      guard returnedState == state else { throw AuthError.stateMismatch }
      do {
        return try await oidc.createToken(
          client: registration,
          grant: .authorizationCode(
            code: code, redirectURI: listener.redirectURI, codeVerifier: pkce.verifier))
      } catch let error as AWSServiceError where error.code == "ExpiredTokenException" {
        throw AuthError.deviceCodeExpired
      } catch {
        throw AuthError.wrapping(error, operation: "CreateToken")
      }
    }
  }

  /// The authorize URL exactly as the AWS CLI builds it (spec §4.2 step 5): the OIDC
  /// endpoint's scheme, host and port (a path is dropped), then the parameters in order,
  /// scopes joined by one space under the plural name `scopes`, the challenge last.
  public static func authorizeURL(
    oidcEndpoint: String, clientID: String, redirectURI: String, state: String,
    scopes: [String], challenge: String
  ) -> String {
    let query = PercentEncoding.query([
      ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI),
      ("state", state), ("code_challenge_method", "S256"),
      ("scopes", scopes.isEmpty ? "sso:account:access" : scopes.joined(separator: " ")),
    ])
    return "\(origin(of: oidcEndpoint))/authorize?\(query)&code_challenge=\(challenge)"
  }

  /// `scheme://host[:port]` of `url`.
  static func origin(of url: String) -> String {
    guard let schemeEnd = url.range(of: "://") else { return url }
    let rest = url[schemeEnd.upperBound...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    return String(url[..<schemeEnd.upperBound]) + rest[..<authorityEnd]
  }
}
