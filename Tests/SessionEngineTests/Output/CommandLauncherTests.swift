import Foundation
import Testing

@testable import SessionEngine

/// How `ssopick exec` finds the command and builds its environment (the `execve` itself is
/// tested by running the binary, in `ExecCommandTests`).
@Suite struct CommandLauncherTests {
  @Test func searchesPATHLikeAShell() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-path-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for sub in ["a", "b", "c"] {
      try FileManager.default.createDirectory(
        atPath: "\(folder)/\(sub)", withIntermediateDirectories: true)
    }
    // a/tool is not executable, b/tool is, c/tool is a folder.
    try #require(
      FileManager.default.createFile(
        atPath: "\(folder)/a/tool", contents: Data("x".utf8),
        attributes: [.posixPermissions: 0o644]))
    try #require(
      FileManager.default.createFile(
        atPath: "\(folder)/b/tool", contents: Data("x".utf8),
        attributes: [.posixPermissions: 0o755]))
    try FileManager.default.createDirectory(
      atPath: "\(folder)/c/dir", withIntermediateDirectories: true)
    let path = "\(folder)/c:\(folder)/a:\(folder)/b"
    #expect(try CommandLauncher.resolve("tool", searchPath: path).get() == "\(folder)/b/tool")
    // Only a non-executable one: it is found, and running it will fail with 126.
    #expect(
      try CommandLauncher.resolve("tool", searchPath: "\(folder)/a").get() == "\(folder)/a/tool")
    #expect(throws: CommandLauncher.Failure.notFound("dir")) {
      try CommandLauncher.resolve("dir", searchPath: "\(folder)/c").get()
    }
    #expect(throws: CommandLauncher.Failure.notFound("nope")) {
      try CommandLauncher.resolve("nope", searchPath: path).get()
    }
    // A name with a slash is used as given.
    #expect(
      try CommandLauncher.resolve("\(folder)/a/tool", searchPath: "").get() == "\(folder)/a/tool")
    #expect(throws: CommandLauncher.Failure.notFound("./missing")) {
      try CommandLauncher.resolve("./missing", searchPath: path).get()
    }
  }

  @Test func exitStatusesFollowTheShells() {
    #expect(CommandLauncher.Failure.notFound("x").exitStatus == 127)
    #expect(CommandLauncher.Failure.cannotRun("x", reason: "Permission denied").exitStatus == 126)
    #expect(
      CommandLauncher.Failure.notFound("x").description == "ssopick exec: x: command not found")
  }

  @Test func theEnvironmentGetsTheExportAndLosesAWSProfile() {
    let export = ShellExport(lines: [.set("AWS_ACCESS_KEY_ID", "A"), .unset("AWS_PROFILE")])
    let environment = CommandLauncher.environment(
      base: ["AWS_PROFILE": "old", "PATH": "/bin", "AWS_ACCESS_KEY_ID": "stale"], applying: export)
    #expect(environment == ["PATH": "/bin", "AWS_ACCESS_KEY_ID": "A"])
  }

  @Test func listsOpenDescriptors() throws {
    #expect(CommandLauncher.openDescriptors().isSuperset(of: [0, 1, 2]))
    // Other suites open and close descriptors meanwhile, so only "ours is listed while it
    // is open" can be checked, not what changed.
    let handle = try #require(FileHandle(forReadingAtPath: "/dev/null"))
    defer { try? handle.close() }
    #expect(CommandLauncher.openDescriptors().contains(handle.fileDescriptor))
  }
}
