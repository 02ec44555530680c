import Foundation
import SSOPickTestSupport
import Testing

/// The completion scripts under `Resources/completions` match the commands (regenerate them
/// with `scripts/generate-docs`), and bash and fish complete with them.
@Suite("Completion scripts")
struct CompletionScriptTests {
  static let folder = BinaryRunner.packageRoot.appendingPathComponent("Resources/completions").path

  @Test(arguments: [("bash", "ssopick.bash"), ("zsh", "_ssopick"), ("fish", "ssopick.fish")])
  func theCommittedScriptIsCurrent(shell: String, file: String) async throws {
    let generated = try await BinaryRunner.ssopick(
      ["--generate-completion-script", shell], environment: ["PATH": "/usr/bin:/bin"])
    #expect(generated.status == 0)
    let committed = try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8)
    #expect(
      committed == generated.stdout,
      "Resources/completions/\(file) is out of date: run scripts/generate-docs and commit it")
  }

  @Test func bashCompletesSubcommandsAndOptions() async throws {
    let script = """
      source "$1"
      COMP_LINE="ssopick expo"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(ssopick expo); COMP_CWORD=1
      _ssopick ssopick expo ssopick; printf '%s\\n' "${COMPREPLY[@]}"
      COMP_LINE="ssopick export --to-"; COMP_POINT=${#COMP_LINE}
      COMP_WORDS=(ssopick export --to-); COMP_CWORD=2
      _ssopick ssopick --to- export; printf '%s\\n' "${COMPREPLY[@]}"
      """
    let result = try await ChildProcess.run(
      "/bin/bash",
      ["--norc", "-c", script, "bash", Self.folder + "/ssopick.bash"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(result.stdout.split(separator: "\n").contains("export"), "\(result)")
    #expect(result.stdout.split(separator: "\n").contains("--to-credentials"), "\(result)")
  }

  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish"), "fish is not installed"))
  func fishCompletesShellNames() async throws {
    let binary = try BinaryRunner.binary()
    let result = try await ChildProcess.run(
      "/usr/bin/fish",
      [
        "--no-config", "-c", "source $argv[1]; complete -C 'ssopick export --shell '",
        Self.folder + "/ssopick.fish",
      ],
      environment: ["PATH": (binary as NSString).deletingLastPathComponent + ":/usr/bin:/bin"])
    let words = result.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
    #expect(words == ["sh", "bash", "zsh", "fish", "powershell", "pwsh", "cmd"], "\(result)")
  }
}
