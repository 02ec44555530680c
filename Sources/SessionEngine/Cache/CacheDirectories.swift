/// Where ssopick and the AWS tools keep their caches.
///
/// - `~/.aws/sso/cache/` — the AWS CLI v2 token and registration files (spec §7.1; not
///   relocatable by any variable).
/// - `~/.aws/cli/cache/` — the AWS CLI's role-credential cache (spec §8).
/// - `$XDG_CACHE_HOME/ssopick/` (default `~/.cache/ssopick/`) — ssopick's own: one folder per
///   session, named by the session's token-cache key, holding the catalog, recent choices and
///   locks. `ssopick logout` empties a session's folder but keeps its lock files.
public struct CacheDirectories: Sendable, Equatable {
  /// `~/.aws/sso/cache`.
  public var ssoCache: String
  /// `~/.aws/cli/cache`.
  public var cliCache: String
  /// `$XDG_CACHE_HOME/ssopick` or `~/.cache/ssopick`.
  public var ssopickCache: String

  /// Uses the given folders.
  public init(ssoCache: String, cliCache: String, ssopickCache: String) {
    self.ssoCache = ssoCache
    self.cliCache = cliCache
    self.ssopickCache = ssopickCache
  }

  /// The folders for `environment`'s `HOME` and `XDG_CACHE_HOME` (a relative
  /// `XDG_CACHE_HOME` is ignored, as the XDG specification says).
  public init(environment: Environment) throws(ConfigError) {
    guard let home = environment.homeDirectory else { throw .homeNotSet(needed: "the SSO cache") }
    let base = home.hasSuffix("/") ? String(home.dropLast()) : home
    ssoCache = base + "/.aws/sso/cache"
    cliCache = base + "/.aws/cli/cache"
    if let xdg = environment.nonEmpty("XDG_CACHE_HOME"), xdg.hasPrefix("/") {
      ssopickCache = (xdg.hasSuffix("/") ? String(xdg.dropLast()) : xdg) + "/ssopick"
    } else {
      ssopickCache = base + "/.cache/ssopick"
    }
  }

  /// The token file for `session` (spec §7.2).
  public func tokenFile(for session: SSOSession) -> String {
    ssoCache + "/" + CacheKey.token(sessionName: session.name, startURL: session.startURL)
      + ".json"
  }

  /// The client-registration file for `session` (spec §7.3).
  public func registrationFile(for session: SSOSession) -> String {
    ssoCache + "/"
      + CacheKey.registration(
        startURL: session.startURL, region: session.region,
        scopes: session.registrationScopes.isEmpty ? nil : session.registrationScopes,
        sessionName: session.name) + ".json"
  }

  /// ssopick's own folder for `session` (catalog, recents, locks).
  public func sessionFolder(for session: SSOSession) -> String {
    ssopickCache + "/sessions/"
      + CacheKey.token(sessionName: session.name, startURL: session.startURL)
  }

  /// The file whose lock serialises logins and refreshes of `session` across processes.
  /// It lives in ssopick's folder, so no AWS tool ever sees it.
  public func loginLockFile(for session: SSOSession) -> String {
    sessionFolder(for: session) + "/login"
  }
}
