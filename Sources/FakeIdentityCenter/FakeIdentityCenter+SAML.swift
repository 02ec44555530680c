public import Foundation

/// The SAML identity provider's controls as Swift calls, for in-process tests and the demo.
extension FakeIdentityCenter {
  /// The SAML endpoint of `tenant` (its id or domain; default: the first tenant), e.g.
  /// `http://127.0.0.1:49213/0e5f6c1a-…/saml2`; `nil` before `start`.
  public func samlIdPURL(tenant: String? = nil) -> URL? {
    guard let base = baseURL else { return nil }
    let id = tenant ?? withState { $0.samlTenants.first?.id } ?? ""
    return URL(string: base.absoluteString + "/" + id + "/saml2")
  }

  /// The tenants the IdP serves (the options', or the demo tenant).
  public var samlTenants: [Options.SAML.Tenant] { withState { $0.samlTenants } }

  /// An IdP-initiated `SAMLResponse` (base64) for `user` (default: ``Options/userName``),
  /// addressed to `recipient` (default: the app's first reply URL, AWS's sign-in page), as
  /// the paste mode gets it. STS's AssumeRoleWithSAML accepts it until it expires.
  public func issueSAMLResponse(
    user: String? = nil, recipient: String? = nil, tenant: String? = nil,
    application: String? = nil, inResponseTo: String? = nil
  ) throws -> String {
    let time = clockNow
    do {
      return try withState {
        try $0.issueIdPInitiated(
          user: user, recipient: recipient, tenant: tenant, application: application,
          inResponseTo: inResponseTo, now: time
        ).encoded
      }
    } catch let error as APIError {
      throw FakeIdentityCenterError.invalidOption(name: "saml", reason: error.message)
    }
  }

  /// Sets (or, with nil, removes) the AssumeRoleWithSAML rule of the role `roleARN`.
  public func setSAMLRoleRule(_ rule: Options.SAML.RoleRule?, for roleARN: String) {
    withState { $0.options.saml.roleRules[roleARN] = rule }
  }

  /// Turns the IdP's switches on or off (`nil` leaves one as it is): refuse every sign-in,
  /// encrypt assertions, answer as if IdP-initiated (no `InResponseTo`), and the IdP's clock
  /// offset in seconds.
  public func setSAMLSwitches(
    deny: Bool? = nil, encryptAssertions: Bool? = nil, idpInitiated: Bool? = nil,
    clockOffset: TimeInterval? = nil
  ) {
    withState { state in
      if let deny { state.options.saml.deny = deny }
      if let encryptAssertions { state.options.saml.encryptAssertions = encryptAssertions }
      if let idpInitiated { state.options.saml.idpInitiated = idpInitiated }
      if let clockOffset { state.options.saml.clockOffset = clockOffset }
    }
  }

  /// How many SAML responses with an assertion the IdP has issued.
  public var issuedSAMLResponseCount: Int { withState { $0.samlAssertions.count } }
}
