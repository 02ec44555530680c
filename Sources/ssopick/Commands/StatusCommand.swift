import ArgumentParser
import Foundation
import SessionEngine

/// `ssopick status`: each configured session and its sign-in.
struct StatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show each sso-session and its login.",
    discussion: """
      For every configured sign-in: whether you are signed in, how long the access token \
      lasts, until when it can refresh itself, and where its cache file is. --json prints \
      an array of objects for scripts (times in ISO 8601 UTC).
      """
  )

  @Flag(name: .long, help: "Print JSON.")
  var json = false

  func run() async throws {
    let services = try Services()
    let sessions = try services.selector.allSessions()
    var statuses: [SessionStatus] = []
    for entry in sessions {
      let context = try services.selector.context(for: entry.session, profile: entry.profile)
      statuses.append(try await services.authenticator(for: context, login: nil).status())
    }
    let now = Date()
    if json {
      print(StatusReport.json(statuses, now: now))
      return
    }
    guard !statuses.isEmpty else {
      throw ConfigError.noSSOConfigured(file: services.config.configFile)
    }
    print(StatusReport.text(statuses, now: now), terminator: "")
  }
}

/// Renders `SessionStatus` values for people and for scripts.
enum StatusReport {
  static func text(_ statuses: [SessionStatus], now: Date) -> String {
    var output = ""
    for status in statuses {
      output +=
        status.session.map { "\($0) (sso-session)\n" } ?? "\(status.startURL) (legacy profile)\n"
      output += "  start URL    \(status.startURL)\n"
      output += "  region       \(status.region)\n"
      output += "  status       \(describe(status, now: now))\n"
      if let until = status.refreshableUntil {
        output += "  refreshes    until \(AWSTimestamp.format(until)) without signing in again\n"
      }
      output += "  token file   \(status.tokenFile)\n"
    }
    return output
  }

  static func describe(_ status: SessionStatus, now: Date) -> String {
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

  static func duration(_ seconds: TimeInterval) -> String {
    let minutes = max(0, Int(seconds) / 60)
    return minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
  }

  static func json(_ statuses: [SessionStatus], now: Date) -> String {
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
