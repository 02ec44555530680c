import Foundation
import LoopbackServer

/// The console sign-in federation endpoint (spec §11): `getSigninToken` exchanges role
/// credentials the fake issued for a sign-in token; `login` redirects to the destination.
/// Errors are 400 with a plain-text body (the real body format is unverified).
extension ServiceState {
  static let consoleHosts = [
    "console.aws.amazon.com", "console.amazonaws-us-gov.com",
    "console.amazonaws.cn",
  ]

  mutating func getSigninToken(_ context: Context) -> FakeHTTPResponse {
    let query = context.query
    guard query["Action"] == "getSigninToken" else {
      return .text(400, "Action must be getSigninToken or login")
    }
    if let duration = query["SessionDuration"] {
      guard let seconds = Int(duration), (900...43_200).contains(seconds) else {
        return .text(400, "SessionDuration must be 900–43200 seconds")
      }
    }
    guard let sessionText = query["Session"],
      let session = JSONValue.parse(Data(sessionText.utf8)),
      let id = session["sessionId"]?.stringValue, let key = session["sessionKey"]?.stringValue,
      let token = session["sessionToken"]?.stringValue
    else {
      return .text(
        400, "Session must be JSON with string members sessionId, sessionKey and sessionToken")
    }
    guard let issued = roleCredentials[id], issued.secretAccessKey == key,
      issued.sessionToken == token
    else {
      return .text(400, "The session credentials are not valid")
    }
    guard issued.expiresAt > context.now else {
      return .text(400, "The session credentials have expired")
    }
    let signinToken = SecretFactory.signinToken()
    signinTokens[signinToken] = context.now
    return .json(200, .object([("SigninToken", .string(signinToken))]))
  }

  func federationLogin(_ context: Context) -> FakeHTTPResponse {
    let query = context.query
    guard let token = query["SigninToken"], let issuedAt = signinTokens[token] else {
      return .text(400, "SigninToken is missing or unknown")
    }
    guard context.now.timeIntervalSince(issuedAt) < options.signinTokenLifetime else {
      return .text(400, "SigninToken has expired")
    }
    guard let destination = query["Destination"],
      let url = URLComponents(string: destination), url.scheme == "https",
      let host = url.host?.lowercased(),
      ServiceState.consoleHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) })
    else {
      return .text(400, "Destination must be an https AWS console URL")
    }
    return .redirect(to: destination)
  }
}
