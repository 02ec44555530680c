import ArgumentParser
import SSOPickCommands
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
    let flow: LoginFlow? = usePKCE ? .pkce : useDeviceCode ? .deviceCode : nil
    try ExitMapping.finish(
      try await LoginUseCase(
        selection: sessionOptions.selection, flow: flow, openBrowser: !noBrowser,
        verbose: sessionOptions.verbose
      ).run(in: .live()))
  }
}
