public import Foundation

/// What a login waits for the user to do. The engine never prints: the front end shows the
/// prompt (on the terminal or stderr, never stdout) and opens the browser if it may.
public enum LoginPrompt: Sendable, Equatable {
  /// Device code: visit `verificationURI` and confirm `userCode`, or open
  /// `verificationURIComplete`, before `expiresAt`.
  case deviceCode(
    verificationURI: String, userCode: String, verificationURIComplete: String, expiresAt: Date)
  /// PKCE: open `authorizeURL` in a browser on this machine before `expiresAt`.
  case browser(authorizeURL: String, expiresAt: Date)

  /// The URL a browser should open.
  public var browserURL: String {
    switch self {
    case .deviceCode(_, _, let complete, _): complete
    case .browser(let url, _): url
    }
  }
}

/// Shows login prompts; implemented by each front end.
public protocol LoginPresenter: Sendable {
  /// Shows `prompt` (and opens a browser when allowed). Called at most once per login.
  func present(_ prompt: LoginPrompt) async

  /// Shows a one-line notice (e.g. why a device code is used, or that another process is
  /// already signing in).
  func inform(_ message: String) async
}

extension LoginPresenter {
  /// Ignores the notice.
  public func inform(_ message: String) async {}
}
