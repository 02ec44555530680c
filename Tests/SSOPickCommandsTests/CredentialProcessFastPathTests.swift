import Foundation
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// The cached-credential answer `ssopick credential-process` gives before its command line
/// is parsed: which command lines it takes, and that it answers only from a fresh cache.
@Suite struct CredentialProcessFastPathTests {
  static let plain = [
    "credential-process", "--session", "acme", "--account", "210987654321", "--role", "Admin",
  ]

  @Test func takesTheSimpleFormInAnyOrderAndSpelling() throws {
    let key = try #require(CredentialProcessFastPath.key(Self.plain))
    #expect(key.sessionName == "acme" && key.accountID == "210987654321")
    #expect(key.roleName == "Admin")
    let reordered = [
      "credential-process", "--role=Admin", "--allow-login", "--account", "210987654321",
      "--session=acme",
    ]
    #expect(CredentialProcessFastPath.key(reordered) == key)
  }

  @Test func leavesEverythingElseToTheArgumentParser() {
    let others: [[String]] = [
      [],
      ["list", "--session", "acme"],
      ["credential-process", "--profile", "acme-admin"],
      ["credential-process", "--session", "acme", "--account", "Production", "--role", "Admin"],
      ["credential-process", "--session", "acme", "--account", "210987654321"],
      Self.plain + ["--role", "Other"],
      Self.plain + ["--help"],
      Self.plain + ["extra"],
      Self.plain + ["--session"],
      ["credential-process", "--session", "--account", "210987654321", "--role", "Admin"],
      ["credential-process", "--session=", "--account", "210987654321", "--role", "Admin"],
      ["credential-process", "--session", "acme", "--account=210987654321", "--role", "-h"],
    ]
    for arguments in others {
      #expect(CredentialProcessFastPath.key(arguments) == nil, "\(arguments)")
    }
  }

  @Test func answersOnlyFromCredentialsValidForFifteenMoreMinutes() throws {
    let home = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-fast-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: home) }
    let environment = Environment(["HOME": home])
    let time = ManualTimeSource()
    #expect(
      CredentialProcessFastPath.cachedOutput(
        arguments: Self.plain, environment: environment, time: time) == nil)

    let credentials = RoleCredentials(
      accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token",
      expiration: time.now.addingTimeInterval(16 * 60), accountID: "210987654321")
    let cache = RoleCredentialCache(directories: try CacheDirectories(environment: environment))
    let key = try #require(CredentialProcessFastPath.key(Self.plain))
    try AtomicFile.write(
      Array(RoleCredentialCache.encode(credentials).utf8), to: cache.path(for: key))
    #expect(
      CredentialProcessFastPath.cachedOutput(
        arguments: Self.plain, environment: environment, time: time)
        == CredentialProcessOutput.render(credentials))

    time.advance(by: .seconds(2 * 60))
    #expect(
      CredentialProcessFastPath.cachedOutput(
        arguments: Self.plain, environment: environment, time: time) == nil)
  }
}
