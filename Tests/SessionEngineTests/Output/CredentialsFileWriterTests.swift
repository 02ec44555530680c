import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// Static role credentials in `~/.aws/credentials`: written losslessly, with the expiry
/// comment, private, never over someone's long-term keys — and read by botocore.
@Suite struct CredentialsFileWriterTests {
  static let credentials = RoleCredentials(
    accessKeyID: "ASIAEXAMPLE7QWERTY", secretAccessKey: "wJalrEXAMPLEsecretKEY/abc+def",
    sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//tok==",
    expiration: Date(timeIntervalSince1970: 1_767_229_200), accountID: "210987654321")
  static let comment =
    "# ssopick: temporary credentials for account 210987654321, role PlatformAdmin; "
    + "they expire at 2026-01-01T01:00:00Z"

  static func folder() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-credentials-\(UUID().uuidString)").path
  }

  @Test func createsAPrivateFile() async throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/.aws/credentials"
    let result = try await CredentialsFileWriter(credentialsFile: path).write(
      Self.credentials, profile: "acme-admin", roleName: "PlatformAdmin")
    #expect(result.change.createdSection)
    #expect(!result.tightenedMode)
    #expect(
      try String(contentsOfFile: path, encoding: .utf8) == """
        [acme-admin]
        \(Self.comment)
        aws_access_key_id = ASIAEXAMPLE7QWERTY
        aws_secret_access_key = wJalrEXAMPLEsecretKEY/abc+def
        aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE//tok==

        """)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect(attributes[.posixPermissions] as? Int == 0o600)
  }

  @Test func rewritingReplacesTheCommentAndLeavesTheRestAlone() throws {
    let before = """
      # my credentials\r
      [default]\r
      aws_access_key_id = AKIAEXAMPLELONGTERM1\r
      aws_secret_access_key = abcdEXAMPLEsecret/xyz\r
      \r
      [acme-admin]\r
      \(Self.comment)\r
      aws_access_key_id = ASIAOLD\r
      aws_secret_access_key = old\r
      aws_security_token = older\r
      aws_session_token = old\r
      region = eu-west-1\r

      """
    var document = try ConfigDocument(parsing: before, path: "credentials", flavor: .credentials)
    var later = Self.credentials
    later.expiration = later.expiration.addingTimeInterval(3600)
    try CredentialsFileWriter.apply(
      later, profile: "acme-admin", roleName: "PlatformAdmin", to: &document, overwrite: false)
    #expect(
      document.text == """
        # my credentials\r
        [default]\r
        aws_access_key_id = AKIAEXAMPLELONGTERM1\r
        aws_secret_access_key = abcdEXAMPLEsecret/xyz\r
        \r
        [acme-admin]\r
        # ssopick: temporary credentials for account 210987654321, role PlatformAdmin; they expire at 2026-01-01T02:00:00Z\r
        aws_access_key_id = ASIAEXAMPLE7QWERTY\r
        aws_secret_access_key = wJalrEXAMPLEsecretKEY/abc+def\r
        aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE//tok==\r
        region = eu-west-1\r

        """)
  }

  @Test func neverReplacesKeysItDidNotWrite() throws {
    let before = "[default]\naws_access_key_id = AKIAEXAMPLELONGTERM1\naws_secret_access_key = x\n"
    var document = try ConfigDocument(parsing: before, path: "credentials", flavor: .credentials)
    #expect(throws: OutputError.self) {
      try CredentialsFileWriter.apply(
        Self.credentials, profile: "default", roleName: "R", to: &document, overwrite: false)
    }
    #expect(document.text == before)
    try CredentialsFileWriter.apply(
      Self.credentials, profile: "default", roleName: "PlatformAdmin", to: &document,
      overwrite: true)
    #expect(document.text.contains("aws_access_key_id = ASIAEXAMPLE7QWERTY"))
    #expect(document.text.contains(Self.comment))
  }

  @Test func anExistingFileReadableByOthersIsMadePrivate() async throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/credentials"
    try "[other]\nx = 1\n".write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    let result = try await CredentialsFileWriter(credentialsFile: path).write(
      Self.credentials, profile: "p", roleName: "R")
    #expect(result.tightenedMode)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect(attributes[.posixPermissions] as? Int == 0o600)
  }

  @Test func botocoreReadsTheCredentials() async throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/credentials"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "[default]\naws_access_key_id = AKIAEXAMPLELONGTERM1\naws_secret_access_key = x\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    try await CredentialsFileWriter(credentialsFile: path).write(
      Self.credentials, profile: "acme-admin", roleName: "PlatformAdmin")
    let output = try await Python.check(
      """
      import boto3
      creds = boto3.Session(profile_name="acme-admin").get_credentials()
      print(creds.method, creds.access_key, creds.secret_key, creds.token)
      print(boto3.Session(profile_name="default").get_credentials().access_key)
      """,
      environment: [
        "PATH": "/usr/bin:/bin", "HOME": folder, "AWS_SHARED_CREDENTIALS_FILE": path,
        "AWS_CONFIG_FILE": folder + "/config",
      ])
    #expect(
      output
        == "shared-credentials-file ASIAEXAMPLE7QWERTY wJalrEXAMPLEsecretKEY/abc+def "
        + "IQoJb3JpZ2luX2VjEXAMPLE//tok==\nAKIAEXAMPLELONGTERM1\n")
  }
}
