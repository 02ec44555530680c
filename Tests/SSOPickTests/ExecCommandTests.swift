import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// `ssopick exec`: the command becomes the process — same pid, signals, exit status, stdin
/// and stdout — with the credentials in its environment.
@Suite("ssopick exec (the built binary)")
struct ExecCommandTests {
  static let config =
    FakeHome.sessionConfig(name: "acme")
    + "\n[profile acme-admin]\nsso_session = acme\nsso_account_id = 210987654321\n"
    + "sso_role_name = AdministratorAccess\nregion = eu-west-1\n"

  /// Runs `body` in a signed-in fake home with `config` (see `FakeHome.with`).
  static func withHome(_ body: (FakeHome) async throws -> Void) async throws {
    try await FakeHome.with(config: config) { home in
      try home.signIn()
      try await body(home)
    }
  }

  @Test func theCommandGetsTheCredentialsAndItsExitStatusIsOurs() async throws {
    try await Self.withHome { home in
      let result = try await BinaryRunner.ssopick(
        ["exec", "--", "sh", "-c", "env -0; exit 7"],
        environment: home.environment(["AWS_PROFILE": "acme-admin"]))
      #expect(result.status == 7, "\(result)")
      #expect(!result.signalled)
      let environment = EnvironmentDump.parse(result.stdout)
      #expect(environment["AWS_ACCESS_KEY_ID"]?.hasPrefix("ASIA") == true)
      #expect(environment["AWS_SESSION_TOKEN"]?.isEmpty == false)
      #expect(environment["AWS_REGION"] == "eu-west-1")
      #expect(environment["AWS_PROFILE"] == nil)
      #expect(environment["SSOPICK_ROLE_NAME"] == "AdministratorAccess")
      #expect(environment["HOME"] == home.home)
      #expect(result.stderr.isEmpty, "\(result)")
    }
  }

  @Test func stdinAndStdoutPassThrough() async throws {
    try await Self.withHome { home in
      let result = try await BinaryRunner.ssopick(
        ["exec", "--account", "210987654321", "--role", "Billing", "--", "cat"],
        environment: home.environment(), stdin: "hello\nworld\n")
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout == "hello\nworld\n")
    }
  }

  @Test func theCommandIsTheProcessSoSignalsReachIt() async throws {
    try await Self.withHome { home in
      let script = "trap 'echo got TERM; exit 3' TERM; echo ready $$; while :; do sleep 0.05; done"
      let result = try await BinaryRunner.ssopick(
        ["exec", "--profile", "acme-admin", "--", "sh", "-c", script],
        environment: home.environment(), marker: "ready"
      ) { pid in
        kill(pid, SIGTERM)
      }
      #expect(result.status == 3, "\(result)")
      #expect(result.stdout.contains("got TERM"))
      // `$$` in the command is ssopick's own pid: nothing stands between.
      #expect(result.stdout.hasPrefix("ready \(result.pid)\n"), "\(result)")

      let killed = try await BinaryRunner.ssopick(
        ["exec", "--profile", "acme-admin", "--", "sh", "-c", "kill -KILL $$"],
        environment: home.environment())
      #expect(killed.signalled)
      #expect(killed.status == SIGKILL)
    }
  }

  #if os(Linux)
    /// The command starts with the signal mask and the ignored signals ssopick started with
    /// (standard signals 1–31; 32 and 33 belong to glibc's threads).
    @Test func theCommandStartsWithOurSignalState() async throws {
      try await Self.withHome { home in
        let probe = "grep -E '^Sig(Blk|Ign)' /proc/self/status"
        let direct = try await ChildProcess.run(
          "/bin/sh", ["-c", probe], environment: home.environment()
        ).stdout
        let result = try await BinaryRunner.ssopick(
          ["exec", "--profile", "acme-admin", "--", "sh", "-c", probe],
          environment: home.environment())
        #expect(result.status == 0, "\(result)")
        func standard(_ text: String) -> [UInt64] {
          text.split(separator: "\n").compactMap { line in
            line.split(separator: "\t").last.flatMap { UInt64($0, radix: 16) }.map {
              $0 & 0x7FFF_FFFF
            }
          }
        }
        #expect(
          standard(result.stdout) == standard(direct), "direct:\n\(direct)\nexec:\n\(result.stdout)"
        )
        #expect(standard(result.stdout).first == 0, "the command starts with signals blocked")
      }
    }

    /// Descriptors ssopick opened (its connection to the portal, lock files) are not passed
    /// on. ssopick is started through Python with only 0, 1 and 2 open (the test runner
    /// itself leaks descriptors into children), so the command must see exactly those.
    @Test func noDescriptorOfSsopickLeaksIntoTheCommand() async throws {
      try await Self.withHome { home in
        let output = try await Python.run(
          "import os, sys; os.closerange(3, 65536); os.execv(sys.argv[1], sys.argv[1:])",
          arguments: [
            try BinaryRunner.binary(), "exec", "--profile", "acme-admin", "--", "/bin/sh", "-c",
            "ls /proc/self/fd | sort -n | tr '\\n' ' '",
          ], environment: home.environment())
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "0 1 2 3 ", "open in the command: \(output.stdout)")
      }
    }
  #endif

  @Test func missingAndUnrunnableCommandsExit127And126() async throws {
    try await Self.withHome { home in
      let missing = try await BinaryRunner.ssopick(
        ["exec", "--profile", "acme-admin", "--", "no-such-command-\(UUID().uuidString)"],
        environment: home.environment())
      #expect(missing.status == 127, "\(missing)")
      #expect(missing.stderr.contains("command not found"))
      let file = home.home + "/not-executable"
      try "echo hi\n".write(toFile: file, atomically: true, encoding: .utf8)
      let unrunnable = try await BinaryRunner.ssopick(
        ["exec", "--profile", "acme-admin", "--", file], environment: home.environment())
      #expect(unrunnable.status == 126, "\(unrunnable)")
      // An executable script without #! runs with /bin/sh, as in a shell.
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
      let script = try await BinaryRunner.ssopick(
        ["exec", "--profile", "acme-admin", "--", file], environment: home.environment())
      #expect(script.status == 0, "\(script)")
      #expect(script.stdout == "hi\n")
    }
  }

  @Test func failingBeforeTheCommandExits2AndRunsNothing() async throws {
    try await FakeHome.with(config: Self.config) { home in
      let marker = home.home + "/ran"
      let result = try await BinaryRunner.ssopick(
        ["exec", "--profile", "acme-admin", "--", "touch", marker], environment: home.environment())
      #expect(result.status == 2, "\(result)")
      #expect(result.stderr.contains("ssopick login"), "\(result)")
      #expect(!FileManager.default.fileExists(atPath: marker))
      let noCommand = try await BinaryRunner.ssopick(
        ["exec", "--profile", "acme-admin"], environment: home.environment())
      #expect(noCommand.status == 2)
    }
  }
}
