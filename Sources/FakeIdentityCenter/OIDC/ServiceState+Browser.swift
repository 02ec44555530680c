import Foundation
import LoopbackServer

/// The browser side of both flows: `GET /authorize` (PKCE, spec §4.3) with its consent page,
/// and the device verification page. Non-auto-approved PKCE works like the real service: the
/// browser gets a page (here: "Allow"/"Deny" links to `/authorize/consent`) and is redirected
/// only after a decision.
extension ServiceState {
  mutating func authorize(_ context: Context) -> FakeHTTPResponse {
    let query = context.query
    guard let clientId = query["client_id"], let client = clients[clientId],
      client.expiresAt > context.now, client.allows(grant: Grant.authorizationCode)
    else {
      return ServiceState.page(
        400, "Invalid client",
        "client_id is missing, unknown, expired or not registered for authorization_code.")
    }
    guard let redirectURI = query["redirect_uri"],
      let requested = ServiceState.loopbackParts(redirectURI),
      client.redirectURIs.contains(where: {
        ServiceState.loopbackParts($0).map { $0 == requested } ?? false
      })
    else {
      return ServiceState.page(
        400, "Invalid redirect URI",
        "redirect_uri must be a loopback URI registered by the client (any port).")
    }
    let state = query["state"]
    func fail(_ error: String, _ description: String) -> FakeHTTPResponse {
      .redirect(
        to: ServiceState.callback(
          redirectURI, [("error", error), ("error_description", description), ("state", state)]))
    }
    guard query["response_type"] == "code" else {
      return fail("unsupported_response_type", "response_type must be code")
    }
    guard query["code_challenge_method"] == "S256" else {
      return fail("invalid_request", "code_challenge_method must be S256")
    }
    guard let challenge = query["code_challenge"], (43...128).contains(challenge.count),
      challenge.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
    else {
      return fail("invalid_request", "code_challenge must be 43–128 base64url characters")
    }
    guard let scopeText = query["scopes"] else {
      return fail("invalid_scope", "scopes is required")
    }
    let scopes = scopeText.split(separator: " ").map(String.init)
    guard !scopes.isEmpty,
      scopes.allSatisfy({ client.scopes.isEmpty || client.scopes.contains($0) })
    else {
      return fail("invalid_scope", "scopes must be among the client's registered scopes")
    }
    let pending = PendingAuthorization(
      id: UUID().uuidString.lowercased(), clientId: clientId, redirectURI: redirectURI,
      state: state, challenge: challenge, scopes: scopes, createdAt: context.now)
    if options.denyAuthorize {
      return fail("access_denied", "The user denied the request")
    }
    if options.autoApprove {
      return approve(pending, now: context.now)
    }
    pendingAuthorizations[pending.id] = pending
    let consent = "/authorize/consent?request=\(pending.id)&decision="
    return ServiceState.page(
      200, "Allow \(client.clientName) to access your AWS accounts?",
      "<a id=\"allow\" href=\"\(consent)allow\">Allow</a> "
        + "<a id=\"deny\" href=\"\(consent)deny\">Deny</a>", escape: false)
  }

  mutating func authorizeConsent(_ context: Context) -> FakeHTTPResponse {
    guard let id = context.query["request"],
      let pending = pendingAuthorizations.removeValue(forKey: id)
    else {
      return ServiceState.page(400, "Unknown request", "This authorization request is unknown.")
    }
    if context.query["decision"] == "allow" {
      return approve(pending, now: context.now)
    }
    return .redirect(
      to: ServiceState.callback(
        pending.redirectURI,
        [
          ("error", "access_denied"), ("error_description", "The user denied the request"),
          ("state", pending.state),
        ]))
  }

  private mutating func approve(_ pending: PendingAuthorization, now: Date) -> FakeHTTPResponse {
    let code = SecretFactory.authorizationCode()
    authorizationCodes[code] = AuthorizationCodeRecord(
      clientId: pending.clientId, redirectURI: pending.redirectURI,
      challenge: pending.challenge, scopes: pending.scopes,
      expiresAt: now.addingTimeInterval(options.authorizationCodeLifetime))
    return .redirect(
      to: ServiceState.callback(pending.redirectURI, [("code", code), ("state", pending.state)]))
  }

  static func callback(_ redirectURI: String, _ parameters: [(String, String?)]) -> String {
    let query = parameters.compactMap { name, value in
      value.map { "\(name)=\(QueryString.encode($0))" }
    }.joined(separator: "&")
    return redirectURI + (redirectURI.contains("?") ? "&" : "?") + query
  }

  // MARK: Device verification page

  mutating func deviceVerification(_ context: Context) -> FakeHTTPResponse {
    if context.request.method == "POST" {
      let form = QueryString(
        raw: String(decoding: context.request.body, as: UTF8.self), plusIsSpace: true)
      let userCode = (form["user_code"] ?? "").uppercased()
      let approve = form["decision"] != "deny"
      guard decideDevice(userCode: userCode, approve: approve, now: context.now) else {
        return ServiceState.page(400, "Unknown code", "This code is unknown or expired.")
      }
      return ServiceState.page(
        200, approve ? "Request approved" : "Request denied",
        "You can close this window and return to your terminal.")
    }
    let code = ServiceState.htmlEscape(context.query["user_code"] ?? "")
    return ServiceState.page(
      200, "Authorize request",
      """
      <form method="post" action="/device"><input name="user_code" value="\(code)">
      <button name="decision" value="approve">Allow</button>
      <button name="decision" value="deny">Deny</button></form>
      """, escape: false)
  }

  /// Approves or denies the pending device code with `userCode`. False when unknown,
  /// already decided or expired.
  mutating func decideDevice(userCode: String, approve: Bool, now: Date) -> Bool {
    guard let deviceCode = deviceCodeByUserCode[userCode],
      var grant = deviceGrants[deviceCode], grant.state == .pending, grant.expiresAt > now
    else { return false }
    grant.state = approve ? .approved : .denied
    deviceGrants[deviceCode] = grant
    return true
  }

  static func page(_ status: Int, _ title: String, _ body: String, escape: Bool = true)
    -> FakeHTTPResponse
  {
    let content = escape ? htmlEscape(body) : body
    return .text(
      status,
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(htmlEscape(title))</title>"
        + "</head><body><h1>\(htmlEscape(title))</h1><p>\(content)</p></body></html>",
      contentType: "text/html; charset=utf-8")
  }

  static func htmlEscape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
