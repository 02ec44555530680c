public import Foundation
public import SessionEngine

/// `ssopick login`: a fresh interactive sign-in (PKCE in a browser, or a device code where no
/// browser can be shown), written to the AWS CLI v2 token cache.
public struct LoginUseCase: Sendable {
  /// Which session.
  public var selection: SessionSelection
  /// `--use-pkce` / `--use-device-code`, or `nil` to choose.
  public var flow: LoginFlow?
  /// `--no-browser`: print the URL, open nothing.
  public var openBrowser: Bool
  /// `--verbose`.
  public var verbose: Bool

  /// Creates the use case.
  public init(
    selection: SessionSelection = SessionSelection(), flow: LoginFlow? = nil,
    openBrowser: Bool = true, verbose: Bool = false
  ) {
    self.selection = selection
    self.flow = flow
    self.openBrowser = openBrowser
    self.verbose = verbose
  }

  /// Signs in and says until when.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let workspace = try Workspace(context)
    let session = try workspace.session(selection)
    let settings = workspace.interactiveLogin(flow: flow, openBrowser: openBrowser)
    let authenticator = workspace.authenticator(for: session, interactive: settings)
    let outcome: SessionAuthenticator.LoginOutcome
    do {
      outcome = try await authenticator.login(settings)
    } catch {
      await workspace.report(authenticator, verbose: verbose)
      throw error
    }
    await workspace.report(authenticator, verbose: verbose)
    switch outcome {
    case .signedIn(_, let expiresAt):
      context.console.prompt(
        "Signed in to \(session.displayName) (\(session.session.startURL)) until "
          + "\(AWSTimestamp.format(expiresAt)).")
    case .reusedConcurrentLogin(let expiresAt):
      context.console.prompt(
        "Another ssopick signed in to \(session.displayName) meanwhile; using that sign-in "
          + "(valid until \(AWSTimestamp.format(expiresAt))).")
    }
    return .success
  }
}

/// `ssopick logout`: ends one session (or every one) at the service and removes its token
/// and ssopick's caches for it; other sessions are untouched (unlike `aws sso logout`).
public struct LogoutUseCase: Sendable {
  /// Which session (ignored with `all`).
  public var selection: SessionSelection
  /// `--all`.
  public var all: Bool

  /// Creates the use case.
  public init(selection: SessionSelection = SessionSelection(), all: Bool = false) {
    self.selection = selection
    self.all = all
  }

  /// Signs out and says of what.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let workspace = try Workspace(context)
    let sessions = all ? try workspace.allSessions() : [try workspace.session(selection)]
    for session in sessions {
      let outcome = try await workspace.authenticator(for: session, login: .never).logout()
      if let problem = outcome.serviceProblem {
        context.console.say(
          "Warning: could not end \(session.displayName) at the service (\(problem)); "
            + "the local sign-in was removed anyway.")
      }
      context.console.say(
        outcome.hadToken
          ? "Signed out of \(session.displayName)." : "Not signed in to \(session.displayName).")
    }
    return .success
  }
}

/// `ssopick status`: each configured session and its sign-in, for people or (`--json`)
/// scripts.
public struct StatusUseCase: Sendable {
  /// `--json`.
  public var json: Bool

  /// Creates the use case.
  public init(json: Bool = false) {
    self.json = json
  }

  /// Prints the statuses.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let workspace = try Workspace(context)
    var statuses: [SessionStatus] = []
    for session in try workspace.allSessions() {
      statuses.append(try await workspace.authenticator(for: session, login: .never).status())
    }
    let now = context.time.now
    if json {
      context.console.print(StatusReport.json(statuses, now: now) + "\n")
      return .success
    }
    guard !statuses.isEmpty else {
      throw ConfigError.noSSOConfigured(file: workspace.config.configFile)
    }
    context.console.print(StatusReport.text(statuses, now: now))
    return .success
  }
}

/// Renders `SessionStatus` values for people and for scripts. Names and URLs from the config
/// file are shown through ``UntrustedText`` in the text form; the JSON is exact.
public enum StatusReport {
  /// The text form.
  public static func text(_ statuses: [SessionStatus], now: Date) -> String {
    var output = ""
    for status in statuses {
      output +=
        status.session.map { "\(untrusted: $0) (sso-session)\n" }
        ?? "\(untrusted: status.startURL) (legacy profile)\n"
      output += "  start URL    \(untrusted: status.startURL)\n"
      output += "  region       \(untrusted: status.region)\n"
      output += "  status       \(describe(status, now: now))\n"
      if let until = status.refreshableUntil {
        output += "  refreshes    until \(AWSTimestamp.format(until)) without signing in again\n"
      }
      output += "  token file   \(untrusted: status.tokenFile)\n"
    }
    return output
  }

  /// One state in words.
  public static func describe(_ status: SessionStatus, now: Date) -> String {
    switch status.state {
    case .signedIn:
      let left = status.accessTokenExpiresAt.map { $0.timeIntervalSince(now) } ?? 0
      return "signed in, token valid for \(duration(left))"
    case .expiredRefreshable: return "token expired; it will refresh itself on next use"
    case .expired: return "expired; run `ssopick login`"
    case .notSignedIn: return "not signed in; run `ssopick login`"
    case .unreadable: return "token file unreadable (treated as signed out); run `ssopick login`"
    }
  }

  /// `2 h 5 min` or `7 min`.
  public static func duration(_ seconds: TimeInterval) -> String {
    let minutes = max(0, Int(seconds) / 60)
    return minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
  }

  /// The JSON form (times ISO 8601 UTC).
  public static func json(_ statuses: [SessionStatus], now: Date) -> String {
    let items: [PythonJSON] = statuses.map { status in
      var members: [(String, PythonJSON)] = [
        ("session", status.session.map(PythonJSON.string) ?? .null),
        ("startUrl", .string(status.startURL)), ("region", .string(status.region)),
        ("state", .string(status.state.rawValue)),
        (
          "accessTokenExpiresAt",
          status.accessTokenExpiresAt.map { .string(AWSTimestamp.format($0)) } ?? .null
        ),
      ]
      members.append(
        (
          "expiresInSeconds",
          status.accessTokenExpiresAt.map { .int(max(0, Int($0.timeIntervalSince(now)))) } ?? .null
        ))
      members.append(
        (
          "refreshableUntil",
          status.refreshableUntil.map { .string(AWSTimestamp.format($0)) } ?? .null
        ))
      members.append(("tokenFile", .string(status.tokenFile)))
      return .object(members)
    }
    return PythonJSON.array(items).rendered()
  }
}
