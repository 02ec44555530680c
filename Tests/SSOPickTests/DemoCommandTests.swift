import Foundation
import SSOPickTestSupport
import Testing

/// `ssopick demo` (the built binary): the whole flow against its own fake, in a temporary
/// home, never touching the user's HOME.
@Suite("ssopick demo (the built binary)")
struct DemoCommandTests {
  private static func emptyHome() throws -> String {
    let home = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-user-home-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    return home
  }

  private static func demoHome(in stderr: String) -> String? {
    guard
      let range = stderr.range(
        of: #"/[^\s:]*ssopick-demo-[A-Za-z0-9]+"#, options: .regularExpression)
    else { return nil }
    return String(stderr[range])
  }

  @Test func withoutATerminalItRunsEveryStepAndWritesOnlyInItsOwnHome() async throws {
    let userHome = try Self.emptyHome()
    defer { try? FileManager.default.removeItem(atPath: userHome) }
    let tmp = userHome + "-tmp"
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let result = try await BinaryRunner.withoutTerminal(
      ["demo"], environment: BinaryRunner.environment(home: userHome, ["TMPDIR": tmp]))

    #expect(result.status == 0, "\(result)")
    // Each step ran for real, in order.
    let steps = [
      "$ ssopick configure --session demo", "Created [sso-session demo]",
      "$ ssopick login --use-device-code --no-browser", "enter the code:", "Signed in to demo",
      "$ ssopick list --filter payadm", "There is no terminal here",
      "$ ssopick export --account", "What was written, and where:", "[sso-session demo]",
      "The demo home has been removed",
    ]
    var rest = Substring(result.stderr)
    for step in steps {
      let found = try #require(rest.range(of: step), "missing or out of order: \(step)\n\(result)")
      rest = rest[found.upperBound...]
    }
    // stdout has the commands' results: the filtered listing and the profile export.
    #expect(result.stdout.contains("AdministratorAccess"))
    #expect(result.stdout.contains("export AWS_PROFILE='Acme-Management/AdministratorAccess'\n"))
    // The secrets never show: no token in the narration.
    #expect(!result.stderr.contains("accessToken"))
    // The user's HOME is untouched and the demo home is gone.
    #expect(try FileManager.default.contentsOfDirectory(atPath: userHome).isEmpty)
    let demoHome = try #require(Self.demoHome(in: result.stderr))
    #expect(demoHome.hasPrefix(tmp))
    #expect(!FileManager.default.fileExists(atPath: demoHome))
  }

  @Test func keepLeavesAConfigBotocoreReads() async throws {
    let userHome = try Self.emptyHome()
    defer { try? FileManager.default.removeItem(atPath: userHome) }
    let result = try await BinaryRunner.withoutTerminal(
      ["demo", "--keep"], environment: BinaryRunner.environment(home: userHome))
    #expect(result.status == 0, "\(result)")
    let demoHome = try #require(Self.demoHome(in: result.stderr))
    defer { try? FileManager.default.removeItem(atPath: demoHome) }
    #expect(result.stderr.contains("The demo home is kept: \(demoHome)"))

    // botocore reads the profile the demo wrote, with the sso-session and the region.
    let profile = try await Python.check(
      """
      import botocore.session, json, os
      s = botocore.session.Session()
      c = s.full_config
      p = c['profiles']['Acme-Management/AdministratorAccess']
      print(json.dumps([p['sso_session'], p['sso_account_id'], p['sso_role_name'], p['region'],
                        c['sso_sessions']['demo']['sso_region']]))
      """, environment: ["HOME": demoHome])
    #expect(
      profile.trimmingCharacters(in: .whitespacesAndNewlines)
        == #"["demo", "210987654321", "AdministratorAccess", "eu-central-1", "eu-central-1"]"#)
  }

  @Test func onATerminalTheDemoEndsInThePickerAndShowsTheChosenProfile() async throws {
    let userHome = try Self.emptyHome()
    defer { try? FileManager.default.removeItem(atPath: userHome) }
    try await PickTmux.with(["demo"], environment: BinaryRunner.environment(home: userHome)) {
      tmux in
      try await tmux.waitForStderr("Press Enter to open the picker")
      try await tmux.press("Enter")
      try await tmux.waitForText("60 accounts · 149 roles")
      try await tmux.type("acme mgmt billing")
      try await tmux.waitForScreen("the query narrowed the rows to Billing") { screen in
        screen.contains("> acme mgmt billing")
          && screen.contains("Enter: write profile Acme-Management/Billing")
      }
      try await tmux.press("Enter")
      let result = try await tmux.waitForExit()
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("Acme-Management/Billing\n"), "\(result.stdout)")
      #expect(result.stdout.contains("permission set"), "whoami ends the demo")
      #expect(result.stderr.contains("[profile Acme-Management/Billing]"))
      #expect(try FileManager.default.contentsOfDirectory(atPath: userHome).isEmpty)
    }
  }

  @Test func anUnusableTemporaryFolderIsAClearError() async throws {
    let result = try await BinaryRunner.withoutTerminal(
      ["demo"],
      environment: BinaryRunner.environment(
        home: "/nonexistent", ["TMPDIR": "/nonexistent/ssopick-no-such-folder"]))
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("cannot create a temporary folder in /nonexistent"))
  }
}
