import Foundation
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Shows login prompts to the person at the keyboard: on stderr when it is a terminal, else
/// on /dev/tty (so `eval "$(ssopick --export)" 2>/dev/null` still shows the code), else on
/// stderr anyway. Never on stdout, which carries only results.
struct TerminalLoginPresenter: LoginPresenter {
  /// Opens the browser, or `nil` for `--no-browser`.
  let launcher: BrowserLauncher?

  func present(_ prompt: LoginPrompt) async {
    let opened = launcher?.open(prompt.browserURL) ?? false
    switch prompt {
    case .deviceCode(let uri, let code, let complete, let expiresAt):
      Self.write(
        """
        To sign in, open this page in a browser on any device:

            \(complete)

        or open \(uri) and enter the code: \(code)
        \(opened ? "(A browser was opened on this machine.) " : "")Waiting for approval; \
        the code expires at \(Self.clock(expiresAt)).
        """)
    case .browser(let url, _):
      Self.write(
        """
        \(opened ? "Your browser has been opened to sign in. If it did not open, visit:" : "To sign in, open this page in a browser on this machine:")

            \(url)

        Waiting for the browser (10 minutes). On another machine? Press Ctrl-C and run \
        `ssopick login --use-device-code`.
        """)
    }
  }

  func inform(_ message: String) async {
    Self.write(message)
  }

  /// Writes `text` and a newline where the user can see it.
  static func write(_ text: String) {
    let bytes = Data((text + "\n").utf8)
    if isatty(STDERR_FILENO) == 0, let tty = FileHandle(forWritingAtPath: "/dev/tty") {
      tty.write(bytes)
      try? tty.close()
    } else {
      FileHandle.standardError.write(bytes)
    }
  }

  private static func clock(_ date: Date) -> String {
    String(AWSTimestamp.format(date).dropFirst(11).prefix(5)) + " UTC"
  }
}
