import Foundation
import SSOPickTestSupport
import Testing

/// `ssopick init` and the picker's `--shell-function` as processes: statuses, stdout vs
/// stderr, and the help that shows the start-up lines.
@Suite("ssopick init (the built binary)")
struct InitCommandTests {
  static let environment = [
    "HOME": "/nonexistent", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
  ]

  @Test func initPrintsTheFunctionOnStdout() async throws {
    let output = try await BinaryRunner.ssopick(["init", "zsh"], environment: Self.environment)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.hasPrefix("# ssopick shell integration for zsh"))
    #expect(output.stdout.contains("\nssp() {\n"))
    #expect(output.stderr.isEmpty)
  }

  @Test(arguments: [
    (["init", "tcsh"], "ssopick init has no function for tcsh"),
    (["init", "bash", "--name", "a;b"], "--name a;b: a function name is letters"),
    (["init", "fish", "--name", "ssopick"], "would hide the ssopick command"),
    (["--shell-function", "tcsh"], "tcsh"),
    (["--shell-function", "bash", "--shell", "fish"], "leave out --shell"),
    (["--shell-function", "bash", "--write-credentials", "x"], "--write-credentials prints"),
    (["--shell-function", "bash", "--export", "--", "true"], "--export, a command after --"),
  ])
  func badInputExits2WithNothingOnStdout(arguments: [String], message: String) async throws {
    let output = try await BinaryRunner.ssopick(arguments, environment: Self.environment)
    #expect(output.status == 2, "\(output)")
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.contains(message), "\(output.stderr)")
  }

  @Test func initHelpShowsTheLineForEachShell() async throws {
    let output = try await BinaryRunner.ssopick(
      ["init", "--help"], environment: Self.environment)
    #expect(output.status == 0)
    for line in [
      #"eval "$(ssopick init bash)""#, #"eval "$(ssopick init zsh)""#,
      "ssopick init fish | source",
      "ssopick init powershell | Out-String | Invoke-Expression",
    ] {
      #expect(output.stdout.contains(line), "\(output.stdout)")
    }
  }
}
