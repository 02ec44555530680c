import FakeIdentityCenter
public import SessionEngine

/// A browser for the SAML sign-in against the fake IdP (`ssopick demo --saml`, tests): it
/// plays what a person's browser does — opens the IdP's page and lets its auto-submitting form
/// post the answer to the loopback ACS (`FakeSAMLBrowser`). Only for the fake on loopback.
public struct StandInSAMLBrowser: BrowserOpener {
  /// Creates the stand-in.
  public init() {}

  /// There is always a "browser".
  public func headlessReason(environment: Environment) -> String? { nil }

  /// Follows the sign-in in the background, as a browser would, and returns at once.
  public func open(_ url: String, environment: Environment) async -> Bool {
    Task.detached { _ = try? await FakeSAMLBrowser().open(url) }
    return true
  }
}
