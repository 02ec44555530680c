import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// The AWS CLI's role-credential cache (spec §8) and the credential_process document
/// (spec §10), compared with the spec's examples and with Python's `json`.
@Suite struct RoleCredentialCacheTests {
  static let credentials = RoleCredentials(
    accessKeyID: "ASIAEXAMPLE7QWERTY", secretAccessKey: "wJalrEXAMPLEsecretKEY/abc+def",
    sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//tok==",
    expiration: Date(timeIntervalSince1970: 1_767_229_200), accountID: "210987654321")

  static func directories() -> CacheDirectories {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-cache-\(UUID().uuidString)").path
    return CacheDirectories(
      ssoCache: base + "/.aws/sso/cache", cliCache: base + "/.aws/cli/cache",
      ssopickCache: base + "/.cache/ssopick")
  }

  @Test func fileNamesAreTheSpecVectors() {
    let cache = RoleCredentialCache(directories: Self.directories())
    let named = RoleCredentialCache.Key(
      accountID: "210987654321", roleName: "PlatformAdmin", sessionName: "acme-sso",
      startURL: "https://d-9a6f3c21b7.awsapps.com/start")
    #expect(
      cache.path(for: named).hasSuffix(
        "/.aws/cli/cache/2cb6f8f974923909de3b5ea8f04f5612a53abc95.json"))
    let legacy = RoleCredentialCache.Key(
      accountID: "210987654321", roleName: "PlatformAdmin", sessionName: nil,
      startURL: "https://d-9a6f3c21b7.awsapps.com/start")
    #expect(cache.path(for: legacy).hasSuffix("/701847d4bc36a381048bca03776cbcaa2bf6d766.json"))
    // The lock never lives in the AWS CLI's folder.
    #expect(cache.lockFile(for: named).contains("/.cache/ssopick/locks/"))
  }

  @Test func contentIsTheSpecExampleByteForByte() {
    #expect(
      RoleCredentialCache.encode(Self.credentials)
        == #"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAEXAMPLE7QWERTY", "SecretAccessKey": "wJalrEXAMPLEsecretKEY/abc+def", "SessionToken": "IQoJb3JpZ2luX2VjEXAMPLE//tok==", "Expiration": "2026-01-01T01:00:00Z", "AccountId": "210987654321"}}"#
    )
  }

  @Test func readsFilesOfOlderCLIsAndRejectsOthers() {
    let old =
      #"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-01-01T01:00:00UTC"}}"#
    let read = RoleCredentialCache.decode(Array(old.utf8), accountID: "111111111111")
    #expect(read?.accountID == "111111111111")
    #expect(read?.expiration == Self.credentials.expiration)
    #expect(RoleCredentialCache.decode(Array("{".utf8), accountID: "1") == nil)
    let assumeRole =
      #"{"ProviderType": "assume-role", "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-01-01T01:00:00Z"}}"#
    #expect(RoleCredentialCache.decode(Array(assumeRole.utf8), accountID: "1") == nil)
  }

  @Test func reusesUntilFifteenMinutesBeforeExpiry() async throws {
    let time = ManualTimeSource(start: Self.credentials.expiration.addingTimeInterval(-3600))
    let directories = Self.directories()
    defer { try? FileManager.default.removeItem(atPath: directories.cliCache + "/../../..") }
    let cache = RoleCredentialCache(directories: directories, time: time)
    let key = RoleCredentialCache.Key(
      accountID: "210987654321", roleName: "PlatformAdmin", sessionName: "acme", startURL: "")
    var fetches = 0
    let first = try await cache.credentials(for: key) {
      fetches += 1
      return Self.credentials
    }
    #expect(first == Self.credentials)
    #expect(fetches == 1)
    let path = cache.path(for: key)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == RoleCredentialCache.encode(first))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    time.advance(by: .seconds(45 * 60))  // exactly 15 minutes left: the CLI still reuses
    _ = try await cache.credentials(for: key) {
      fetches += 1
      return Self.credentials
    }
    #expect(fetches == 1)

    time.advance(by: .seconds(1))  // 14:59 left: fetch again, and the file is rewritten
    var renewed = Self.credentials
    renewed.accessKeyID = "ASIANEW"
    renewed.expiration = time.now.addingTimeInterval(3600)
    let second = try await cache.credentials(for: key) {
      fetches += 1
      return renewed
    }
    #expect(fetches == 2)
    #expect(second == renewed)
    #expect(cache.cached(key)?.accessKeyID == "ASIANEW")
  }

  @Test func aCorruptFileIsFetchedAgainAndReplaced() async throws {
    let directories = Self.directories()
    let cache = RoleCredentialCache(
      directories: directories,
      time: ManualTimeSource(start: Self.credentials.expiration.addingTimeInterval(-3600)))
    let key = RoleCredentialCache.Key(
      accountID: "210987654321", roleName: "R", sessionName: "acme", startURL: "")
    try AtomicFile.write(Array("not json".utf8), to: cache.path(for: key))
    var fetched = false
    _ = try await cache.credentials(for: key) {
      fetched = true
      return Self.credentials
    }
    #expect(fetched)
    #expect(cache.cached(key) == Self.credentials)
  }

  @Test func aFailedFetchWritesNothing() async throws {
    let directories = Self.directories()
    let cache = RoleCredentialCache(directories: directories)
    let key = RoleCredentialCache.Key(
      accountID: "210987654321", roleName: "R", sessionName: "acme", startURL: "")
    await #expect(throws: PortalError.self) {
      try await cache.credentials(for: key) { throw PortalError.unauthorized(operation: "x") }
    }
    #expect(!FileManager.default.fileExists(atPath: cache.path(for: key)))
  }

  // MARK: - credential_process output

  @Test func credentialProcessDocumentIsTheSpecExample() {
    #expect(
      CredentialProcessOutput.render(Self.credentials) == """
        {
          "Version": 1,
          "AccessKeyId": "ASIAEXAMPLE7QWERTY",
          "SecretAccessKey": "wJalrEXAMPLEsecretKEY/abc+def",
          "SessionToken": "IQoJb3JpZ2luX2VjEXAMPLE//tok==",
          "Expiration": "2026-01-01T01:00:00+00:00"
        }

        """)
  }

  /// Byte for byte what Python's `json.dumps(…, indent=2)` (the CLI's formatter) prints,
  /// even for values that need escaping.
  @Test func credentialProcessDocumentMatchesPythonJSON() async throws {
    var odd = Self.credentials
    odd.secretAccessKey = "a\"b\\c/d\u{1}é😀"
    let expected = try await Python.check(
      """
      import json, sys
      print(json.dumps({"Version": 1, "AccessKeyId": sys.argv[1], "SecretAccessKey": sys.argv[2],
        "SessionToken": sys.argv[3], "Expiration": sys.argv[4]}, indent=2))
      """,
      arguments: [
        odd.accessKeyID, odd.secretAccessKey, odd.sessionToken, "2026-01-01T01:00:00+00:00",
      ],
      environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
    #expect(CredentialProcessOutput.render(odd) == expected)
  }
}
