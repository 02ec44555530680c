import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// `ssopick` (the picker) without a terminal and with bad options: clear errors, exit 2.
@Suite("ssopick picker without a terminal (the built binary)")
struct PickBinaryTests {
  @Test func withoutATerminalThePickerSaysToUseList() async throws {
    try await FakeHome.with { fake in
      try fake.signIn()
      for arguments in [[], ["pick"], ["--query", "prod", "--select-1"]] {
        let result = try await BinaryRunner.withoutTerminal(
          arguments, environment: fake.environment())
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("needs a terminal"), "\(result)")
        #expect(result.stderr.contains("ssopick list"), "\(result)")
      }
      // It failed before going to the network.
      #expect(fake.center.stats().operations.isEmpty)
    }
  }

  @Test func conflictingOptionsAreUsageErrors() async throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("ssopick-\(UUID())")
      .path
    let environment = BinaryRunner.environment(home: home)
    let both = try await BinaryRunner.ssopick(
      ["--export", "--export-profile"], environment: environment)
    #expect(both.status == 2)
    #expect(both.stderr.contains("Give only one of --export, --export-profile"))
    let shell = try await BinaryRunner.ssopick(["--shell", "fish"], environment: environment)
    #expect(shell.status == 2)
    #expect(shell.stderr.contains("--shell applies only"))
    for (arguments, message) in [
      (["--exec"], "Give the command to run after --"),
      (["--", "ls"], "A command after -- needs --exec."),
      (["--exec", "--export", "--", "ls"], "Give only one of --export, --exec"),
      (["--write-credentials", "p", "--export-profile"], "--export-profile, --write-credentials"),
    ] {
      let result = try await BinaryRunner.ssopick(arguments, environment: environment)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
  }

  @Test func theHelpListsTheKeys() async throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("ssopick-\(UUID())")
      .path
    let result = try await BinaryRunner.ssopick(
      ["pick", "--help"], environment: BinaryRunner.environment(home: home))
    #expect(result.status == 0)
    for keys in [
      "↑, Ctrl-P", "Ctrl-R", "Ctrl-O", "?, F1", "Esc, Ctrl-C", "--select-1", "--export",
      "--exec", "--write-credentials",
    ] {
      #expect(result.stdout.contains(keys), "\(keys) missing from:\n\(result.stdout)")
    }
  }
}
