import Foundation
public import SessionEngine

/// Where a SAML response comes from for one sign-in.
public enum SAMLAssertionOrigin: Sendable, Equatable {
  /// The profile's `saml_assertion_source` (loopback: the browser posts it to a listener on
  /// localhost; paste: the person pastes it).
  case profile
  /// A file (`--assertion-file F`), or standard input for `-`: raw base64, a URL-encoded form
  /// body or the decoded XML.
  case file(String)
}

/// Gets and checks a SAML response for a profile without scraping the IdP's pages (spec
/// §12.4): the user's own browser does the sign-in, so MFA and Conditional Access just work.
///
/// - **Loopback**: the ACS listener is bound first; an unsigned AuthnRequest (random `ID`,
///   `Issuer` = the app id URI, ACS `http://localhost:PORT/saml/acs`, a random `RelayState`)
///   goes to the IdP in the browser (the URL is always printed); the POST is accepted only
///   with our `RelayState` and `InResponseTo` and a Success status; 5 minutes at most.
/// - **Paste** / **file**: the response as the AWS sign-in page received it.
public struct SAMLSignIn: Sendable {
  /// The run's files and connections.
  public let workspace: Workspace
  /// The profile signed in for.
  public let profile: SAMLProfile

  /// A sign-in for `profile`.
  public init(workspace: Workspace, profile: SAMLProfile) {
    self.workspace = workspace
    self.profile = profile
  }

  /// The checked response (a valid Success answer to our request, when there was one).
  public func response(_ origin: SAMLAssertionOrigin) async throws -> SAMLResponse {
    let context = workspace.context
    switch origin {
    case .file(let path):
      let input = try SAMLAssertionInput.parse(try read(path))
      let response = try SAMLResponse.parse(encoded: input.encoded)
      try response.check(now: context.time.now)
      return response
    case .profile:
      switch profile.assertionSource {
      case .loopback: return try await loopback()
      case .paste: return try paste()
      }
    }
  }

  private func loopback() async throws -> SAMLResponse {
    let context = workspace.context
    let listener = try SAMLACSListener()
    defer { listener.close() }
    let request = SAMLAuthnRequest(
      issuer: profile.appIDURI, assertionConsumerServiceURL: listener.acsURL,
      issueInstant: context.time.now, relayState: listener.relayState)
    let url = request.redirectURL(idpURL: profile.idpURL, loginHint: profile.defaultUsername)
    let headless = context.browser.headlessReason(environment: context.environment)
    let opened =
      headless == nil ? await context.browser.open(url, environment: context.environment) : false
    context.console.prompt(
      (opened
        ? "Your browser has been opened to sign in. If it did not open, visit:"
        : "To sign in, open this page in a browser on this machine:")
        + "\n\n    \(url)\n\n"
        + (headless.map {
          "No browser here (\($0)): the answer can only reach this machine's localhost. Use "
            + "the paste mode instead: `ssopick saml login --profile \(profile.name) "
            + "--assertion-file -` (or saml_assertion_source = paste).\n"
        } ?? "")
        + "Waiting for the sign-in (5 minutes).")
    let posted = try await listener.waitForResponse(time: context.time)
    let response = try SAMLResponse.parse(encoded: posted.encoded)
    try response.check(now: context.time.now, answering: request)
    return response
  }

  private func paste() throws -> SAMLResponse {
    let context = workspace.context
    guard context.terminal.input else { throw SAMLCommandError.noTerminalToPaste(profile.name) }
    // The AWS sign-in page is the app's registered reply URL: the IdP accepts the request
    // and the browser ends on AWS's role page, where the SAMLResponse can be copied.
    let request = SAMLAuthnRequest(
      issuer: profile.appIDURI,
      assertionConsumerServiceURL: "https://signin.aws.amazon.com/saml",
      issueInstant: context.time.now, relayState: SAMLAuthnRequest.randomNonce())
    let url = request.redirectURL(idpURL: profile.idpURL, loginHint: profile.defaultUsername)
    context.console.prompt(
      "Sign in in your browser:\n\n    \(url)\n\n"
        + "then copy the SAMLResponse the AWS sign-in page received (developer tools, "
        + "Network, the POST to signin.aws.amazon.com/saml) and paste it here.")
    context.console.ask("SAMLResponse: ")
    guard let line = context.input.readLine(), !line.isEmpty else {
      throw SAMLCommandError.noAssertion
    }
    let input = try SAMLAssertionInput.parse(line)
    let response = try SAMLResponse.parse(encoded: input.encoded)
    try response.check(now: context.time.now)
    return response
  }

  private func read(_ path: String) throws -> String {
    if path == "-" {
      var lines: [String] = []
      while let line = workspace.context.input.readLine() { lines.append(line) }
      return lines.joined(separator: "\n")
    }
    guard let bytes = try AtomicFile.read(path) else {
      throw FileError.cannotRead(path: path, reason: "no such file")
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Why a SAML command cannot go on, in words a person can act on (the engine's `SAMLError`
/// covers the assertion itself).
public enum SAMLCommandError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Paste mode without a terminal.
  case noTerminalToPaste(String)
  /// Nothing was pasted.
  case noAssertion
  /// `--no-prompt` (or no terminal) without a default role.
  case noDefaultRole(String)
  /// The picker ended without a choice.
  case nothingChosen
  /// `credential-process` without valid cached credentials and without `--allow-login`.
  case signInNeeded(String)
  /// No SAML profiles share the sign-in of the profile (`--all-profiles`).
  case noProfiles

  /// What to do.
  public var description: String {
    switch self {
    case .noTerminalToPaste(let profile):
      return "Profile \(UntrustedText.escaped(profile)) pastes its assertion and there is no "
        + "terminal to paste on: give --assertion-file FILE (or - for stdin)."
    case .noAssertion:
      return "No SAMLResponse was pasted; nothing was changed."
    case .noDefaultRole(let profile):
      return "Profile \(UntrustedText.escaped(profile)) has no azure_default_role_arn: give "
        + "--role ARN, or run without --no-prompt on a terminal to pick one."
    case .nothingChosen:
      return "No role was chosen."
    case .signInNeeded(let profile):
      let name = UntrustedText.escaped(profile)
      return "No valid SAML credentials for profile \(name): run `ssopick saml login "
        + "--profile \(name)` (or add --allow-login to sign in from here)."
    case .noProfiles:
      return "No SAML profile has that sign-in."
    }
  }
}
