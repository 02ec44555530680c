import Foundation

/// Builds an AWS Management Console sign-in URL from role credentials (spec §11): asks the
/// federation endpoint for a sign-in token, then puts it into a `login` URL with the
/// destination. The URL signs anyone in for 15 minutes: it is a secret, never logged and
/// never part of an error message.
///
/// The federation endpoint is the partition's (spec §6.4, `ConsoleEndpoints`), chosen from
/// the sign-in's region (the accounts are in the same partition as the IAM Identity Center
/// instance), or `SSOPICK_FEDERATION_ENDPOINT` (a full URL, e.g.
/// `https://signin.aws.amazon.com/federation`; tests point it at FakeIdentityCenter).
///
/// `SessionDuration` (console session length) is sent only when asked for; if the
/// endpoint refuses the request with it, it is tried once more without it, since the
/// limits for IAM Identity Center credentials are not documented.
public struct ConsoleSignIn: Sendable {
  /// The environment variable that overrides the federation endpoint.
  public static let endpointVariable = "SSOPICK_FEDERATION_ENDPOINT"
  /// The `Issuer` parameter: shown by the console when the session expires.
  public static let issuer = "ssopick"

  /// The federation endpoint URL (without query).
  public let federationURL: String
  /// The console home for the partition and region (the default destination).
  public let consoleHomeURL: String
  private let transport: any HTTPTransport

  /// The endpoints for a sign-in in `ssoRegion`, opening the console in `region` (or the
  /// sign-in's region when `nil`), honouring `SSOPICK_FEDERATION_ENDPOINT`.
  public init(
    ssoRegion: String, region: String?, environment: Environment, transport: any HTTPTransport
  ) throws(OutputError) {
    let consoleRegion = region ?? ssoRegion
    let partitionEndpoints = ConsoleEndpoints.forRegion(consoleRegion)
    if let override = environment.nonEmpty(Self.endpointVariable) {
      guard let url = URLComponents(string: override),
        url.scheme == "https" || url.scheme == "http",
        url.host?.isEmpty == false
      else { throw .invalidFederationEndpoint(override) }
      federationURL = override
    } else {
      guard let partitionEndpoints else { throw .consoleUnavailable(region: consoleRegion) }
      federationURL = partitionEndpoints.federationURL
    }
    consoleHomeURL =
      partitionEndpoints?.consoleHomeURL
      ?? "https://console.aws.amazon.com/console/home?region=\(consoleRegion)"
    self.transport = transport
  }

  /// The destination for `--destination`: an https URL as given, or a path (`/s3/home`)
  /// on the partition's console host; `nil` gives the console home.
  public func destination(_ requested: String?) throws(OutputError) -> String {
    guard let requested, !requested.isEmpty else { return consoleHomeURL }
    if requested.hasPrefix("/") {
      guard let home = URLComponents(string: consoleHomeURL), let scheme = home.scheme,
        let host = home.host
      else { throw .invalidDestination(requested) }
      return "\(scheme)://\(host)\(requested)"
    }
    guard let url = URLComponents(string: requested), url.scheme == "https",
      url.host?.isEmpty == false
    else { throw .invalidDestination(requested) }
    return requested
  }

  /// The `getSigninToken` request URL (a secret: it carries the keys).
  public func signinTokenRequestURL(_ credentials: RoleCredentials, sessionDuration: Int?)
    -> String
  {
    let session = PythonJSON.object([
      ("sessionId", .string(credentials.accessKeyID)),
      ("sessionKey", .string(credentials.secretAccessKey)),
      ("sessionToken", .string(credentials.sessionToken)),
    ]).rendered(style: .compact)
    var query = [("Action", "getSigninToken")]
    if let sessionDuration { query.append(("SessionDuration", String(sessionDuration))) }
    query.append(("Session", session))
    return federationURL + "?" + PercentEncoding.query(query)
  }

  /// The `login` URL for `signinToken` and `destination` (a secret).
  public func loginURL(signinToken: String, destination: String) -> String {
    federationURL + "?"
      + PercentEncoding.query([
        ("Action", "login"), ("Issuer", Self.issuer), ("Destination", destination),
        ("SigninToken", signinToken),
      ])
  }

  /// The sign-in URL for `credentials` opening `destination`: one `getSigninToken` call
  /// (two when a `sessionDuration` was refused).
  public func signInURL(
    _ credentials: RoleCredentials, destination: String, sessionDuration: Int? = nil
  ) async throws(OutputError) -> String {
    let token: String
    do throws(OutputError) {
      token = try await signinToken(credentials, sessionDuration: sessionDuration)
    } catch .federationRefused where sessionDuration != nil {
      token = try await signinToken(credentials, sessionDuration: nil)
    }
    return loginURL(signinToken: token, destination: destination)
  }

  private func signinToken(_ credentials: RoleCredentials, sessionDuration: Int?)
    async throws(OutputError) -> String
  {
    let request = HTTPRequest(
      method: "GET",
      url: signinTokenRequestURL(credentials, sessionDuration: sessionDuration),
      headers: [HTTPHeader("User-Agent", SSOPickVersion.userAgent)])
    let response: HTTPResponse
    do {
      response = try await transport.send(request)
    } catch let error as HTTPTransportError {
      throw .federationUnreachable(error)
    } catch {
      throw .federationUnreachable(
        HTTPTransportError(kind: .other, message: "the request failed", host: ""))
    }
    guard response.status == 200 else { throw .federationRefused(status: response.status) }
    struct Answer: Decodable {
      var signinToken: String
      enum CodingKeys: String, CodingKey { case signinToken = "SigninToken" }
    }
    guard let answer = try? JSONDecoder().decode(Answer.self, from: response.body),
      !answer.signinToken.isEmpty
    else { throw .malformedFederationResponse }
    return answer.signinToken
  }
}
