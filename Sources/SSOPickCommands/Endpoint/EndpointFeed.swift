public import SessionEngine

/// What the credentials endpoint serves for one role: on every request, the role's
/// credentials from the one path for them — ``RoleCredentialsService`` (the shared cache
/// while they last 45 minutes more, else GetRoleCredentials with its retries, the sign-in
/// token refreshed silently when needed) and, with `--assume`, ``RoleChainer`` — so what the
/// SDK gets always has time left, and is renewed before it expires.
///
/// It never signs in (a prompt in the middle of the command's output would help no one).
/// When the sign-in has ended it says so on stderr, once, and the endpoint answers 503 with
/// what to run, which the SDK shows in its error; after `ssopick login` elsewhere it serves
/// again (and says so). Other failures (the portal not answering) are said the same way.
public actor EndpointFeed {
  /// Gets the credentials to serve.
  public typealias Fetch = @Sendable () async throws -> RoleCredentials

  private let fetch: Fetch
  private let console: Console
  private let command: String
  /// The failure said last; `nil` while credentials are served.
  private var failing: String?

  /// A feed of `fetch`'s credentials; messages go to `console`, prefixed with `command`
  /// (`ssopick serve`).
  public init(fetch: @escaping Fetch, console: Console, command: String) {
    self.fetch = fetch
    self.console = console
    self.command = command
  }

  /// The answer for one request.
  public func answer() async -> CredentialsEndpoint.Answer {
    do {
      let credentials = try await fetch()
      if failing != nil {
        failing = nil
        console.say("\(command): credentials are served again.")
      }
      return .credentials(credentials)
    } catch {
      let ended = Self.signInEnded(error)
      let message =
        ended
        ? "the sign-in has ended: \(error)" : "could not renew the credentials: \(error)"
      if failing != message {
        failing = message
        console.say("\(command): \(message) Until then the credentials endpoint answers 503.")
      }
      return .unavailable(
        code: ended ? "SignInEnded" : "CredentialsUnavailable", message: "ssopick: \(message)")
    }
  }

  /// Whether `error` means the sign-in is over (not that the service is unwell).
  static func signInEnded(_ error: any Error) -> Bool {
    switch error {
    case AuthError.notSignedIn, PortalError.unauthorized: true
    default: false
    }
  }

  /// The credentials of `roleName` in `accountID` through `service`, then `chain` assumed
  /// from them (each hop cached as usual) — the same calls `RoleActions.perform` makes.
  public static func fetching(
    _ service: RoleCredentialsService, accountID: String, roleName: String, chain: RoleChain,
    region: String?
  ) -> Fetch {
    guard !chain.isEmpty else {
      return { try await service.credentials(accountID: accountID, roleName: roleName) }
    }
    return {
      try await RoleChainer.assume(
        chain, from: service, accountID: accountID, roleName: roleName, region: region
      ).credentials
    }
  }

  /// A feed for `role` that never signs in: a service of its own with `LoginPermission.never`.
  static func renewing(
    workspace: Workspace, session: SessionContext, accountID: String, roleName: String,
    chain: RoleChain, region: String?, command: String
  ) -> EndpointFeed {
    let service = RoleCredentialsService(workspace: workspace, session: session, login: .never)
    return EndpointFeed(
      fetch: fetching(
        service, accountID: accountID, roleName: roleName, chain: chain, region: region),
      console: workspace.console, command: command)
  }
}

/// Why a credentials endpoint cannot be set up for this role.
public enum EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `--mfa-serial`: each renewal would need a new code, typed by you.
  case mfaCannotRenew

  /// What to do instead.
  public var description: String {
    switch self {
    case .mfaCannotRenew:
      "Credentials behind --mfa-serial cannot be renewed without a new code from you, so "
        + "--refresh and serve do not take them; drop --refresh (the keys then last as long as "
        + "--duration)."
    }
  }
}

extension RoleChain {
  /// Throws when the chain cannot be renewed unattended (an MFA code on any hop).
  func checkRenewable() throws(EndpointError) {
    if steps.contains(where: { $0.mfaSerial != nil }) { throw .mfaCannotRenew }
  }
}
