import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// Many ssopick processes at once with a sign-in that needs renewing: the cross-process lock
/// lets exactly one of them refresh (or sign in); the others wait and use its token. And a
/// token refreshed by botocore is used as it is.
@Suite("one refresh or sign-in for many processes (the built binary)")
struct LoginLockTests {
  private static func runTwenty(_ arguments: [String], environment: [String: String])
    async throws -> [BinaryRunner.Output]
  {
    try await withThrowingTaskGroup(of: BinaryRunner.Output.self) { group in
      for _ in 0..<20 {
        group.addTask {
          try await BinaryRunner.ssopick(
            arguments, environment: environment, timeout: .seconds(120))
        }
      }
      var all: [BinaryRunner.Output] = []
      for try await output in group { all.append(output) }
      return all
    }
  }

  private static func tokenDocument(_ fake: FakeHome) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: fake.tokenPath()))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func twentyProcessesWithAnExpiredTokenRefreshItOnce() async throws {
    try await FakeHome.with { fake in
      try fake.signIn(expiresIn: -60)  // expired, with a refresh token and a registration
      let before = try Self.tokenDocument(fake)

      let outputs = try await Self.runTwenty(
        ["list", "--refresh", "--tsv"], environment: fake.environment())

      #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.filter { $0.status != 0 })")
      #expect(Set(outputs.map(\.stdout)).count == 1)
      #expect(outputs.first?.stdout.split(separator: "\n").count == 149)
      let operations = fake.center.stats().operations
      #expect(operations[.createToken] == 1, "\(operations)")
      #expect(operations[.registerClient] == nil)
      #expect(operations[.startDeviceAuthorization] == nil)
      // The renewed token is back in the AWS CLI's file, in its format.
      let after = try Self.tokenDocument(fake)
      #expect((after["accessToken"] as? String) != (before["accessToken"] as? String))
      #expect(
        (after["expiresAt"] as? String).map { $0 > (before["expiresAt"] as? String ?? "") } == true)
      #expect(after["refreshToken"] is String && after["clientSecret"] is String)
    }
  }

  @Test func twentyProcessesWithoutASignInSignInOnce() async throws {
    try await FakeHome.with { fake in  // approves device codes at once
      let arguments = CredentialProcessTests.arguments + ["--allow-login"]

      let outputs = try await Self.runTwenty(
        arguments, environment: fake.environment(["CI": "true"]))

      #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.filter { $0.status != 0 })")
      #expect(Set(outputs.map(\.stdout)).count == 1)
      let operations = fake.center.stats().operations
      #expect(operations[.registerClient] == 1, "\(operations)")
      #expect(operations[.startDeviceAuthorization] == 1, "\(operations)")
      #expect(operations[.createToken] == 1, "\(operations)")
      #expect(operations[.getRoleCredentials] == 1, "\(operations)")
    }
  }

  @Test func aTokenBotocoreRefreshedIsUsedWithoutAnotherRefresh() async throws {
    try await FakeHome.with { fake in
      try LoginCommandTests.config(for: fake.center).write(
        toFile: fake.configPath, atomically: true, encoding: .utf8)
      try fake.signIn(expiresIn: -60)

      // botocore's SSO token provider refreshes the expired token and writes the file back.
      let accessKey = try await Python.check(
        LoginCommandTests.botocoreCredentials, arguments: ["acme-admin"],
        environment: fake.environment())
      #expect(accessKey.hasPrefix("ASIA"))
      #expect(fake.center.stats().operations[.createToken] == 1)

      let listed = try await BinaryRunner.ssopick(
        ["list", "--refresh", "--session", "acme"], environment: fake.environment())
      #expect(listed.status == 0, "\(listed)")
      #expect(fake.center.stats().operations[.createToken] == 1, "ssopick refreshed again")
      #expect((fake.center.stats().operations[.listAccounts] ?? 0) > 0)
    }
  }
}
