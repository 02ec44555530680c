/// Every kind of request the fake answers, named like the AWS operations.
public enum Operation: String, Sendable, CaseIterable, Codable {
  /// OIDC `POST /client/register`.
  case registerClient = "RegisterClient"
  /// OIDC `POST /device_authorization`.
  case startDeviceAuthorization = "StartDeviceAuthorization"
  /// OIDC `POST /token`.
  case createToken = "CreateToken"
  /// OIDC `GET /authorize` (the browser step of PKCE).
  case authorize = "Authorize"
  /// The fake's consent page decision (`GET /authorize/consent`).
  case authorizeConsent = "AuthorizeConsent"
  /// The fake's device verification page (`GET`/`POST /device`).
  case deviceVerification = "DeviceVerification"
  /// Portal `GET /assignment/accounts`.
  case listAccounts = "ListAccounts"
  /// Portal `GET /assignment/roles`.
  case listAccountRoles = "ListAccountRoles"
  /// Portal `GET /federation/credentials`.
  case getRoleCredentials = "GetRoleCredentials"
  /// Portal `POST /logout`.
  case logout = "Logout"
  /// Sign-in `GET /federation?Action=getSigninToken`.
  case getSigninToken = "GetSigninToken"
  /// Sign-in `GET /federation?Action=login`.
  case federationLogin = "FederationLogin"
  /// STS `GetCallerIdentity` (`POST /` with `Action=GetCallerIdentity`, or `GET /?Action=…`).
  case getCallerIdentity = "GetCallerIdentity"
  /// STS `AssumeRole`.
  case assumeRole = "AssumeRole"
  /// STS `AssumeRoleWithSAML` (unsigned).
  case assumeRoleWithSAML = "AssumeRoleWithSAML"
  /// The fake Entra ID SAML endpoint, `GET /<tenant>/saml2` (the browser step).
  case samlSignOn = "SAMLSignOn"
  /// Any other STS `Action` (answered `InvalidAction`).
  case unknownSTSAction = "UnknownSTSAction"
  /// Test control under `/_fake/`.
  case control = "Control"
  /// Anything else (answered 404).
  case unknown = "Unknown"

  /// Which wire conventions the operation's errors follow.
  enum Service {
    case oidc, portal, signin, browser, control, sts
  }

  var service: Service {
    switch self {
    case .registerClient, .startDeviceAuthorization, .createToken: .oidc
    case .listAccounts, .listAccountRoles, .getRoleCredentials, .logout, .unknown: .portal
    case .getSigninToken, .federationLogin: .signin
    case .authorize, .authorizeConsent, .deviceVerification, .samlSignOn: .browser
    case .getCallerIdentity, .assumeRole, .assumeRoleWithSAML, .unknownSTSAction: .sts
    case .control: .control
    }
  }

  /// The operation for a request; `form` is the form body of a `POST /` (STS's query protocol
  /// puts its parameters there, a `GET /` in the query).
  static func route(method: String, path: String, query: QueryString, form: QueryString? = nil)
    -> Operation
  {
    if path.hasPrefix("/_fake/") { return .control }
    if path == "/", let action = (method == "POST" ? form : query)?["Action"] {
      switch action {
      case "GetCallerIdentity": return .getCallerIdentity
      case "AssumeRole": return .assumeRole
      case "AssumeRoleWithSAML": return .assumeRoleWithSAML
      default: return .unknownSTSAction
      }
    }
    if method == "GET", path.hasSuffix("/saml2"), path.split(separator: "/").count == 2 {
      return .samlSignOn
    }
    switch (method, path) {
    case ("POST", "/client/register"): return .registerClient
    case ("POST", "/device_authorization"): return .startDeviceAuthorization
    case ("POST", "/token"): return .createToken
    case ("GET", "/authorize"): return .authorize
    case ("GET", "/authorize/consent"): return .authorizeConsent
    case ("GET", "/device"), ("POST", "/device"): return .deviceVerification
    case ("GET", "/assignment/accounts"): return .listAccounts
    case ("GET", "/assignment/roles"): return .listAccountRoles
    case ("GET", "/federation/credentials"): return .getRoleCredentials
    case ("POST", "/logout"): return .logout
    case ("GET", "/federation"):
      switch query["Action"] {
      case "getSigninToken": return .getSigninToken
      case "login": return .federationLogin
      default: return .getSigninToken
      }
    default: return .unknown
    }
  }
}
