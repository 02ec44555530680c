import FakeIdentityCenter
import Foundation
import PickerCore
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// `console --portal`: the access portal's own shortcut, which needs no role credentials.
@Suite("console --portal (command layer)")
struct ConsolePortalTests {
  static let shortcut =
    FakeHome.startURL + "/#/console?account_id=210987654321&role_name=AdministratorAccess"

  static func console(_ request: ConsoleRequest, chain: RoleChain = .none) -> RoleUseCase {
    RoleUseCase(
      role: RoleCredentialsTests.role, action: .console(request), chain: chain,
      commandLine: "ssopick console", commandName: "ssopick console")
  }

  @Test("--portal --print prints the portal's shortcut and fetches no credentials")
  func printsTheShortcut() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let test = home.context()
      let status = try await Self.console(ConsoleRequest(print: true, portal: true)).run(
        in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout == Self.shortcut + "\n")
      #expect(home.center.stats().operations[.getRoleCredentials] == nil)

      let destination = home.context()
      _ = try await Self.console(
        ConsoleRequest(destination: "/s3/home?region=eu-west-1", print: true, portal: true)
      ).run(in: destination.context)
      #expect(
        destination.stdout
          == Self.shortcut
          + "&destination=https%3A%2F%2Feu-central-1.console.aws.amazon.com%2Fs3%2Fhome%3Fregion%3Deu-west-1\n"
      )
    }
  }

  @Test("SSOPICK_CONSOLE=portal makes it the default; --no-portal and a bad value say so")
  func theSettingChoosesTheForm() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let portal = home.context(["SSOPICK_CONSOLE": "portal"])
      _ = try await Self.console(ConsoleRequest(print: true)).run(in: portal.context)
      #expect(portal.stdout == Self.shortcut + "\n")

      let federation = home.baseURL.absoluteString + "/federation"
      let overridden = home.context([
        "SSOPICK_CONSOLE": "portal", "SSOPICK_FEDERATION_ENDPOINT": federation,
      ])
      _ = try await Self.console(ConsoleRequest(print: true, portal: false)).run(
        in: overridden.context)
      #expect(overridden.stdout.hasPrefix(federation + "?Action=login&"))

      let bad = home.context(["SSOPICK_CONSOLE": "browser\u{1B}[31m"])
      await #expect(throws: OutputError.invalidConsoleMode("browser\u{1B}[31m")) {
        try await Self.console(ConsoleRequest(print: true)).run(in: bad.context)
      }
      #expect(
        OutputError.invalidConsoleMode("x\u{1B}").description.contains("SSOPICK_CONSOLE=x\\x1b"))
    }
  }

  @Test("--portal cannot assume further roles or set the session's length")
  func whatThePortalCannotDo() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let chain = RoleChain([AssumeStep(roleARN: "arn:aws:iam::123456789012:role/Next")])
      let chained = home.context()
      await #expect(throws: RoleActionError.portalCannot("assume further roles")) {
        try await Self.console(ConsoleRequest(print: true, portal: true), chain: chain).run(
          in: chained.context)
      }
      let duration = home.context()
      await #expect(throws: RoleActionError.portalCannot("set the console session's length")) {
        try await Self.console(ConsoleRequest(sessionDuration: 3600, print: true, portal: true))
          .run(in: duration.context)
      }
      #expect(chained.stdout.isEmpty && duration.stdout.isEmpty)
    }
  }

  @Test("the picker's Ctrl-O follows SSOPICK_CONSOLE=portal")
  func ctrlOFollowsTheSetting() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let received = home.home + "/url"
      let browser = home.home + "/browser"
      try "#!/bin/sh\nprintf '%s' \"$1\" > '\(received)'\n".write(
        toFile: browser, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)
      let terminals = TestPickerTerminals {
        ScriptedTerminal(
          size: TerminalSize(rows: 30, columns: 100),
          script: [
            ScriptedTerminal.waitForText("AdministratorAccess"),
            ScriptedTerminal.key(.control("o")),
          ], deadline: .seconds(120))
      }
      let test = home.context(
        ["SSOPICK_CONSOLE": "portal", "BROWSER": browser], terminals: terminals)
      let status = try await PickerUseCase(
        PickerUseCase.Request(action: .export(.posix), query: "210987654321 administrator")
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(try String(contentsOfFile: received, encoding: .utf8) == Self.shortcut)
      #expect(home.center.stats().operations[.getRoleCredentials] == nil)
      #expect(test.stderr.contains("Opened the AWS console for Acme Management (210987654321)"))
    }
  }
}
