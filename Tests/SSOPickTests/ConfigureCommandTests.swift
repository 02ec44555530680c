import Foundation
import SSOPickTestSupport
import Testing

func makeTemporaryHome() throws -> String {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("ssopick-home-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}

func permissions(_ path: String) throws -> Int {
  try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
}

func contents(_ path: String) throws -> String {
  try String(contentsOfFile: path, encoding: .utf8)
}

@Suite("ssopick configure (the built binary)")
struct ConfigureCommandTests {
  static let startURL = "https://d-9a6f3c21b7.awsapps.com/start"

  @Test("creates ~/.aws/config 0600 in a new 0700 folder and says so on stderr")
  func createsFile() async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let result = try await BinaryRunner.ssopick(
      ["configure", "--session", "acme", "--start-url", Self.startURL, "--region", "eu-central-1"],
      environment: BinaryRunner.environment(home: home))
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.isEmpty)
    let path = home + "/.aws/config"
    #expect(result.stderr == "Created [sso-session acme] in \(path)\n")
    #expect(
      try contents(path) == """
        [sso-session acme]
        sso_start_url = https://d-9a6f3c21b7.awsapps.com/start
        sso_region = eu-central-1
        sso_registration_scopes = sso:account:access

        """)
    #expect(try permissions(path) == 0o600)
    #expect(try permissions(home + "/.aws") == 0o700)
  }

  @Test("AWS_CONFIG_FILE is honoured, with ~ expanded and missing folders created")
  func configFileVariable() async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let result = try await BinaryRunner.ssopick(
      [
        "configure", "--session", "my corp", "--start-url", Self.startURL, "--region",
        "us-gov-west-1", "--scopes", "sso:account:access,codecatalyst:read_write",
      ],
      environment: BinaryRunner.environment(home: home, ["AWS_CONFIG_FILE": "~/a/b/config"]))
    #expect(result.status == 0, "\(result)")
    let path = home + "/a/b/config"
    #expect(try contents(path).hasPrefix("[sso-session 'my corp']\n"))
    #expect(
      try contents(path).contains(
        "sso_registration_scopes = sso:account:access,codecatalyst:read_write\n"))
    #expect(try permissions(home + "/a") == 0o700)
    #expect(try permissions(home + "/a/b") == 0o700)
    #expect(FileManager.default.fileExists(atPath: home + "/.aws") == false)
  }

  @Test("updates an existing session in place and leaves every other byte alone")
  func updatesInPlace() async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let path = home + "/config"
    let before =
      "# my config\r\n[default]\r\nregion = eu-west-1 ; not a comment\r\n\r\n"
      + "[sso-session acme]\r\nsso_start_url = https://old.awsapps.com/start\r\n"
      + "SSO_Region=eu-west-1\r\n# keep me\r\n\r\n[profile x]\r\ns3 =\r\n  a = 1\r\n"
    try Data(before.utf8).write(to: URL(fileURLWithPath: path))
    chmod(path, 0o640)
    let result = try await BinaryRunner.ssopick(
      ["configure", "--session", "acme", "--region", "eu-central-1", "--start-url", Self.startURL],
      environment: BinaryRunner.environment(home: home, ["AWS_CONFIG_FILE": path]))
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr == "Updated sso_start_url, sso_region in [sso-session acme] in \(path)\n")
    let expected =
      before
      .replacingOccurrences(of: "https://old.awsapps.com/start", with: Self.startURL)
      .replacingOccurrences(of: "SSO_Region=eu-west-1", with: "SSO_Region=eu-central-1")
    #expect(try contents(path) == expected)
    #expect(try permissions(path) == 0o640)

    let again = try await BinaryRunner.ssopick(
      ["configure", "--session", "acme", "--region", "eu-central-1"],
      environment: BinaryRunner.environment(home: home, ["AWS_CONFIG_FILE": path]))
    #expect(again.status == 0)
    #expect(again.stderr == "[sso-session acme] in \(path) is already up to date\n")
    #expect(try contents(path) == expected)
  }

  @Test(
    "rejects an http start URL and a bad region with exit 2, writing nothing",
    arguments: [
      (
        ["--start-url", "http://d-9a6f3c21b7.awsapps.com/start", "--region", "eu-central-1"],
        "https"
      ),
      (
        ["--start-url", "https://d-9a6f3c21b7.awsapps.com/start", "--region", "Frankfurt"], "region"
      ),
      (["--start-url", "https:///start", "--region", "eu-central-1"], "host"),
      (
        [
          "--start-url", "https://d-9a6f3c21b7.awsapps.com/start", "--region", "eu-central-1",
          "--scopes", " , ",
        ], "scope"
      ),
    ])
  func rejectsBadValues(arguments: [String], mentions: String) async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let result = try await BinaryRunner.ssopick(
      ["configure", "--session", "acme"] + arguments,
      environment: BinaryRunner.environment(home: home))
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.lowercased().contains(mentions), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: home + "/.aws/config"))
  }

  @Test("missing options without a terminal: exit 2 naming them")
  func missingWithoutTerminal() async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let env = BinaryRunner.environment(home: home)
    let noRegion = try await BinaryRunner.ssopick(
      ["configure", "--session", "acme", "--start-url", Self.startURL], environment: env)
    #expect(noRegion.status == 2)
    #expect(
      noRegion.stderr.contains("Missing --region (no terminal to ask on)"), "\(noRegion.stderr)")
    let nothing = try await BinaryRunner.ssopick(["configure"], environment: env, stdin: "acme\n")
    #expect(nothing.status == 2)
    #expect(
      nothing.stderr.contains("Missing --session, --start-url, --region"), "\(nothing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: home + "/.aws/config"))
  }

  @Test("with a terminal, it asks on stderr for what is missing (and asks again on a bad answer)")
  func asksOnTerminal() async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let result = try await BinaryRunner.ssopick(
      ["configure"], environment: BinaryRunner.environment(home: home),
      stdin: "acme\nhttp://insecure.example/start\n\(Self.startURL)\neu-central-1\n\n",
      terminal: true)
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("SSO session name: "))
    #expect(result.stderr.contains("SSO start URL: "))
    #expect(result.stderr.contains("must use https://"))
    #expect(result.stderr.contains("SSO registration scopes [sso:account:access]: "))
    #expect(result.stderr.contains("Created [sso-session acme]"))
    #expect(try contents(home + "/.aws/config").contains("sso_start_url = \(Self.startURL)\n"))
  }

  @Test("a malformed config is reported with file and line and left untouched")
  func malformedConfig() async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let path = home + "/config"
    let broken = "[default]\nregion = eu-west-1\nnot a key value line\n"
    try broken.write(toFile: path, atomically: false, encoding: .utf8)
    let result = try await BinaryRunner.ssopick(
      ["configure", "--session", "acme", "--start-url", Self.startURL, "--region", "eu-central-1"],
      environment: BinaryRunner.environment(home: home, ["AWS_CONFIG_FILE": path]))
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(path), line 3: expected \"key = value\""), "\(result.stderr)")
    #expect(try contents(path) == broken)
  }

  @Test("two processes each adding 100 sessions to one file: all 200 land")
  func concurrentWriters() async throws {
    let home = try makeTemporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let path = home + "/shared/config"
    let binary = try BinaryRunner.binary()
    let script = """
      for i in $(seq 1 100); do
        "$SSOPICK" configure --session "$PREFIX-$i" --start-url https://d-1.awsapps.com/start \
          --region eu-central-1 2>"$HOME/err-$PREFIX" \
          || { echo "run $i failed: $(cat "$HOME/err-$PREFIX")" >&2; exit 1; }
      done
      """
    async let first = ChildProcess.run(
      "/bin/sh", ["-c", script],
      environment: BinaryRunner.environment(
        home: home, ["AWS_CONFIG_FILE": path, "SSOPICK": binary, "PREFIX": "a"]),
      timeout: .seconds(300))
    async let second = ChildProcess.run(
      "/bin/sh", ["-c", script],
      environment: BinaryRunner.environment(
        home: home, ["AWS_CONFIG_FILE": path, "SSOPICK": binary, "PREFIX": "b"]),
      timeout: .seconds(300))
    let results = try await [first, second]
    for result in results { #expect(result.status == 0, "\(result)") }
    let text = try contents(path)
    let headers = text.split(separator: "\n").filter { $0.hasPrefix("[sso-session ") }
    #expect(headers.count == 200)
    #expect(Set(headers).count == 200)
    for prefix in ["a", "b"] {
      for index in 1...100 {
        #expect(text.contains("[sso-session \(prefix)-\(index)]\n"))
      }
    }
  }
}
