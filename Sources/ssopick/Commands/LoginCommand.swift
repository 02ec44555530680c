import ArgumentParser
import Foundation
import SessionEngine

/// `ssopick login`: signs in to an sso-session with PKCE in a browser, or with a device code
/// where no browser can be shown here, and writes the AWS CLI v2 token cache.
struct LoginCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "login",
    abstract: "Sign in to an sso-session (PKCE or device code).",
    discussion: """
      The token is written to ~/.aws/sso/cache exactly as `aws sso login` writes it, so the \
      AWS CLI and every SDK use it too, and it refreshes itself without a new sign-in while \
      the registration lasts (sso:account:access scope).

      sso-session profiles sign in with PKCE in a browser on this machine; over SSH, on WSL \
      without a browser bridge, without a display, in a container or in CI, ssopick uses a \
      device code instead, which can be confirmed from any device. Legacy profiles always \
      use a device code. The browser is $BROWSER (with %s for the URL), else open / \
      wslview / xdg-open. The URL is always printed too, on stderr.
      """
  )

  @OptionGroup var sessionOptions: SessionOptions

  @Flag(name: .customLong("use-pkce"), help: "Sign in with PKCE in a browser on this machine.")
  var usePKCE = false

  @Flag(name: .customLong("use-device-code"), help: "Sign in with a device code.")
  var useDeviceCode = false

  @Flag(name: .customLong("no-browser"), help: "Print the sign-in URL; do not open a browser.")
  var noBrowser = false

  func validate() throws {
    if usePKCE, useDeviceCode {
      throw ValidationError("Give --use-pkce or --use-device-code, not both.")
    }
  }

  func run() async throws {
    let services = try Services()
    let context = try services.context(sessionOptions)
    let flow: LoginFlow? = usePKCE ? .pkce : useDeviceCode ? .deviceCode : nil
    let settings = services.interactiveLogin(flow: flow, openBrowser: !noBrowser)
    let authenticator = services.authenticator(for: context, login: settings)
    let outcome: SessionAuthenticator.LoginOutcome
    do {
      outcome = try await authenticator.login(settings)
    } catch {
      await services.report(authenticator, verbose: sessionOptions.verbose)
      throw error
    }
    await services.report(authenticator, verbose: sessionOptions.verbose)
    switch outcome {
    case .signedIn(_, let expiresAt):
      TerminalLoginPresenter.write(
        "Signed in to \(context.displayName) (\(context.session.startURL)) until "
          + "\(AWSTimestamp.format(expiresAt)).")
    case .reusedConcurrentLogin(let expiresAt):
      TerminalLoginPresenter.write(
        "Another ssopick signed in to \(context.displayName) meanwhile; using that sign-in "
          + "(valid until \(AWSTimestamp.format(expiresAt))).")
    }
  }
}
