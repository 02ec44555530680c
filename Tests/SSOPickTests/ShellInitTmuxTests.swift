import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// `ssopick init`'s function in the real shells, under tmux: the shell is started with no
/// start-up files in a fake home signed in to the fake, loads the function with the line the
/// README gives, and a person runs `ssp`, types a query and presses Enter (or Esc). After
/// each command the shell itself writes its status and environment to a file (a function
/// `p` defined first), so the assertions read what the shell has, not what was printed.
@Suite("ssopick init: the shell function in bash, zsh, fish and PowerShell (tmux)", .serialized)
struct ShellInitTmuxTests {
  /// How one shell is started and spoken to.
  struct ShellUnderTest: Sendable, CustomStringConvertible {
    var name: String
    var command: [String]
    /// Lines typed before the function is used: set-up, the start-up line, the probe.
    var setup: @Sendable (_ folder: String) -> [String]
    /// The last command's status.
    var status: String
    /// `--` as the function receives it.
    var separator = "--"
    /// What the screen shows once `ssp --que` and Tab have been typed.
    var completed: String
    var description: String { name }
  }

  static func quoted(_ text: String) -> String { PickTmux.shellQuoted(text) }

  /// `p N STATUS`: writes `status=STATUS` and the environment to FOLDER/N (renamed into
  /// place, so a reader never sees half of it).
  static func posixProbe(_ folder: String) -> String {
    let file = quoted(folder) + "/\"$1\""
    return #"p() { { echo "status=$2"; env; } > "# + file + ".tmp && mv " + file + ".tmp "
      + file + "; }"
  }

  static let bash = ShellUnderTest(
    name: "bash", command: ["bash", "--norc", "--noprofile"],
    setup: { [#"eval "$(ssopick init bash)""#, posixProbe($0)] }, status: "$?",
    completed: "ssp --query")

  static let zsh = ShellUnderTest(
    name: "zsh", command: ["zsh", "-f"],
    setup: {
      ["autoload -U compinit && compinit -u", #"eval "$(ssopick init zsh)""#, posixProbe($0)]
    },
    status: "$?", completed: "Start with this query")

  static let fish = ShellUnderTest(
    name: "fish", command: ["fish", "--no-config"],
    setup: { folder in
      let file = quoted(folder) + "/$argv[1]"
      return [
        "ssopick init fish | source",
        #"function p; begin; echo "status=$argv[2]"; env; end > "# + file + ".tmp; and mv "
          + file + ".tmp " + file + "; end",
      ]
    },
    status: "$status", completed: "ssp --query")

  static let powershell = ShellUnderTest(
    name: "pwsh", command: ["pwsh", "-NoProfile", "-NoLogo"],
    setup: { folder in
      [
        "ssopick init powershell | Out-String | Invoke-Expression",
        "function p($n, $s) { $lines = @(\"status=$s\") + @(Get-ChildItem env: | "
          + "ForEach-Object { \"$($_.Name)=$($_.Value)\" }); "
          + "Set-Content -LiteralPath \"\(folder)/$n.tmp\" -Value $lines; "
          + "Move-Item -LiteralPath \"\(folder)/$n.tmp\" -Destination \"\(folder)/$n\" }",
      ]
    },
    status: "$LASTEXITCODE", separator: "'--'", completed: "ssp --query")

  static func installed(_ name: String) -> Bool { ChildProcess.find(name) != nil }

  /// Every variable ssopick sets or removes in a shell.
  static let ours = [
    "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION", "SSOPICK_ACCOUNT_ID",
    "SSOPICK_ACCOUNT_NAME", "SSOPICK_ROLE_NAME", "SSOPICK_SESSION", "SSOPICK_EXPIRATION",
  ]

  /// A probe file: the status and the environment.
  struct Probe {
    var status: String
    var variables: [String: String]

    init(_ text: String) {
      var status = ""
      var variables: [String: String] = [:]
      for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        guard let equals = line.firstIndex(of: "=") else { continue }
        let key = String(line[..<equals])
        let value = String(line[line.index(after: equals)...])
        if key == "status", status.isEmpty { status = value } else { variables[key] = value }
      }
      self.status = status
      self.variables = variables
    }

    /// ssopick's variables only (the keys' values are not shown in messages).
    var ours: [String: String] {
      variables.filter { ShellInitTmuxTests.ours.contains($0.key) }
    }

    var summary: String {
      "status \(status), "
        + ours.keys.sorted().map { key in
          key.contains("SECRET") || key.contains("TOKEN") ? "\(key)=…" : "\(key)=\(ours[key] ?? "")"
        }.joined(separator: " ")
    }
  }

  /// Starts `shell` in tmux in a signed-in fake home, loads the function, and runs the
  /// steps every shell must pass.
  static func check(_ shell: ShellUnderTest) async throws {
    try await FakeHome.with { fake in
      try fake.signIn()
      try await PickTmux.with(
        .shell(shell.command), environment: fake.environment(), columns: 110, rows: 32
      ) { tmux in
        let folder = tmux.folder
        func probe(_ step: Int) async throws -> Probe {
          Probe(try await tmux.waitForFile(folder + "/\(step)"))
        }
        try await tmux.waitForScreen("the shell's prompt") { !$0.allSatisfy(\.isWhitespace) }
        for line in shell.setup(folder) {
          try await tmux.type(line, thenPress: "Enter")
        }
        try await tmux.type("p 0 \(shell.status)", thenPress: "Enter")
        let before = try await probe(0)
        #expect(before.status == "0", "\(shell): the start-up line failed: \(before.summary)")
        #expect(before.ours.isEmpty, "\(before.summary)")

        // `ssp`, a query and Enter: the profile, in this shell.
        try await tmux.type("ssp; p 1 \(shell.status)", thenPress: "Enter")
        try await tmux.waitForText("149 roles")
        try await tmux.type("acme mgmt admin", thenPress: "Enter")
        let profile = try await probe(1)
        #expect(profile.status == "0", "\(profile.summary)")
        #expect(profile.ours["AWS_PROFILE"] == "Acme-Management/AdministratorAccess")
        #expect(profile.ours["SSOPICK_ACCOUNT_ID"] == "210987654321")
        #expect(profile.ours["SSOPICK_ACCOUNT_NAME"] == "Acme Management")
        #expect(profile.ours["SSOPICK_ROLE_NAME"] == "AdministratorAccess")
        #expect(profile.ours["SSOPICK_SESSION"] == "acme")
        #expect(profile.ours["SSOPICK_EXPIRATION"] == nil, "\(profile.summary)")
        #expect(profile.ours["AWS_ACCESS_KEY_ID"] == nil, "\(profile.summary)")
        let config = try String(contentsOfFile: fake.configPath, encoding: .utf8)
        #expect(config.contains("[profile Acme-Management/AdministratorAccess]"))

        // Esc: nothing changes, and the function returns ssopick's 130.
        try await tmux.type("ssp --export; p 2 \(shell.status)", thenPress: "Enter")
        try await tmux.waitForText("149 roles")
        try await tmux.press("Escape")
        let cancelled = try await probe(2)
        #expect(cancelled.status == "130", "\(cancelled.summary)")
        #expect(cancelled.ours == profile.ours, "\(cancelled.summary)")

        // `ssp --export`: the keys, AWS_PROFILE removed; no secret on the screen.
        try await tmux.type("ssp --export; p 3 \(shell.status)", thenPress: "Enter")
        try await tmux.waitForText("149 roles")
        try await tmux.type("acme mgmt admin", thenPress: "Enter")
        let keys = try await probe(3)
        #expect(keys.status == "0", "\(keys.summary)")
        #expect(keys.ours["AWS_ACCESS_KEY_ID"]?.hasPrefix("ASIA") == true, "\(keys.summary)")
        let secret = try #require(keys.ours["AWS_SECRET_ACCESS_KEY"], "\(keys.summary)")
        #expect(keys.ours["AWS_SESSION_TOKEN"]?.isEmpty == false)
        #expect(keys.ours["AWS_PROFILE"] == nil, "\(keys.summary)")
        #expect(keys.ours["SSOPICK_SESSION"] == "acme")
        let expiration = try #require(keys.ours["AWS_CREDENTIAL_EXPIRATION"])
        #expect(keys.ours["SSOPICK_EXPIRATION"] == expiration)
        let screen = try await tmux.screen()
        #expect(!screen.contains(secret), "the secret key is on the screen")

        // `ssp --unset` clears everything ssopick set.
        try await tmux.type("ssp --unset; p 4 \(shell.status)", thenPress: "Enter")
        let cleared = try await probe(4)
        #expect(cleared.status == "0", "\(cleared.summary)")
        #expect(cleared.ours.isEmpty, "\(cleared.summary)")

        // `ssp -- COMMAND` runs the command as the role, with the terminal; its status.
        let marker = folder + "/exec.out"
        try await tmux.type(
          "ssp -q 'acme mgmt admin' \(shell.separator) sh -c 'echo \"$SSOPICK_ROLE_NAME\" > "
            + marker + "; exit 3'; p 5 \(shell.status)", thenPress: "Enter")
        try await tmux.waitForText("149 roles")
        try await tmux.press("Enter")
        let exec = try await probe(5)
        #expect(exec.status == "3", "\(exec.summary)")
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "AdministratorAccess\n")
        #expect(exec.ours.isEmpty, "exec changed the shell: \(exec.summary)")

        // Help is shown, never evaluated.
        let help = folder + "/help.out"
        try await tmux.type("ssp --help > \(help); p 6 \(shell.status)", thenPress: "Enter")
        let helped = try await probe(6)
        #expect(helped.status == "0", "\(helped.summary)")
        #expect(try String(contentsOfFile: help, encoding: .utf8).contains("USAGE: ssopick pick"))
        #expect(helped.ours.isEmpty, "\(helped.summary)")

        // Tab completes the function like `ssopick pick`.
        try await tmux.type("ssp --que", thenPress: "Tab")
        try await tmux.waitForText(shell.completed)
        try await tmux.press("C-u")
      }
    }
  }

  @Test func bashFunctionSetsTheRoleInTheShell() async throws {
    try await Self.check(Self.bash)
  }

  @Test(
    .enabled(if: installed("zsh"), "zsh is not installed (scripts/bootstrap --test installs it)"))
  func zshFunctionSetsTheRoleInTheShell() async throws {
    try await Self.check(Self.zsh)
  }

  @Test(
    .enabled(if: installed("fish"), "fish is not installed (scripts/bootstrap --test installs it)"))
  func fishFunctionSetsTheRoleInTheShell() async throws {
    try await Self.check(Self.fish)
  }

  // PowerShell is not packaged for Debian here; the test runs wherever `pwsh` is on PATH.
  @Test(.enabled(if: installed("pwsh"), "pwsh (PowerShell) is not installed"))
  func powerShellFunctionSetsTheRoleInTheShell() async throws {
    try await Self.check(Self.powershell)
  }
}
