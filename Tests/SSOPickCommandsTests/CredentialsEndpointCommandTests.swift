import CurlTransport
import FakeIdentityCenter
import Foundation
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A stop signal that runs the test's `body` while the server serves, then "arrives" as
/// SIGINT — so a test talks to a running `serve` without waiting for anything.
struct StopAfter: StopSignal {
  var body: @Sendable () async throws -> Void

  func wait() async -> Int32 {
    do { try await body() } catch { Issue.record(error) }
    return SIGINT
  }
}

/// What a test needs to talk to a credentials endpoint, from printed export lines or a
/// child's environment.
struct EndpointAccess: Sendable {
  var url: String
  var token: String

  /// From `export NAME='value'` lines (`serve`'s stdout).
  init(exportLines text: String) throws {
    var values: [String: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("export ") {
      let assignment = line.dropFirst("export ".count)
      guard let equals = assignment.firstIndex(of: "=") else { continue }
      values[String(assignment[..<equals])] = String(
        assignment[assignment.index(after: equals)...].dropFirst().dropLast())
    }
    try self.init(environment: values)
  }

  /// From `AWS_CONTAINER_CREDENTIALS_FULL_URI` and `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
  init(environment: [String: String]) throws {
    url = try #require(environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
    token = try #require(environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"])
  }

  /// `GET url` with `Authorization: token` (or `authorization`), over libcurl.
  func get(authorization: String? = nil, path: String? = nil) async throws -> HTTPResponse {
    let transport = CurlTransportFactory().transport(
      TransportRequirements(configCABundle: nil, maxConnections: 2), environment: Environment([:]))
    var target = url
    if let path, let slash = url.range(of: "/", options: .backwards) {
      target = String(url[..<slash.lowerBound]) + path
    }
    return try await transport.send(
      HTTPRequest(
        method: "GET", url: target, headers: [HTTPHeader("Authorization", authorization ?? token)]))
  }

  /// The served credentials' `AccessKeyId` and `AccountId` (the response must be a 200).
  func keys() async throws -> (accessKeyID: String, accountID: String) {
    let response = try await get()
    try #require(response.status == 200, "\(response.status)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: response.body) as? [String: String])
    return (try #require(json["AccessKeyId"]), try #require(json["AccountId"]))
  }
}

@Suite("ssopick serve and exec --refresh (command layer)")
struct CredentialsEndpointCommandTests {
  static let serveAdmin = ServeUseCase.Request(role: RoleCredentialsTests.role, shell: .posix)

  @Test("serve prints the two variables, serves the role, renews it before it expires")
  func serveRenewsBeforeExpiry() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let clock = ManualTimeSource(start: Date())
      let test = home.context(clock: clock)
      let status = try await ServeUseCase(
        Self.serveAdmin,
        catchStop: {
          StopAfter {
            let access = try EndpointAccess(exportLines: test.stdout)
            #expect(access.url.hasPrefix("http://127.0.0.1:"))
            #expect(test.stdout.contains("unset AWS_PROFILE\n"))
            let first = try await access.keys()
            #expect(first.accountID == "210987654321")
            // Still 60 minutes left: the same (cached) credentials.
            #expect(try await access.keys().accessKeyID == first.accessKeyID)
            // 44 minutes left: fewer than 45, so new ones, long before they expire.
            clock.advance(by: .seconds(16 * 60))
            let renewed = try await access.keys()
            #expect(renewed.accessKeyID != first.accessKeyID)
            #expect(try await access.get(authorization: "wrong").status == 403)
            #expect(try await access.get(path: "/other").status == 404)
          }
        }
      ).run(in: test.context)
      #expect(status == .cancelled)
      let access = try EndpointAccess(exportLines: test.stdout)
      #expect(!test.stderr.contains(access.token), "the token is printed on stdout only")
      #expect(test.stderr.contains("Serving credentials for Acme Management (210987654321)"))
      #expect(test.stderr.contains("Stopped serving credentials."))
      // Stopped: nothing listens any more.
      await #expect(throws: (any Error).self) { _ = try await access.get() }
    }
  }

  @Test("when the sign-in ends: said once on stderr, 503 with what to run, then served again")
  func signInEnded() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let clock = ManualTimeSource(start: Date())
      let test = home.context(clock: clock)
      _ = try await ServeUseCase(
        Self.serveAdmin,
        catchStop: {
          StopAfter {
            let access = try EndpointAccess(exportLines: test.stdout)
            home.center.expireAllTokens(refreshTokens: true)
            clock.advance(by: .seconds(16 * 60))
            for _ in 0..<2 {
              let refused = try await access.get()
              #expect(refused.status == 503)
              let body = String(decoding: refused.body, as: UTF8.self)
              #expect(body.contains(#""Code":"SignInEnded""#), "\(body)")
              #expect(body.contains("ssopick login"), "\(body)")
            }
            #expect(test.stderr.components(separatedBy: "the sign-in has ended").count == 2)
            try home.signIn()
            _ = try await access.keys()
            #expect(test.stderr.contains("ssopick serve: credentials are served again."))
          }
        }
      ).run(in: test.context)
    }
  }

  @Test("serve fails before serving (exit 2's error) when the role is not there")
  func serveFailsEarly() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let test = home.context()
      await #expect(throws: OutputError.self) {
        _ = try await ServeUseCase(
          .init(role: RoleRequest(account: "210987654321", role: "NoSuchRole")),
          catchStop: { StopAfter { Issue.record("served") } }
        ).run(in: test.context)
      }
      #expect(test.stdout.isEmpty)
    }
  }

  @Test("exec --refresh: the child gets the endpoint, not keys or a profile, and its status")
  func execRefreshHandsOverTheEndpoint() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let test = home.context([
        "PATH": "/usr/bin:/bin", "AWS_PROFILE": "old", "AWS_DEFAULT_PROFILE": "old",
        "AWS_ACCESS_KEY_ID": "AKIAOLD", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/tmp/x",
      ])
      test.launcher.playChild { launch in
        do {
          let environment = launch.environment
          for rival in ShellExport.endpointRivals {
            #expect(environment[rival] == nil, "\(rival)")
          }
          #expect(environment["SSOPICK_ROLE_NAME"] == "AdministratorAccess")
          let access = try EndpointAccess(environment: environment)
          #expect(try await access.keys().accountID == "210987654321")
        } catch {
          Issue.record(error)
        }
        return .exited(3)
      }
      let status = try await RoleUseCase(
        role: RoleRequest(
          selection: SessionSelection(session: "acme"), account: "210987654321",
          role: "AdministratorAccess", region: "eu-west-1"),
        action: .execRefreshing(command: ["env"], inherited: [:]), commandLine: "ssopick exec",
        commandName: "ssopick exec"
      ).run(in: test.context)
      #expect(status.rawValue == 3)
      let launch = try #require(test.launcher.recorded.first)
      #expect(launch.arguments == ["env"])
      #expect(launch.environment["AWS_REGION"] == "eu-west-1")
      // The endpoint stopped with the command.
      let access = try EndpointAccess(environment: launch.environment)
      await #expect(throws: (any Error).self) { _ = try await access.get() }
      #expect(!test.stderr.contains(access.token))

      // A signal that ended the command is 128 + N; a missing command 127.
      test.launcher.playChild { _ in .signalled(SIGTERM) }
      let acme = RoleRequest(
        selection: SessionSelection(session: "acme"), account: "210987654321",
        role: "AdministratorAccess")
      let signalled = try await RoleUseCase(
        role: acme, action: .execRefreshing(command: ["env"], inherited: [:]),
        commandLine: "ssopick exec", commandName: "ssopick exec"
      ).run(in: test.context)
      #expect(signalled == .signal(SIGTERM))
      let missing = try await RoleUseCase(
        role: acme,
        action: .execRefreshing(command: ["no-such-tool-\(UUID().uuidString)"], inherited: [:]),
        commandLine: "ssopick exec", commandName: "ssopick exec"
      ).run(in: test.context)
      #expect(missing.rawValue == 127)
      #expect(test.stderr.contains("command not found"))
    }
  }

  @Test("--refresh with --mfa-serial is refused: each renewal would need a new code")
  func mfaCannotBeRenewed() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let chain = try RoleChain.options(
        assume: ["arn:aws:iam::012345678901:role/Deploy"],
        mfaSerial: "arn:aws:iam::210987654321:mfa/jane", tokenCode: "123456")
      let test = home.context()
      await #expect(throws: EndpointError.mfaCannotRenew) {
        _ = try await RoleUseCase(
          role: RoleCredentialsTests.role,
          action: .execRefreshing(command: ["env"], inherited: [:]), chain: chain,
          commandLine: "ssopick exec", commandName: "ssopick exec"
        ).run(in: test.context)
      }
      #expect(test.launcher.recorded.isEmpty)
    }
  }
}
