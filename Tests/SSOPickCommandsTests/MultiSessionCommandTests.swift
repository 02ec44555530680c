import FakeIdentityCenter
import Foundation
import PickerCore
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// Several sso-sessions without `--session`: the picker and `list` cover every one, and a
/// choice is made with its own session's sign-in, files and recents.
@Suite("Several sessions (command layer)")
struct MultiSessionCommandTests {
  /// Two sessions on the fake (the same organisation under two names: every account is
  /// there twice, once per session).
  static let config =
    FakeHome.sessionConfig(name: "acme") + "\n" + FakeHome.sessionConfig(name: "sandbox")

  static func terminals(_ script: [ScriptedTerminal.Step]) -> TestPickerTerminals {
    TestPickerTerminals {
      ScriptedTerminal(
        size: TerminalSize(rows: 30, columns: 100), script: script, deadline: .seconds(120))
    }
  }

  @Test("the picker shows both sessions' rows; Enter writes the profile of the row's session")
  func enterUsesTheRowsSession() async throws {
    try await FakeHome.with(config: Self.config) { home in
      try home.signIn(session: "acme")
      try home.signIn(session: "sandbox")
      let terminals = Self.terminals([
        .waitFor("both sessions' admin rows") { frame in
          frame.plainText.components(separatedBy: "AdministratorAccess").count > 2
            && frame.plainText.contains("sandbox")
        },
        ScriptedTerminal.key(.enter),
      ])
      let test = home.context(terminals: terminals)
      let target = ProfileTarget(
        naming: .template(try ProfileNameTemplate("{session}-{account_name}/{role_name}")))
      let status = try await PickerUseCase(
        PickerUseCase.Request(
          action: .writeProfile(target, printAs: nil),
          query: "sandbox 210987654321 administrator")
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr) \(terminals.last?.failures ?? [])")
      #expect(test.stdout == "sandbox-Acme-Management/AdministratorAccess\n")
      let written = try String(contentsOfFile: home.configPath, encoding: .utf8)
      #expect(written.contains("[profile sandbox-Acme-Management/AdministratorAccess]"))
      let section = written.components(
        separatedBy: "[profile sandbox-Acme-Management/AdministratorAccess]")[1]
      #expect(section.contains("sso_session = sandbox"), "\(written)")
      // The frame showed the title over both sessions and the row's badge.
      let frame = terminals.last?.frames.last?.plainText ?? ""
      #expect(frame.contains("ssopick · acme, sandbox"), "\(frame)")
      // Recents stay per session: only the sandbox's remembers the choice.
      let folders = try FileManager.default.contentsOfDirectory(
        atPath: home.home + "/.cache/ssopick/sessions")
      let recents = folders.compactMap { folder in
        try? String(
          contentsOfFile: home.home + "/.cache/ssopick/sessions/\(folder)/recent.json",
          encoding: .utf8)
      }
      #expect(recents.count == 1)
      // Nothing prompted: both sessions were signed in.
      #expect(test.prompts.text.isEmpty)
    }
  }

  @Test("--exec --refresh-credentials from a row of the second session serves that session's role")
  func execRefreshingUsesTheRowsSession() async throws {
    try await FakeHome.with(config: Self.config) { home in
      try home.signIn(session: "acme")
      try home.signIn(session: "sandbox")
      let terminals = Self.terminals([
        .waitFor("the sandbox admin row") { frame in
          frame.plainText.split(separator: "\n").contains {
            $0.contains("AdministratorAccess") && $0.hasSuffix("sandbox")
          }
        },
        ScriptedTerminal.key(.enter),
      ])
      let test = home.context(["PATH": "/usr/bin:/bin"], terminals: terminals)
      test.launcher.playChild { launch in
        do {
          #expect(launch.environment["SSOPICK_SESSION"] == "sandbox")
          #expect(launch.environment["AWS_ACCESS_KEY_ID"] == nil)
          let keys = try await EndpointAccess(environment: launch.environment).keys()
          #expect(keys.accountID == "210987654321")
        } catch {
          Issue.record(error)
        }
        return .exited(0)
      }
      let status = try await PickerUseCase(
        PickerUseCase.Request(
          action: .execRefreshing(command: ["env"], inherited: [:]),
          query: "sandbox 210987654321 administrator")
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.launcher.recorded.count == 1)
    }
  }

  @Test("a session that is not signed in is named in the title and prompts for nothing")
  func aSessionNotSignedIn() async throws {
    try await FakeHome.with(config: Self.config) { home in
      try home.signIn(session: "acme")
      let terminals = Self.terminals([
        ScriptedTerminal.waitForText("not signed in: sandbox"),
        ScriptedTerminal.waitForText("AdministratorAccess"),
        ScriptedTerminal.key(.enter),
      ])
      let test = home.context(terminals: terminals)
      let status = try await PickerUseCase(
        PickerUseCase.Request(action: .export(.posix), query: "210987654321 administrator")
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr) \(terminals.last?.failures ?? [])")
      #expect(test.stdout.contains("export AWS_ACCESS_KEY_ID='ASIA"))
      #expect(test.prompts.text.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: home.tokenPath(session: "sandbox")))
    }
  }

  @Test("--session still narrows the picker to one session, without badges")
  func sessionNarrows() async throws {
    try await FakeHome.with(config: Self.config) { home in
      try home.signIn(session: "sandbox")
      let terminals = Self.terminals([
        ScriptedTerminal.waitForText("149 roles"), ScriptedTerminal.key(.escape),
      ])
      let test = home.context(terminals: terminals)
      let status = try await PickerUseCase(
        PickerUseCase.Request(
          selection: SessionSelection(session: "sandbox"), action: .export(.posix))
      ).run(in: test.context)
      #expect(status == .cancelled)
      let frame = terminals.last?.frames.last?.plainText ?? ""
      #expect(frame.contains("ssopick · sandbox"), "\(frame)")
      // No row carries a session badge.
      let rows = frame.split(separator: "\n").dropFirst()
      #expect(!rows.contains { $0.hasSuffix("sandbox") }, "\(frame)")
    }
  }

  @Test("list covers every signed-in session with a session column, and names the others")
  func listEverySession() async throws {
    let config = Self.config + "\n" + FakeHome.sessionConfig(name: "gov")
    try await FakeHome.with(config: config) { home in
      try home.signIn(session: "acme")
      try home.signIn(session: "sandbox")
      let roles = home.center.organisation.roleCount

      let json = home.context()
      let status = try await ListUseCase(.init(format: .json)).run(in: json.context)
      #expect(status == .success, "\(json.stderr)")
      let rows =
        try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]]
      #expect(rows?.count == 2 * roles)
      #expect(Set(rows?.compactMap { $0["session"] } ?? []) == ["acme", "sandbox"])
      #expect(
        Set(rows?.first?.keys.map { $0 } ?? []) == [
          "accountId", "accountName", "emailAddress", "roleName", "session",
        ])
      #expect(json.stderr.contains("sso-session gov is not signed in; left out"))

      let tsv = home.context()
      _ = try await ListUseCase(.init(format: .tsv, freshness: .init(cachedOnly: true))).run(
        in: tsv.context)
      let lines = tsv.stdout.split(separator: "\n")
      #expect(lines.count == 2 * roles)
      #expect(
        lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })
      #expect(lines.first?.hasSuffix("\tacme") == true)
      #expect(lines.last?.hasSuffix("\tsandbox") == true)

      let text = home.context()
      _ = try await ListUseCase(.init(freshness: .init(cachedOnly: true))).run(in: text.context)
      #expect(text.stdout.split(separator: "\n").first?.hasPrefix("acme     ") == true)

      // --filter searches the session's name too.
      let filtered = home.context()
      let found = try await ListUseCase(
        .init(
          format: .tsv, freshness: .init(cachedOnly: true), filter: "sandbox 210987654321 admin")
      ).run(in: filtered.context)
      #expect(found == .success)
      let matches = filtered.stdout.split(separator: "\n")
      #expect(matches.first?.hasSuffix("\tsandbox") == true, "\(filtered.stdout)")
      #expect(matches.first?.contains("AdministratorAccess") == true)

      // --session narrows as before: four fields, no session.
      let one = home.context()
      _ = try await ListUseCase(
        .init(
          selection: SessionSelection(session: "acme"), format: .tsv,
          freshness: .init(cachedOnly: true))
      ).run(in: one.context)
      #expect(one.stdout.split(separator: "\n").count == roles)
      #expect(one.stdout.split(separator: "\n").first?.split(separator: "\t").count == 4)
    }
  }

  @Test("list reads the sessions side by side: with one request at a time each, two at once")
  func listReadsSessionsAtOnce() async throws {
    var options = FakeHome.autoApproving
    options.latency = .milliseconds(5)
    try await FakeHome.with(options: options, config: Self.config) { home in
      try home.signIn(session: "acme")
      try home.signIn(session: "sandbox")
      let test = home.context()
      let status = try await ListUseCase(
        .init(format: .tsv, freshness: .init(refresh: true), maxInFlight: 1)
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(home.center.stats().maxInFlight == 2)
      let sessions = test.stdout.split(separator: "\n").map { $0.split(separator: "\t").last }
      // Printed in the sessions' order, whichever finished first.
      #expect(sessions.first == "acme" && sessions.last == "sandbox")
    }
  }

  @Test("list with no session signed in is an error that says how to sign in")
  func listWithNothingSignedIn() async throws {
    try await FakeHome.with(config: Self.config) { home in
      let test = home.context()
      let status = try await ListUseCase(.init()).run(in: test.context)
      #expect(status == .error)
      #expect(test.stdout.isEmpty)
      #expect(test.stderr.contains("no sso-session is signed in"))
      #expect(test.prompts.text.isEmpty)
    }
  }
}
