import Foundation
public import SessionEngine

/// Shows login prompts to the person at the keyboard (the console's prompt channel: stderr
/// when it is a terminal, else `/dev/tty`; never stdout, which carries only results), and
/// opens the browser unless told not to.
public struct TerminalLoginPresenter: LoginPresenter {
  /// Where the prompt is written.
  public let console: Console
  /// Opens the browser, or `nil` for `--no-browser`.
  public let open: (@Sendable (String) async -> Bool)?

  /// Creates a presenter.
  public init(console: Console, open: (@Sendable (String) async -> Bool)?) {
    self.console = console
    self.open = open
  }

  /// Shows the device code or the browser URL (the URL is always printed).
  public func present(_ prompt: LoginPrompt) async {
    let opened = await open?(prompt.browserURL) ?? false
    switch prompt {
    case .deviceCode(let uri, let code, let complete, let expiresAt):
      console.prompt(
        """
        To sign in, open this page in a browser on any device:

            \(complete)

        or open \(uri) and enter the code: \(code)
        \(opened ? "(A browser was opened on this machine.) " : "")Waiting for approval; \
        the code expires at \(Self.clock(expiresAt)).
        """)
    case .browser(let url, _):
      console.prompt(
        """
        \(opened ? "Your browser has been opened to sign in. If it did not open, visit:" : "To sign in, open this page in a browser on this machine:")

            \(url)

        Waiting for the browser (10 minutes). On another machine? Press Ctrl-C and run \
        `ssopick login --use-device-code`.
        """)
    }
  }

  /// Shows a one-line notice.
  public func inform(_ message: String) async {
    console.prompt(message)
  }

  private static func clock(_ date: Date) -> String {
    String(AWSTimestamp.format(date).dropFirst(11).prefix(5)) + " UTC"
  }
}
