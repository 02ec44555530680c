import Foundation
import PropertyBased
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// Export lines evaluated by the real shells, the way users load them
/// (`eval "$(ssopick export)"`, `ssopick export | source`, `… | Invoke-Expression`): every
/// hostile value must arrive in the environment exactly, `AWS_PROFILE` must be gone, and no
/// command hidden in a value may run (each tries to create a file named `pwned`).
///
/// bash and sh are always there; zsh and fish are installed by `scripts/bootstrap --test`;
/// pwsh usually is not. A shell that is missing is reported as a *skipped* test naming it,
/// never as passed. cmd cannot run here (see `ShellExportTests` and `CmdParserModel`).
@Suite struct ShellEvaluationTests {
  /// Values that break naive quoting somewhere.
  static let hostile: [String] = [
    "", "plain", "'", "''", "'\\''", "\"", "\\", "\\'", "it's", "$(touch pwned)",
    "`touch pwned`", "${HOME}", "$HOME", "$", "$'\\x41'", "; touch pwned;", "a && touch pwned",
    "| touch pwned", "a\ntouch pwned\n", "\ntouch pwned", "x'\ntouch pwned\n'", "\r\n", "\t",
    "!!", "!$", "^", "%PATH%", "*", "?", "~", "#comment", "{a,b}", "(touch pwned)",
    "$(New-Item pwned)", "@(New-Item pwned)", "`$(New-Item pwned)", "’; New-Item pwned; ‘",
    "‘", "‚", "‛", "“x”", "Zürich", "Kraków – Prod", "'\u{301}", "\u{2028}", "\u{85}", "\u{7F}",
    "\u{1B}[31m", "\u{1}", "😀", "-n", "-e", " lead", "trail ", "a=b", "\\n", "%%",
    "\\(touch pwned)",
    "{$HOME}", "$argv", "\\'; touch pwned; echo \\'", "\u{F600}",
  ]

  /// How one shell is run to load the export file given as its first argument, then print
  /// its environment with `env -0`.
  struct Program: CustomStringConvertible, Sendable {
    var name: String
    var shell: Shell
    var arguments: @Sendable (String) -> [String]
    var description: String { name }
  }

  static let programs: [String: Program] = [
    "bash": Program(name: "bash", shell: .posix) {
      ["--norc", "--noprofile", "-c", "eval \"$(cat \"$1\")\" && exec env -0", "bash", $0]
    },
    "sh": Program(name: "sh", shell: .posix) {
      ["-c", "eval \"$(cat \"$1\")\" && exec env -0", "sh", $0]
    },
    "zsh": Program(name: "zsh", shell: .posix) {
      ["-f", "-c", "eval \"$(cat \"$1\")\" && exec env -0", "zsh", $0]
    },
    "fish": Program(name: "fish", shell: .fish) {
      ["--no-config", "-c", "cat $argv[1] | source; and exec env -0", $0]
    },
    "pwsh": Program(name: "pwsh", shell: .powershell) {
      [
        "-NoProfile", "-NonInteractive", "-Command",
        "Get-Content -LiteralPath '\($0)' -Encoding UTF8 | Invoke-Expression; & env -0",
      ]
    },
  ]

  /// Loads `values` as V0, V1, … in `name` and checks what arrived.
  static func check(_ name: String, values: [String]) async throws {
    guard let program = programs[name], let executable = ChildProcess.find(name) else {
      Issue.record("\(name) is not installed")
      return
    }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-shell-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var lines = values.enumerated().map { ShellExport.Line.set("V\($0.offset)", $0.element) }
    lines.append(.unset("AWS_PROFILE"))
    let file = folder + "/exports"
    try ShellExport(lines: lines).render(for: program.shell)
      .write(toFile: file, atomically: true, encoding: .utf8)
    let output = try await ChildProcess.run(
      executable, program.arguments(file),
      environment: [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder,
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "AWS_PROFILE": "stale",
      ],
      directory: folder)
    #expect(output.status == 0, "\(name): \(output)")
    var environment: [String: String] = [:]
    for entry in output.stdoutData.split(separator: 0, omittingEmptySubsequences: true) {
      let text = String(decoding: entry, as: UTF8.self)
      guard let equals = text.firstIndex(of: "=") else { continue }
      environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
    }
    for (index, value) in values.enumerated() {
      #expect(
        environment["V\(index)"]?.unicodeScalars.elementsEqual(value.unicodeScalars) == true,
        "\(name) read V\(index) as \(String(reflecting: environment["V\(index)"])), want \(String(reflecting: value))"
      )
    }
    #expect(environment["AWS_PROFILE"] == nil, "\(name) kept AWS_PROFILE")
    #expect(
      !FileManager.default.fileExists(atPath: folder + "/pwned"),
      "\(name) ran a command from a value")
  }

  static func installed(_ name: String) -> Bool { ChildProcess.find(name) != nil }

  static let specials = Array(
    "'\"\\$`!^%&|;<>(){}[]*?~#= \t\n\r-aZ0€’‘‚‛“”\u{85}\u{2028}\u{7F}\u{1}é😀\u{301}")
  static let hostileString = Gen.int(in: 0...(specials.count - 1)).array(of: 0...12)
    .map { String($0.map { specials[$0] }) }
  static let hostileBatch = hostileString.array(of: 1...30)

  static func checkRandom(_ name: String) async {
    await propertyCheck(count: 15, input: Self.hostileBatch) { values in
      try await check(name, values: values)
    }
  }

  @Test func bashLoadsEveryValueExactly() async throws {
    try await Self.check("bash", values: Self.hostile)
    await Self.checkRandom("bash")
    print("ShellEvaluationTests: evaluated in bash")
  }

  @Test func shLoadsEveryValueExactly() async throws {
    try await Self.check("sh", values: Self.hostile)
    await Self.checkRandom("sh")
    print("ShellEvaluationTests: evaluated in sh")
  }

  @Test(
    .enabled(if: installed("zsh"), "zsh is not installed (scripts/bootstrap --test installs it)"))
  func zshLoadsEveryValueExactly() async throws {
    try await Self.check("zsh", values: Self.hostile)
    await Self.checkRandom("zsh")
    print("ShellEvaluationTests: evaluated in zsh")
  }

  @Test(
    .enabled(if: installed("fish"), "fish is not installed (scripts/bootstrap --test installs it)"))
  func fishLoadsEveryValueExactly() async throws {
    try await Self.check("fish", values: Self.hostile)
    await Self.checkRandom("fish")
    print("ShellEvaluationTests: evaluated in fish")
  }

  @Test(.enabled(if: installed("pwsh"), "pwsh (PowerShell) is not installed"))
  func powerShellLoadsEveryValueExactly() async throws {
    try await Self.check("pwsh", values: Self.hostile)
    await Self.checkRandom("pwsh")
    print("ShellEvaluationTests: evaluated in pwsh")
  }
}
