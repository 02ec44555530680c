import FakeIdentityCenter
import Foundation
import PickerCore
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// `ssopick init`'s scripts as text, checked by each shell's own parser, and the lines the
/// picker prints for the function (`--shell-function`: the profile or the keys, with the
/// `SSOPICK_*` prompt variables). The functions at work in the real shells:
/// `ShellInitTmuxTests`.
@Suite("ssopick init (command layer)")
struct ShellInitUseCaseTests {
  static func script(_ shell: String, name: String = "ssp") throws -> String {
    try ShellInitUseCase(.init(shell: shell, name: name)).script()
  }

  /// The `--unset` branch's lines for `shell`, as they appear in the script.
  static func unsetLines(_ shell: ShellInitUseCase.Target) -> [String] {
    let names = [
      "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
      "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION", "SSOPICK_ACCOUNT_ID",
      "SSOPICK_ACCOUNT_NAME", "SSOPICK_ROLE_NAME", "SSOPICK_SESSION", "SSOPICK_EXPIRATION",
    ]
    return names.map { name in
      switch shell {
      case .bash, .zsh: "unset \(name)"
      case .fish: "set -e \(name)"
      case .powershell: "Remove-Item -Path Env:\(name) -ErrorAction SilentlyContinue"
      }
    }
  }

  @Test(arguments: ShellInitUseCase.Target.allCases)
  func eachScriptDefinesTheFunctionItsUnsetAndItsCompletion(
    shell: ShellInitUseCase.Target
  ) throws {
    let text = try Self.script(shell.rawValue)
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    switch shell {
    case .bash, .zsh:
      #expect(text.contains("\nssp() {\n"))
      #expect(text.contains(#"if [ "${1-}" = --unset ]; then"#))
      #expect(text.contains("command ssopick --shell-function \(shell) \"$@\")"))
      #expect(text.contains(#"eval "$__ssopick_lines""#))
    case .fish:
      #expect(text.contains("\nfunction ssp --description "))
      #expect(text.contains(#"test "$argv[1]" = --unset"#))
      #expect(text.contains("(command ssopick --shell-function fish $argv)"))
      #expect(text.contains("complete -c ssp --wraps 'ssopick pick'"))
    case .powershell:
      #expect(text.contains("\nfunction ssp {\n"))
      #expect(text.contains("$args[0] -ceq '--unset'"))
      #expect(text.contains("@(& $ssopick --shell-function powershell @args)"))
      #expect(text.contains("Register-ArgumentCompleter -Native -CommandName ssp "))
      #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    }
    if shell == .bash {
      #expect(text.contains("complete -o filenames -F _ssopick_init_complete_ssp ssp\n"))
      #expect(text.contains("--generate-completion-script bash"))
    }
    if shell == .zsh {
      #expect(text.contains("compdef _ssopick_init_complete_ssp ssp"))
      #expect(text.contains("--generate-completion-script zsh"))
    }
    // Every variable ssopick sets is removed by --unset, in this shell's syntax.
    for line in Self.unsetLines(shell) {
      #expect(lines.contains(line), "\(shell): no \(line)")
    }
    // The start-up line is in the header.
    #expect(text.contains("#   " + shell.startupLine()))
  }

  @Test(arguments: ShellInitUseCase.Target.allCases)
  func nameRenamesTheFunctionAndItsCompletion(shell: ShellInitUseCase.Target) throws {
    let text = try Self.script(shell.rawValue, name: "aws_pick")
    #expect(!text.contains("ssp"), "\(shell): the default name is left in:\n\(text)")
    switch shell {
    case .bash:
      #expect(text.contains("\naws_pick() {\n"))
      #expect(text.contains("-F _ssopick_init_complete_aws_pick aws_pick\n"))
    case .zsh:
      #expect(text.contains("\naws_pick() {\n"))
      #expect(text.contains("compdef _ssopick_init_complete_aws_pick aws_pick;"))
    case .fish:
      #expect(text.contains("\nfunction aws_pick --description "))
      #expect(text.contains("complete -c aws_pick --wraps 'ssopick pick'"))
    case .powershell:
      #expect(text.contains("\nfunction aws_pick {\n"))
      #expect(text.contains("-CommandName aws_pick "))
    }
    #expect(text.contains("--name aws_pick"))
  }

  @Test(arguments: [
    "", "1ssp", "a-b", "a b", "a;b", "$(touch pwned)", "`x`", "ssp'", "é", "a\nb",
    "\u{1B}[31mred", String(repeating: "a", count: 65), "if", "function", "eval", "command",
    "set", "ssopick", "End",
  ])
  func badNamesAreRefusedWithTheNameEscaped(name: String) throws {
    #expect(throws: ShellInitUseCase.Failure.self) { try Self.script("bash", name: name) }
    do {
      _ = try Self.script("bash", name: name)
    } catch {
      let message = "\(error)"
      #expect(message.contains("--name "))
      #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }
  }

  @Test func acceptedNames() throws {
    for name in ["ssp", "_p", "aws_pick2", "A", String(repeating: "a", count: 64)] {
      #expect(throws: Never.self) { try ShellInitUseCase.check(name: name) }
    }
  }

  @Test func shellNames() throws {
    #expect(try Self.script("pwsh") == Self.script("powershell"))
    #expect(try Self.script("BASH") == Self.script("bash"))
    #expect(throws: ShellInitUseCase.Failure.unsupportedShell("tcsh")) {
      try Self.script("tcsh")
    }
    #expect(throws: ShellInitUseCase.Failure.unsupportedShell("sh")) { try Self.script("sh") }
  }

  @Test func runPrintsTheScriptOnStdoutOnly() async throws {
    try await FakeHome.with { home in
      let test = home.context()
      let status = try await ShellInitUseCase(.init(shell: "fish", name: "p")).run(
        in: test.context)
      #expect(status == .success)
      #expect(test.stdout == (try Self.script("fish", name: "p")))
      #expect(test.stderr.isEmpty)
    }
  }

  // MARK: - Each shell's parser accepts the script

  static func installed(_ name: String) -> Bool { ChildProcess.find(name) != nil }

  static func parse(_ shell: String, _ program: String, _ arguments: [String]) async throws {
    let executable = try #require(ChildProcess.find(program), "\(program) is not installed")
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-init-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/init"
    try Self.script(shell, name: "my_pick").write(toFile: file, atomically: true, encoding: .utf8)
    let output = try await ChildProcess.run(
      executable, arguments + [file],
      environment: ["PATH": "/usr/bin:/bin", "HOME": folder, "LANG": "C.UTF-8"])
    #expect(output.status == 0, "\(program) does not parse the script: \(output.stderr)")
  }

  @Test func bashParsesItsScript() async throws {
    try await Self.parse("bash", "bash", ["--norc", "--noprofile", "-n"])
  }

  @Test(
    .enabled(if: installed("zsh"), "zsh is not installed (scripts/bootstrap --test installs it)"))
  func zshParsesItsScript() async throws {
    try await Self.parse("zsh", "zsh", ["-f", "-n"])
  }

  @Test(
    .enabled(if: installed("fish"), "fish is not installed (scripts/bootstrap --test installs it)"))
  func fishParsesItsScript() async throws {
    try await Self.parse("fish", "fish", ["--no-config", "--no-execute"])
  }

  @Test(.enabled(if: installed("pwsh"), "pwsh (PowerShell) is not installed"))
  func powerShellParsesItsScript() async throws {
    let check =
      "$errors = $null; [void][System.Management.Automation.Language.Parser]::ParseFile("
      + "$args[0], [ref]$null, [ref]$errors); if ($errors) { $errors; exit 1 }"
    try await Self.parse(
      "powershell", "pwsh", ["-NoProfile", "-NonInteractive", "-Command", check])
  }

  // MARK: - What the function evaluates (`--shell-function`)

  /// The stdout lines of the picker choosing Acme Management's admin role for `action`.
  static func chooseAdmin(_ action: RoleAction) async throws -> [String] {
    try await FakeHome.with { home in
      try home.signIn()
      let test = home.context(
        terminals: PickerUseCaseTests.terminals(PickerUseCaseTests.chooseAdmin))
      let status = try await PickerUseCase(PickerUseCaseTests.request(action)).run(
        in: test.context)
      #expect(status == .success, "\(test.stderr)")
      return test.stdout.split(separator: "\n").map(String.init)
    }
  }

  @Test("the profile mode prints AWS_PROFILE, SSOPICK_SESSION and removes SSOPICK_EXPIRATION")
  func profileLinesForTheFunction() async throws {
    let target = ProfileTarget(naming: .template(try ProfileNameTemplate()))
    let lines = try await Self.chooseAdmin(.writeProfile(target, printAs: .fish))
    #expect(lines.first == "set -gx AWS_PROFILE 'Acme-Management/AdministratorAccess'")
    #expect(lines.contains("set -gx SSOPICK_SESSION 'acme'"))
    #expect(lines.contains("set -e SSOPICK_EXPIRATION"))
    #expect(lines.contains("set -e AWS_ACCESS_KEY_ID"))
    #expect(lines.allSatisfy { $0.hasPrefix("set -gx ") || $0.hasPrefix("set -e ") })
  }

  @Test("the keys mode prints SSOPICK_EXPIRATION as AWS_CREDENTIAL_EXPIRATION")
  func keyLinesForTheFunction() async throws {
    let lines = try await Self.chooseAdmin(.export(.posix))
    let expiration = try #require(
      lines.first { $0.hasPrefix("export AWS_CREDENTIAL_EXPIRATION=") })
    #expect(
      lines.contains(
        expiration.replacingOccurrences(
          of: "AWS_CREDENTIAL_EXPIRATION", with: "SSOPICK_EXPIRATION")))
    #expect(lines.contains("export SSOPICK_SESSION='acme'"))
    #expect(lines.contains("unset AWS_PROFILE"))
  }
}
