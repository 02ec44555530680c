import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// The picker end to end: the built `ssopick` in tmux against FakeIdentityCenter, typed at
/// like a person, read back through `capture-pane`; stdout through a FIFO.
@Suite("ssopick picker under tmux (the built binary)", .serialized)
struct PickTmuxTests {
  /// Runs `body` in a fake home that is signed in (see `FakeHome.with`).
  private static func withSignedInHome(
    _ options: FakeIdentityCenter.Options = FakeHome.autoApproving,
    _ body: (FakeHome) async throws -> Void
  ) async throws {
    try await FakeHome.with(options: options) { fake in
      try fake.signIn()
      try await body(fake)
    }
  }

  /// The detail line's "Enter: write profile NAME", and the account id before it.
  private static func detail(_ screen: String) -> (profile: String, accountID: String)? {
    let lines = screen.split(separator: "\n").map(String.init)
    guard let enter = lines.firstIndex(where: { $0.contains("Enter: write profile ") }),
      enter > 0
    else { return nil }
    let profile = lines[enter].components(separatedBy: "Enter: write profile ")[1]
      .trimmingCharacters(in: .whitespaces)
    let accountID = lines[enter - 1].split(separator: " ").first {
      $0.count == 12 && $0.allSatisfy(\.isNumber)
    }
    return accountID.map { (profile, String($0)) }
  }

  @Test func typeArrowAndEnterWriteTheProfileAndPrintOnlyItsName() async throws {
    try await Self.withSignedInHome { fake in
      try await PickTmux.with([], environment: fake.environment()) { tmux in
        try await tmux.waitForText("60 accounts · 149 roles")
        try await tmux.type("chkprd")
        try await tmux.waitForText("> chkprd")
        try await tmux.press("Down")
        let screen = try await tmux.waitForScreen("the second row is highlighted") { screen in
          screen.split(separator: "\n").dropFirst(3).first?.hasPrefix(">") == true
        }
        let chosen = try #require(Self.detail(screen), "no detail line in:\n\(screen)")
        try await tmux.press("Enter")
        let result = try await tmux.waitForExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == chosen.profile + "\n")
        let config = try String(contentsOfFile: fake.configPath, encoding: .utf8)
        #expect(
          config.contains(
            "[profile \(chosen.profile)]\nsso_session = acme\nsso_account_id = \(chosen.accountID)\n"
          )
        )
        // The terminal was given back: the shell's next line is on the normal screen.
        try await tmux.waitForText("ssopick exited")
        // The choice is remembered: the next picker shows it first.
        try await PickTmux.with([], environment: fake.environment()) { again in
          let first = try await again.waitForScreen("the recent choice on the first row") {
            screen in
            screen.split(separator: "\n").dropFirst(2).first?.contains(
              chosen.profile.components(separatedBy: "/")[1]) == true
              && screen.contains("149 roles")
          }
          #expect(
            first.split(separator: "\n")[2].contains(chosen.profile.components(separatedBy: "/")[0])
          )
          try await again.press("Escape")
          _ = try await again.waitForExit()
        }
      }
    }
  }

  @Test func aQueryAndEnterInOneWriteChooseTheQuerysTopRow() async throws {
    try await Self.withSignedInHome { home in
      try await PickTmux.with([], environment: home.environment()) { tmux in
        try await tmux.waitForText("60 accounts · 149 roles")
        // The row the query puts first: `list --filter` ranks with the picker's matcher.
        let listed = try await BinaryRunner.ssopick(
          ["list", "--cached", "--tsv", "--filter", "payprdro"], environment: home.environment())
        let top = try #require(listed.stdout.split(separator: "\n").first, "\(listed)")
          .split(separator: "\t").map(String.init)
        try #require(top.count == 4, "\(listed)")
        #expect(top[0] == "payments-prod" && top[2] == "ReadOnlyAccess", "\(listed)")
        // The query and Enter arrive together: Enter acts on the query's list, not the one
        // on screen before it.
        try await tmux.type("payprdro", thenPress: "Enter")
        let result = try await tmux.waitForExit()
        #expect(result.status == 0, "\(result.stderr)")
        let profile = result.stdout.trimmingCharacters(in: .newlines)
        let config = try String(contentsOfFile: home.configPath, encoding: .utf8)
        #expect(
          config.contains(
            "[profile \(profile)]\nsso_session = acme\nsso_account_id = \(top[1])\n"
              + "sso_role_name = \(top[2])\n"), "\(config)")
        try await tmux.waitForText("ssopick exited")
      }
    }
  }

  @Test func enterInAWindowTooSmallToShowTheRowWritesNothing() async throws {
    try await Self.withSignedInHome { home in
      let before = try String(contentsOfFile: home.configPath, encoding: .utf8)
      try await PickTmux.with([], environment: home.environment()) { tmux in
        try await tmux.waitForText("149 roles")
        try await tmux.resize(columns: 40, rows: 4)
        try await tmux.waitForText("Window too small")
        // Enter and Ctrl-O do nothing; Esc, after them, still finds the picker open.
        try await tmux.press("Enter")
        try await tmux.press("C-o")
        try await tmux.press("Escape")
        let result = try await tmux.waitForExit()
        #expect(result.status == 130, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
      }
      #expect(try String(contentsOfFile: home.configPath, encoding: .utf8) == before)
    }
  }

  @Test func escapeCancelsWithNothingOnStdoutAndStatus130() async throws {
    try await Self.withSignedInHome { fake in
      let before = try String(contentsOfFile: fake.configPath, encoding: .utf8)
      try await PickTmux.with([], environment: fake.environment()) { tmux in
        try await tmux.waitForText("149 roles")
        try await tmux.type("prod")
        try await tmux.press("Escape")
        let result = try await tmux.waitForExit()
        #expect(result.status == 130)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOfFile: fake.configPath, encoding: .utf8) == before)
        try await tmux.waitForText("ssopick exited")
      }
    }
  }

  @Test func ctrlCRestoresTheTerminal() async throws {
    try await Self.withSignedInHome { fake in
      try await PickTmux.with([], environment: fake.environment()) { tmux in
        try await tmux.waitForText("149 roles")
        try await tmux.press("C-c")
        let result = try await tmux.waitForExit()
        #expect(result.status == 130)
        #expect(result.stdout.isEmpty)
        let screen = try await tmux.waitForText("ssopick exited")
        #expect(!screen.contains("149 roles"), "the picker's screen is still shown:\n\(screen)")
      }
    }
  }

  @Test func withoutASignInItSignsInOnTheTerminalFirst() async throws {
    var options = FakeHome.autoApproving
    options.autoApproveDelay = 1  // approved after the code is shown
    try await FakeHome.with(options: options) { fake in  // no token
      // No browser here (CI=true): the device code is shown on the terminal.
      try await PickTmux.with([], environment: fake.environment(["CI": "true"])) { tmux in
        try await tmux.waitForText("enter the code")
        try await tmux.waitForText("149 roles")
        #expect(FileManager.default.fileExists(atPath: fake.tokenPath()))
        try await tmux.press("Escape")
        let result = try await tmux.waitForExit()
        #expect(result.status == 130)
        #expect(result.stdout.isEmpty)
        #expect(fake.center.stats().operations[.startDeviceAuthorization] == 1)
      }
    }
  }

  @Test func aSignInThatEndsWhileThePickerIsOpenIsShownNotACrash() async throws {
    try await Self.withSignedInHome { fake in
      try await PickTmux.with([], environment: fake.environment()) { tmux in
        try await tmux.waitForText("149 roles")
        // The service ends every token, refresh tokens included (as an admin would).
        fake.center.expireAllTokens(refreshTokens: true)
        try await tmux.press("C-r")
        let screen = try await tmux.waitForText("ssopick login")
        // The listing stopped with the reason; the cached rows are still there.
        #expect(screen.contains("Listing stopped: Not signed in to acme"), "\(screen)")
        #expect(screen.contains("149/149"), "\(screen)")
        // The title no longer claims hours of sign-in left.
        try await tmux.waitForText("login expired")
        // Still usable: the cached rows can be searched and the picker left normally.
        try await tmux.type("acme")
        try await tmux.waitForText("> acme")
        try await tmux.press("Escape")
        let result = try await tmux.waitForExit()
        #expect(result.status == 130, "\(result.stderr)")
      }
    }
  }

  @Test(arguments: [SIGTERM, SIGHUP])
  func aSignalRestoresTheTerminalAndExits128PlusIt(signal: Int32) async throws {
    try await Self.withSignedInHome { fake in
      try await PickTmux.with([], environment: fake.environment()) { tmux in
        try await tmux.waitForText("149 roles")
        try await tmux.type("prod")
        try await tmux.waitForText("> prod")
        try tmux.signal(signal)
        let result = try await tmux.waitForExit()
        #expect(result.status == 128 + signal, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The shell's next line is on the normal screen, not inside the picker's.
        let screen = try await tmux.waitForText("ssopick exited")
        #expect(!screen.contains("149 roles"), "the picker's screen is still shown:\n\(screen)")
      }
    }
  }

  @Test func execRunsTheCommandWithTheChosenRolesCredentials() async throws {
    try await Self.withSignedInHome { fake in
      let script =
        #"echo "$SSOPICK_ACCOUNT_ID $SSOPICK_ROLE_NAME $(printf %.4s "$AWS_ACCESS_KEY_ID")"#
        + #" ${AWS_SESSION_TOKEN:+token}"; exit 7"#
      try await PickTmux.with(
        ["--query", "acme mgmt admin", "--exec", "--", "sh", "-c", script],
        environment: fake.environment()
      ) { tmux in
        try await tmux.waitForText("149 roles")
        try await tmux.press("Enter")
        let result = try await tmux.waitForExit()
        // ssopick became the command: its output and its exit status.
        #expect(result.status == 7, "\(result.stderr)")
        #expect(
          result.stdout == "210987654321 AdministratorAccess ASIA token\n", "\(result.stderr)")
      }
    }
  }

  @Test func writeCredentialsPutsTheKeysInTheCredentialsFile() async throws {
    try await Self.withSignedInHome { fake in
      try await PickTmux.with(
        ["--query", "acme mgmt admin", "--write-credentials", "acme-temp"],
        environment: fake.environment()
      ) { tmux in
        try await tmux.waitForText("write this role's keys to [acme-temp]")
        try await tmux.press("Enter")
        let result = try await tmux.waitForExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "acme-temp\n")
        let path = fake.home + "/.aws/credentials"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("[acme-temp]\n") && text.contains("aws_session_token = "))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // botocore reads the keys from the file.
        let key = try await Python.check(
          """
          import botocore.session
          c = botocore.session.Session(profile='acme-temp').get_credentials()
          print(c.access_key[:4], bool(c.token))
          """, environment: fake.environment())
        #expect(key.trimmingCharacters(in: .whitespacesAndNewlines) == "ASIA True")
      }
    }
  }

  @Test func ctrlOOpensTheConsoleForTheHighlightedRole() async throws {
    try await Self.withSignedInHome { fake in
      let received = fake.home + "/url"
      let browser = fake.home + "/browser"
      try
        "#!/bin/sh\nprintf '%s' \"$1\" > '\(received).tmp' && mv '\(received).tmp' '\(received)'\n"
        .write(toFile: browser, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)
      let before = try String(contentsOfFile: fake.configPath, encoding: .utf8)
      try await PickTmux.with(
        ["--query", "acme mgmt admin"],
        environment: ConsoleCommandTests.environment(fake, ["BROWSER": browser])
      ) { tmux in
        try await tmux.waitForText("149 roles")
        try await tmux.press("C-o")
        let result = try await tmux.waitForExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Opened the AWS console for Acme Management (210987654321)"))
        #expect(!result.stderr.contains("SigninToken"))
        // No profile was written: Ctrl-O only opens the console.
        #expect(try String(contentsOfFile: fake.configPath, encoding: .utf8) == before)
        var url = ""
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .seconds(30))
        while url.isEmpty, clock.now < end {
          url = (try? String(contentsOfFile: received, encoding: .utf8)) ?? ""
          if url.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        }
        let query = try ConsoleCommandTests.query(url)
        #expect(url.hasPrefix(fake.baseURL.absoluteString + "/federation?Action=login&"))
        #expect(query["SigninToken"]?.isEmpty == false)
      }
    }
  }

  @Test func resizingWhileLoadingRedrawsAndKeepsWorking() async throws {
    var options = FakeHome.autoApproving
    options.organisation = .generated(accounts: 200, rolesPerAccount: .range(1...4))
    // Slow enough that the listing is still running when the first frames are read, even
    // on a loaded machine (about 9 s: two pages of accounts, then 32 requests in flight).
    options.latency = .seconds(1)
    try await Self.withSignedInHome(options) { fake in
      try await PickTmux.with([], environment: fake.environment()) { tmux in
        // Any loading state — "connecting…", then "⠼ 123/200 accounts" — and resize at once.
        try await tmux.waitForScreen("the picker shows it is loading") { screen in
          let header = screen.prefix { $0 != "\n" }
          return header.contains("connecting…") || header.contains("/200")
        }
        try await tmux.resize(columns: 50, rows: 12)
        let small = try await tmux.waitForScreen("a 50-column frame") { screen in
          let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
          return lines.count >= 12 && lines[0].count <= 50 && lines[0].contains("acme")
        }
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 50 })
        try await tmux.resize(columns: 100, rows: 30)
        try await tmux.waitForText("200 accounts ·", deadline: .seconds(60))
        try await tmux.type("a")
        try await tmux.press("Enter")
        let result = try await tmux.waitForExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty && result.stdout.hasSuffix("\n"))
      }
    }
  }

  @Test func aLargeOrganisationWithLatencyStaysResponsiveWhileLoading() async throws {
    var options = FakeHome.autoApproving
    options.organisation = .generated(accounts: 2_000, rolesPerAccount: .range(1...6))
    // About 30 s of listing at 32 requests in flight; the test ends (Esc) long before.
    options.latency = .milliseconds(400)
    try await Self.withSignedInHome(options) { fake in
      try await PickTmux.with([], environment: fake.environment()) { tmux in
        try await tmux.waitForScreen("the picker shows it is loading") { screen in
          let header = screen.prefix { $0 != "\n" }
          return header.contains("connecting…") || header.contains("/2,000")
        }
        // Typing, moving and the help all answer while the listing is still running.
        try await tmux.type("zzzz")
        var screen = try await tmux.waitForText("> zzzz")
        #expect(
          !screen.contains("2,000 accounts ·"), "the listing finished before the check:\n\(screen)")
        try await tmux.press("C-u")
        try await tmux.press("?")
        screen = try await tmux.waitForText("Show or hide this help")
        try await tmux.press("Escape")
        try await tmux.press("PageDown")
        screen = try await tmux.waitForScreen("the help is closed") { !$0.contains("Keys") }
        #expect(screen.contains("accounts"))
        try await tmux.press("Escape")
        let result = try await tmux.waitForExit()
        #expect(result.status == 130)
      }
    }
  }
}
