import FakeIdentityCenter
import Foundation
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

@Suite("ConfigureUseCase")
struct ConfigureUseCaseTests {
  @Test("writeSSOSession creates with default scopes and updates only what is given")
  func ssoSessionWriter() throws {
    var document = ConfigDocument(path: "config", flavor: .config)
    let created = try ConfigureUseCase.writeSSOSession(
      name: "acme", startURL: "https://d-1.awsapps.com/start", region: "eu-central-1", scopes: nil,
      in: &document)
    #expect(created.createdSection)
    #expect(
      document.section(.ssoSession("acme"))?.value("sso_registration_scopes")
        == .string("sso:account:access"))
    let updated = try ConfigureUseCase.writeSSOSession(
      name: "acme", startURL: nil, region: "eu-west-1", scopes: nil, in: &document)
    #expect(updated.changedKeys == ["sso_region"])
    #expect(throws: ConfigError.self) {
      try ConfigureUseCase.writeSSOSession(
        name: "new", startURL: nil, region: "eu-west-1", scopes: nil, in: &document)
    }
    #expect(throws: ConfigError.self) {
      try ConfigureUseCase.writeSSOSession(
        name: "acme", startURL: "http://insecure.example", region: nil, scopes: nil, in: &document)
    }
  }
}

@Suite("configure and the demo (command layer)")
struct ConfigureAndDemoTests {
  @Test("configure asks for what is missing on a terminal, and writes only the session")
  func configureAsks() async throws {
    try await FakeHome.with(config: "# mine\n[profile keep]\nregion = eu-west-1\n") { home in
      let test = home.context(
        terminal: TerminalFacts(input: true, output: false, errors: true),
        input: ["work", "ftp://nope", "https://d-1.awsapps.com/start", "eu-central-1", ""])
      let status = try await ConfigureUseCase(.init()).run(in: test.context)
      #expect(status == .success)
      let text = try String(contentsOfFile: home.configPath, encoding: .utf8)
      #expect(text.hasPrefix("# mine\n[profile keep]\nregion = eu-west-1\n"))
      #expect(text.contains("[sso-session work]\nsso_start_url = https://d-1.awsapps.com/start"))
      #expect(text.contains("sso_registration_scopes = sso:account:access"))
      #expect(test.prompts.text.contains("SSO start URL: "))
      #expect(test.stderr.contains("Created [sso-session work]"))
    }
  }

  @Test("configure without a terminal names the missing options and changes nothing")
  func configureWithoutTerminal() async throws {
    try await FakeHome.with { home in
      let before = try String(contentsOfFile: home.configPath, encoding: .utf8)
      let test = home.context()
      await #expect(throws: ConfigureUseCase.MissingOptions(options: ["--start-url", "--region"])) {
        try await ConfigureUseCase(.init(session: "new")).run(in: test.context)
      }
      #expect(try String(contentsOfFile: home.configPath, encoding: .utf8) == before)
    }
  }

  @Test("the demo runs the real use cases in its own home without touching the process")
  func demoInProcess() async throws {
    let before = ProcessInfo.processInfo.environment
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ssopick-demo-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    var options = FakeIdentityCenter.Options()
    options.autoApprove = true
    let test = TestCommandContext(
      environment: ["HOME": "/nonexistent", "TMPDIR": scratch.path, "PATH": "/usr/bin:/bin"])
    let status = try await DemoUseCase(options: options, keep: false).run(in: test.context)
    #expect(status == .success, "\(test.stderr)")
    #expect(test.stderr.contains("What was written, and where"))
    #expect(test.stderr.contains("sso_session = demo"))
    #expect(test.stdout.contains("export AWS_PROFILE="))
    #expect(ProcessInfo.processInfo.environment == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }
}
