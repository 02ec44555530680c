import FakeIdentityCenter
import Foundation
import PickerCore
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// The picker wired to the world, in-process: a scripted terminal, the fake service, and
/// the same role actions the commands use.
@Suite("Picker use case (command layer)")
struct PickerUseCaseTests {
  /// Waits for the Acme Management admin row under the query, then presses Enter.
  static let chooseAdmin: [ScriptedTerminal.Step] = [
    .waitFor("the admin role is listed") {
      $0.plainText.contains("Acme Management") && $0.plainText.contains("AdministratorAccess")
    },
    ScriptedTerminal.key(.enter),
  ]

  static func terminals(_ script: [ScriptedTerminal.Step]) -> TestPickerTerminals {
    TestPickerTerminals {
      ScriptedTerminal(
        size: TerminalSize(rows: 30, columns: 100), script: script, deadline: .seconds(120))
    }
  }

  static func request(_ action: RoleAction) -> PickerUseCase.Request {
    PickerUseCase.Request(action: action, query: "210987654321 administrator")
  }

  static func recents(_ home: FakeHome) -> String {
    let folder = home.home + "/.cache/ssopick"
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return "" }
    var text = ""
    while let name = enumerator.nextObject() as? String {
      guard name.hasSuffix("recent.json") else { continue }
      text += (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
    }
    return text
  }

  @Test("Enter with --export survives two 429s from GetRoleCredentials, as `export` does")
  func enterUnderThrottling() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      try home.center.addFault(
        .init(operation: .getRoleCredentials, answer: .exception(.tooManyRequests), count: 2))
      let terminals = Self.terminals(Self.chooseAdmin)
      let test = home.context(terminals: terminals)
      let status = try await PickerUseCase(Self.request(.export(.posix))).run(in: test.context)
      #expect(status == .success, "\(test.stderr)")
      #expect(test.stdout.contains("export AWS_ACCESS_KEY_ID='ASIA"))
      #expect(home.center.stats().operations[.getRoleCredentials] == 3)
      #expect(terminals.last?.failures.isEmpty == true)
      #expect(Self.recents(home).contains("AdministratorAccess"))
    }
  }

  @Test("a failed action is not remembered as a recent choice")
  func aFailedActionIsNotRecent() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      try home.center.addFault(
        .init(operation: .getRoleCredentials, answer: .exception(.forbidden), count: 5))
      let test = home.context(terminals: Self.terminals(Self.chooseAdmin))
      await #expect(throws: OutputError.self) {
        try await PickerUseCase(Self.request(.export(.posix))).run(in: test.context)
      }
      #expect(test.stdout.isEmpty)
      #expect(!Self.recents(home).contains("AdministratorAccess"))
    }
  }

  @Test("the detail line shows the writer's own plan, and Enter does what it said")
  func thePreviewIsTheWritersPlan() async throws {
    let config =
      FakeHome.sessionConfig(name: "acme")
      + "\n[profile Acme-Management/AdministratorAccess]\naws_access_key_id = AKIAEXAMPLE\n"
    try await FakeHome.with(config: config) { home in
      try home.signIn()
      let target = ProfileTarget(naming: .template(try ProfileNameTemplate()))
      let terminals = Self.terminals(
        [
          ScriptedTerminal.waitForText("exists (a profile with access keys)"),
          ScriptedTerminal.key(.enter),
        ])
      let refused = home.context(terminals: terminals)
      await #expect(throws: OutputError.self) {
        try await PickerUseCase(Self.request(.writeProfile(target, printAs: nil))).run(
          in: refused.context)
      }
      #expect(try String(contentsOfFile: home.configPath, encoding: .utf8) == config)

      var replacing = target
      replacing.overwrite = true
      let replaced = home.context(
        terminals: Self.terminals(
          [ScriptedTerminal.waitForText("replace profile"), ScriptedTerminal.key(.enter)]))
      let status = try await PickerUseCase(Self.request(.writeProfile(replacing, printAs: nil)))
        .run(in: replaced.context)
      #expect(status == .success)
      #expect(replaced.stdout == "Acme-Management/AdministratorAccess\n")
      let text = try String(contentsOfFile: home.configPath, encoding: .utf8)
      #expect(text.contains("sso_account_id = 210987654321"))
      #expect(!text.contains("AKIAEXAMPLE"))
    }
  }

  @Test("--force does not replace a different profile; only --overwrite does")
  func forceIsNotOverwrite() async throws {
    let config =
      FakeHome.sessionConfig(name: "acme")
      + "\n[profile Acme-Management/AdministratorAccess]\nrole_arn = arn:aws:iam::1:role/x\n"
    try await FakeHome.with(config: config) { home in
      try home.signIn()
      var request = Self.request(
        .writeProfile(ProfileTarget(naming: .template(try ProfileNameTemplate())), printAs: nil))
      request.force = true
      let test = home.context(terminals: Self.terminals(Self.chooseAdmin))
      await #expect {
        try await PickerUseCase(request).run(in: test.context)
      } throws: { error in
        String(describing: error).contains("add --overwrite to replace it")
      }
    }
  }

  @Test("Esc is 130, and nothing is printed or remembered")
  func escapeCancels() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let terminals = Self.terminals([
        ScriptedTerminal.waitForText("AdministratorAccess"), ScriptedTerminal.key(.escape),
      ])
      let test = home.context(terminals: terminals)
      let status = try await PickerUseCase(Self.request(.export(.posix))).run(in: test.context)
      #expect(
        status == .cancelled,
        "\(terminals.last?.failures ?? []) \(terminals.last?.frames.last?.plainText ?? "")")
      #expect(test.stdout.isEmpty)
    }
  }
}
