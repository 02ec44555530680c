import Foundation

/// The browser's answer to a PKCE authorize request (spec §4.2 step 7).
public enum RedirectResult: Sendable, Equatable {
  /// The service granted a code; `state` must be checked against ours.
  case code(code: String, state: String)
  /// The service (or the user) refused: the `error` parameter and its description.
  case error(String, description: String?)
}

/// A one-shot HTTP listener on 127.0.0.1 for the PKCE redirect.
///
/// It is bound *before* the browser opens, on a port the OS picks, and only on loopback
/// (the AWS CLI binds every interface; there is no reason to). Every GET gets a small
/// page; the wait ends at the first request carrying `code` and `state`, or `error`.
/// The socket is ``LoopbackListenerSocket``, shared with the SAML ACS listener.
public final class LoopbackRedirectListener: Sendable {
  private let socket: LoopbackListenerSocket
  private let serving: LoopbackServing<RedirectResult>

  /// The port the OS assigned.
  public var port: UInt16 { socket.port }

  /// The redirect URI with the port, sent to /authorize and CreateToken.
  public var redirectURI: String { "http://127.0.0.1:\(port)/oauth/callback" }

  /// Binds 127.0.0.1 on an OS-chosen port and starts answering (on a thread of its own).
  public init() throws {
    do {
      socket = try LoopbackListenerSocket(alsoIPv6: false)
    } catch {
      throw AuthError.callbackListener(errno: error.errno)
    }
    serving = socket.start(maximumBody: 0, Self.answer)
  }

  deinit { close() }

  /// Stops listening. Safe to call more than once.
  public func close() { socket.close() }

  /// Waits for the redirect. Cancelling the task stops the wait (throws CancellationError).
  public func waitForRedirect() async throws -> RedirectResult {
    try await serving.value()
  }

  /// The page for `request`, and the redirect's answer when it carries one.
  private static func answer(_ request: LoopbackHTTPRequest) -> (LoopbackHTTPPage, RedirectResult?)
  {
    let found = request.path == "/oauth/callback"
    guard request.method == "GET", found else { return (Self.page(found: found, nil), nil) }
    let parameters = Self.parseQuery(request.query)
    let result: RedirectResult?
    if let error = parameters["error"] {
      result = .error(error, description: parameters["error_description"])
    } else if let code = parameters["code"], let state = parameters["state"] {
      result = .code(code: code, state: state)
    } else {
      result = nil
    }
    return (Self.page(found: true, result), result)
  }

  static func parseQuery(_ query: String) -> [String: String] {
    var parameters: [String: String] = [:]
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      // Browsers may form-encode spaces as "+".
      let decode = { (text: Substring) in
        PercentEncoding.decode(text.replacingOccurrences(of: "+", with: " ")) ?? String(text)
      }
      guard let name = parts.first.map(decode) else { continue }
      if parameters[name] == nil {
        parameters[name] = parts.count > 1 ? decode(parts[1]) : ""
      }
    }
    return parameters
  }

  private static func page(found: Bool, _ result: RedirectResult?) -> LoopbackHTTPPage {
    switch result {
    case .code:
      return LoopbackHTTPPage(
        status: "200 OK", title: "Signed in",
        text: "ssopick is signed in. You can close this tab and return to the terminal.")
    case .error(let error, _):
      return LoopbackHTTPPage(
        status: "200 OK", title: "Sign-in failed",
        text: "The sign-in did not complete (\(error)). Return to the terminal for details.")
    case nil:
      return found
        ? LoopbackHTTPPage(
          status: "400 Bad Request", title: "Unexpected request",
          text: "This page expects a sign-in answer.")
        : .notFound
    }
  }
}
