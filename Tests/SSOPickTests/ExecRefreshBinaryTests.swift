import Foundation
import LoopbackServer
import SSOPickTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ssopick exec --refresh` and `ssopick serve` as processes: what the child gets, exit
/// statuses, signals.
@Suite("ssopick exec --refresh and serve (the built binary)")
struct ExecRefreshBinaryTests {
  @Test func theChildGetsTheEndpointAndItsStatusIsOurs() async throws {
    try await ExecCommandTests.withHome { home in
      let result = try await BinaryRunner.ssopick(
        ["exec", "--refresh", "--", "sh", "-c", "env -0; exit 7"],
        environment: home.environment([
          "AWS_PROFILE": "acme-admin", "AWS_ACCESS_KEY_ID": "AKIAOLD",
          "AWS_SECRET_ACCESS_KEY": "old",
        ]))
      #expect(result.status == 7, "\(result)")
      #expect(!result.signalled)
      let environment = EnvironmentDump.parse(result.stdout)
      let url = try #require(environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
      #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/role-credentials"))
      #expect(environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]?.count == 64)
      for name in [
        "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
      ] {
        #expect(environment[name] == nil, "\(name)")
      }
      #expect(environment["AWS_REGION"] == "eu-west-1")
      #expect(environment["SSOPICK_ROLE_NAME"] == "AdministratorAccess")
      #expect(result.stderr.isEmpty, "\(result)")
    }
  }

  @Test func theChildFetchesCredentialsWithTheToken() async throws {
    try await ExecCommandTests.withHome { home in
      let script = """
        import json, os, urllib.request
        request = urllib.request.Request(
            os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"],
            headers={"Authorization": os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]})
        print(json.load(urllib.request.urlopen(request))["AccountId"])
        """
      let result = try await BinaryRunner.ssopick(
        [
          "exec", "--refresh", "--profile", "acme-admin", "--", try Python.interpreter(), "-c",
          script,
        ],
        environment: home.environment())
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout == "210987654321\n")
    }
  }

  @Test func aSignalSentToSsopickIsPassedOnAndTheChildsStatusWins() async throws {
    try await ExecCommandTests.withHome { home in
      let script = "trap 'echo got TERM; exit 3' TERM; echo ready $$; while :; do sleep 0.05; done"
      let result = try await BinaryRunner.ssopick(
        ["exec", "--refresh", "--profile", "acme-admin", "--", "sh", "-c", script],
        environment: home.environment(), marker: "ready"
      ) { pid in
        kill(pid, SIGTERM)
      }
      #expect(result.status == 3, "\(result)")
      #expect(!result.signalled)
      #expect(result.stdout.contains("got TERM"))
      // The command is a child this time: ssopick stays to serve the credentials.
      #expect(!result.stdout.hasPrefix("ready \(result.pid)\n"), "\(result)")

      let killed = try await BinaryRunner.ssopick(
        ["exec", "--refresh", "--profile", "acme-admin", "--", "sh", "-c", "kill -USR1 $$"],
        environment: home.environment())
      #expect(!killed.signalled)
      #expect(killed.status == 128 + SIGUSR1, "\(killed)")
    }
  }

  #if os(Linux)
    /// The child starts with the signal mask and ignored signals ssopick started with.
    @Test func theChildStartsWithOurSignalState() async throws {
      try await ExecCommandTests.withHome { home in
        let probe = "grep -E '^Sig(Blk|Ign)' /proc/self/status"
        let direct = try await ChildProcess.run(
          "/bin/sh", ["-c", probe], environment: home.environment()
        ).stdout
        let result = try await BinaryRunner.ssopick(
          ["exec", "--refresh", "--profile", "acme-admin", "--", "sh", "-c", probe],
          environment: home.environment())
        #expect(result.status == 0, "\(result)")
        let mask: (String) -> [UInt64] = { text in
          text.split(separator: "\n").compactMap { line in
            line.split(separator: "\t").last.flatMap { UInt64($0, radix: 16) }.map {
              $0 & 0x7FFF_FFFF
            }
          }
        }
        #expect(mask(result.stdout) == mask(direct), "direct:\n\(direct)\nexec:\n\(result.stdout)")
      }
    }
  #endif

  @Test func missingCommandsExit127() async throws {
    try await ExecCommandTests.withHome { home in
      let missing = try await BinaryRunner.ssopick(
        [
          "exec", "--refresh", "--profile", "acme-admin", "--",
          "no-such-command-\(UUID().uuidString)",
        ],
        environment: home.environment())
      #expect(missing.status == 127, "\(missing)")
      #expect(missing.stderr.contains("command not found"))
    }
  }

  @Test func optionsThatCannotWorkExit2() async throws {
    try await ExecCommandTests.withHome { home in
      let cases: [([String], String)] = [
        (["--refresh-credentials"], "--refresh-credentials applies only to --exec"),
        (
          [
            "exec", "--refresh", "--profile", "acme-admin", "--assume",
            "arn:aws:iam::012345678901:role/Deploy", "--mfa-serial",
            "arn:aws:iam::210987654321:mfa/jane", "--", "true",
          ], "--mfa-serial"
        ),
        (["serve", "--port", "70000"], "--port must be 0–65535"),
      ]
      for (arguments, message) in cases {
        let result = try await BinaryRunner.ssopick(arguments, environment: home.environment())
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      }
    }
  }

  @Test func servePrintsTheVariablesAndStopsOnSIGINT() async throws {
    try await ExecCommandTests.withHome { home in
      let result = try await BinaryRunner.ssopick(
        ["serve", "--profile", "acme-admin", "--shell", "bash"],
        environment: home.environment(), marker: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
      ) { pid in
        kill(pid, SIGINT)
      }
      #expect(result.status == 130, "\(result)")
      #expect(!result.signalled)
      let lines = result.stdout.split(separator: "\n")
      #expect(
        lines.first?.hasPrefix("export AWS_CONTAINER_CREDENTIALS_FULL_URI='http://127.0.0.1:")
          == true)
      let tokenLine = try #require(
        lines.first { $0.hasPrefix("export AWS_CONTAINER_AUTHORIZATION_TOKEN=") })
      let token = tokenLine.split(separator: "'").last.map(String.init) ?? ""
      #expect(token.count == 64)
      #expect(!result.stderr.contains(token), "the token is on stdout only")
      #expect(result.stderr.contains("Serving credentials for"))
      #expect(result.stderr.contains("Stopped serving credentials."))
    }
  }

  @Test func serveOnABusyPortExits2() async throws {
    try await ExecCommandTests.withHome { home in
      let busy = try HTTPServer { _ in HTTPServer.Response(status: 200) }
      let result = try await BinaryRunner.ssopick(
        ["serve", "--profile", "acme-admin", "--port", String(busy.port)],
        environment: home.environment())
      await busy.stop()
      #expect(result.status == 2, "\(result)")
      #expect(result.stderr.contains("Address already in use"), "\(result)")
      #expect(result.stdout.isEmpty)
    }
  }
}
