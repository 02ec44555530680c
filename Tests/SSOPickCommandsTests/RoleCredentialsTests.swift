import FakeIdentityCenter
import Foundation
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// The one way to get role credentials, run in-process against the fake service: the
/// retries, the renewal, the cache and the errors every command (and the picker) shares.
@Suite("Role credentials (command layer)")
struct RoleCredentialsTests {
  static let role = RoleRequest(account: "210987654321", role: "AdministratorAccess")

  static func export(_ role: RoleRequest = role, verbose: Bool = false) -> RoleUseCase {
    RoleUseCase(
      role: role, action: .export(.posix), commandLine: "ssopick export",
      commandName: "ssopick export", verbose: verbose)
  }

  @Test("two 429s and a 500 from GetRoleCredentials are retried with backoff")
  func throttlingAndServerErrorsAreRetried() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      try home.center.addFault(
        .init(operation: .getRoleCredentials, answer: .exception(.tooManyRequests), count: 2))
      try home.center.addFault(.init(operation: .getRoleCredentials, answer: .status(500)))
      let clock = ManualTimeSource()
      let test = home.context(clock: clock)
      let status = try await Self.export().run(in: test.context)
      #expect(status == .success)
      #expect(test.stdout.contains("export AWS_ACCESS_KEY_ID='ASIA"))
      #expect(home.center.stats().operations[.getRoleCredentials] == 4)
      // Full jitter fixed at 0.5: half of 0.5 s, 1 s, 2 s.
      #expect(clock.sleeps == [.milliseconds(250), .milliseconds(500), .seconds(1)])
    }
  }

  @Test("a token the service ended is renewed with the refresh token, once")
  func aRefusedTokenIsRenewed() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      home.center.expireAllTokens()
      let test = home.context()
      #expect(try await Self.export().run(in: test.context) == .success)
      #expect(test.stdout.contains("AWS_SESSION_TOKEN="))
      #expect(home.center.stats().operations[.createToken] == 1)
      #expect(!test.stderr.contains("login"))
    }
  }

  @Test("cached credentials are reused; the next command makes no call")
  func theCacheIsShared() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let first = home.context()
      #expect(try await Self.export().run(in: first.context) == .success)
      let second = home.context()
      #expect(try await Self.export().run(in: second.context) == .success)
      #expect(home.center.stats().operations[.getRoleCredentials] == 1)
      #expect(first.stdout == second.stdout)
    }
  }

  @Test("no access to the role names the roles there are")
  func noAccessToTheRole() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let test = home.context()
      let role = RoleRequest(account: "210987654321", role: "Nope")
      await #expect {
        try await Self.export(role).run(in: test.context)
      } throws: { error in
        guard case .roleNotFound(let name, let account, let available) = error as? OutputError
        else { return false }
        return name == "Nope" && account == "210987654321"
          && available.contains("AdministratorAccess")
      }
      #expect(test.stdout.isEmpty)
    }
  }

  @Test(
    "a token service that keeps failing during a refresh is reported as such, not as signed out")
  func aTransientRefreshFailureSaysSo() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      home.center.expireAllTokens()
      try home.center.addFault(.init(operation: .createToken, answer: .status(500), count: 5))
      let test = home.context()
      await #expect {
        try await Self.export(verbose: true).run(in: test.context)
      } throws: { error in
        let text = String(describing: error)
        return text.contains("Could not renew the sign-in to acme")
          && text.contains("has not ended") && !text.contains("Not signed in")
      }
      #expect(home.center.stats().operations[.createToken] == 5)
      #expect(test.stderr.contains("the service is not answering"))
    }
  }

  @Test("a portal that never answers fails within the 30-second deadline, saying so")
  func aHungPortalFailsWithinTheDeadline() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      try home.center.addFault(.init(operation: .getRoleCredentials, answer: .hang, count: 10))
      let clock = ManualTimeSource(start: Date(), autoAdvance: false)
      let test = home.context(clock: clock)
      let start = clock.now
      let context = test.context
      await #expect {
        try await clock.driving { try await Self.export().run(in: context) }
      } throws: { error in
        guard case .deadlineExceeded(let operation, let seconds, _, _) = error as? RetryError
        else { return false }
        return operation.name == "GetRoleCredentials" && seconds == 30
          && String(describing: error).contains("did not complete GetRoleCredentials within 30 s")
      }
      // Virtual time: ~30 s, plus at most one 10-second timer of a concurrent request (the
      // account-name lookup) that the driver may run to while the real answer is on its way.
      let waited = clock.now.timeIntervalSince(start)
      #expect(waited >= 29 && waited <= 41, "\(waited)")
      #expect(test.stdout.isEmpty)
    }
  }

  @Test("hostile account names reach stderr escaped")
  func hostileNamesAreEscapedOnStderr() async throws {
    var options = FakeHome.autoApproving
    options.organisation = .custom(
      Organisation(accounts: [
        .init(
          accountId: "111111111111", accountName: "Evil\u{1B}]52;c;cGF5bG9hZA==\u{07}\u{202E}",
          emailAddress: "e@x.example", roles: ["Admin"])
      ]))
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      let test = home.context()
      let status = try await RoleUseCase(
        role: RoleRequest(account: "111111111111", role: "Admin"),
        action: .writeCredentials(profile: "evil", overwrite: false),
        commandLine: "ssopick export", commandName: "ssopick export"
      ).run(in: test.context)
      #expect(status == .success)
      #expect(test.stdout == "evil\n")
      #expect(!test.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
      #expect(!test.stderr.unicodeScalars.contains("\u{202E}"))
      #expect(test.stderr.contains(#"Evil\x1b]52;c;cGF5bG9hZA==\x07\u{202e}"#))
    }
  }
}

@Suite("exec and console (command layer)")
struct ExecAndConsoleTests {
  @Test("exec resolves the command on the context's PATH and hands it the credentials")
  func execGetsTheCredentials() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let test = home.context(["PATH": "/usr/bin:/bin", "AWS_SESSION_TOKEN": "stale"])
      let status = try await RoleUseCase(
        role: RoleCredentialsTests.role,
        action: .exec(command: ["env", "-0"], inherited: [:]), commandLine: "ssopick exec",
        commandName: "ssopick exec"
      ).run(in: test.context)
      // The recording launcher "fails" like an execve that returned: 126.
      #expect(status.rawValue == 126)
      let launch = try #require(test.launcher.recorded.first)
      #expect(launch.path == "/usr/bin/env" || launch.path == "/bin/env")
      #expect(launch.arguments == ["env", "-0"])
      #expect(launch.environment["AWS_ACCESS_KEY_ID"]?.hasPrefix("ASIA") == true)
      #expect(launch.environment["AWS_SESSION_TOKEN"] != "stale")
      #expect(launch.environment["SSOPICK_ACCOUNT_NAME"] == "Acme Management")

      let missing = home.context(["PATH": "/nonexistent"])
      let notFound = try await RoleUseCase(
        role: RoleCredentialsTests.role, action: .exec(command: ["no-such-tool"], inherited: [:]),
        commandLine: "ssopick exec", commandName: "ssopick exec"
      ).run(in: missing.context)
      #expect(notFound.rawValue == 127)
      #expect(missing.stderr.contains("no-such-tool: command not found"))
      #expect(missing.launcher.recorded.isEmpty)
    }
  }

  @Test(
    "console --print prints a federation sign-in URL the fake accepts; no browser: a clear error")
  func consoleURL() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let federation = home.baseURL.absoluteString + "/federation"
      let test = home.context(["SSOPICK_FEDERATION_ENDPOINT": federation])
      let status = try await RoleUseCase(
        role: RoleCredentialsTests.role,
        action: .console(ConsoleRequest(destination: "/s3/home", print: true)),
        commandLine: "ssopick console", commandName: "ssopick console"
      ).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout.hasPrefix(federation + "?Action=login&Issuer=ssopick&Destination="))
      #expect(test.stdout.contains("SigninToken="))
      #expect(!test.stderr.contains("SigninToken"))

      let headless = home.context(["SSOPICK_FEDERATION_ENDPOINT": federation, "CI": "true"])
      await #expect(throws: OutputError.noBrowser(reason: "running in CI")) {
        try await RoleUseCase(
          role: RoleCredentialsTests.role, action: .console(ConsoleRequest()),
          commandLine: "ssopick console", commandName: "ssopick console"
        ).run(in: headless.context)
      }
    }
  }
}
