import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// Several sso-sessions in one picker, as a person sees it: the built `ssopick` in tmux.
@Suite("ssopick over several sessions under tmux (the built binary)", .serialized)
struct MultiSessionTmuxTests {
  static let config =
    FakeHome.sessionConfig(name: "acme") + "\n" + FakeHome.sessionConfig(name: "sandbox")

  @Test func ctrlLSignsInToTheSessionNotSignedInAndItsRowsCanBeChosen() async throws {
    var options = FakeHome.autoApproving
    options.autoApproveDelay = 1  // approved after the code is shown
    try await FakeHome.with(options: options, config: Self.config) { fake in
      try fake.signIn(session: "acme")
      // No browser here (CI=true): the device code is shown on the terminal.
      try await PickTmux.with([], environment: fake.environment(["CI": "true"])) { tmux in
        let first = try await tmux.waitForText("not signed in: sandbox")
        #expect(first.contains("ssopick · acme"), "\(first)")
        try await tmux.waitForText("60 accounts · 149 roles")
        try await tmux.press("C-l")
        // The prompt is printed on the normal screen (checked after the exit, when that
        // screen is back: it may show for less time than a look takes under load), then
        // the picker comes back with both sessions' rows and no session left out.
        let both = try await tmux.waitForScreen("both sessions listed") { screen in
          screen.contains("120 accounts · 298 roles") && !screen.contains("not signed in")
        }
        #expect(both.contains("ssopick · acme, sandbox"), "\(both)")
        try await tmux.type("sandbox 210987654321 admin")
        let chosen = try await tmux.waitForScreen("the sandbox row is highlighted") { screen in
          screen.split(separator: "\n").contains { $0.hasPrefix(">") && $0.hasSuffix("sandbox") }
        }
        #expect(chosen.contains("Enter: write profile Acme-Management/AdministratorAccess"))
        try await tmux.press("Enter")
        let result = try await tmux.waitForExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Acme-Management/AdministratorAccess\n")
        let written = try String(contentsOfFile: fake.configPath, encoding: .utf8)
        #expect(
          written.contains(
            "[profile Acme-Management/AdministratorAccess]\nsso_session = sandbox\n"),
          "\(written)")
        #expect(FileManager.default.fileExists(atPath: fake.tokenPath(session: "sandbox")))
        let normal = try await tmux.waitForText("ssopick exited")
        #expect(normal.contains("enter the code"), "\(normal)")
        #expect(fake.center.stats().operations[.startDeviceAuthorization] == 1)
      }
    }
  }
}
