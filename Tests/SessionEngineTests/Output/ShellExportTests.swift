import Foundation
import PropertyBased
import Testing

@testable import SessionEngine

/// What `ShellExport` prints, line by line, and the cmd rules checked against the written
/// model of cmd's parser (`CmdParserModel`) — cmd itself cannot run here.
@Suite struct ShellExportTests {
  static let credentials = RoleCredentials(
    accessKeyID: "ASIAEXAMPLE7QWERTY", secretAccessKey: "wJalrEXAMPLEsecretKEY/abc+def",
    sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//tok==",
    expiration: Date(timeIntervalSince1970: 1_767_229_200), accountID: "210987654321")
  static let account = AccountInfo(
    accountID: "210987654321", accountName: "Zürich & Co's", emailAddress: "a@example.com")

  @Test func credentialsInPOSIXSyntax() throws {
    let export = ShellExport.credentials(
      Self.credentials, account: Self.account, roleName: "PlatformAdmin", region: "eu-west-1",
      session: "acme")
    #expect(
      try export.render(for: .posix) == """
        export AWS_ACCESS_KEY_ID='ASIAEXAMPLE7QWERTY'
        export AWS_SECRET_ACCESS_KEY='wJalrEXAMPLEsecretKEY/abc+def'
        export AWS_SESSION_TOKEN='IQoJb3JpZ2luX2VjEXAMPLE//tok=='
        export AWS_CREDENTIAL_EXPIRATION='2026-01-01T01:00:00+00:00'
        export AWS_REGION='eu-west-1'
        export AWS_DEFAULT_REGION='eu-west-1'
        unset AWS_PROFILE
        export SSOPICK_ACCOUNT_ID='210987654321'
        export SSOPICK_ACCOUNT_NAME='Zürich & Co'\\''s'
        export SSOPICK_ROLE_NAME='PlatformAdmin'
        export SSOPICK_SESSION='acme'
        export SSOPICK_EXPIRATION='2026-01-01T01:00:00+00:00'

        """)
  }

  @Test func withoutASessionNameSSOPICKSessionIsRemoved() throws {
    let text = try ShellExport.credentials(
      Self.credentials, account: Self.account, roleName: "PlatformAdmin", region: nil
    ).render(for: .posix)
    #expect(text.contains("unset SSOPICK_SESSION\n"))
    #expect(text.contains("export SSOPICK_EXPIRATION='2026-01-01T01:00:00+00:00'\n"))
  }

  @Test func clearRemovesEverythingTheExportsSet() throws {
    let set = Set(
      ShellExport.credentials(
        Self.credentials, account: Self.account, roleName: "Admin", region: "eu-west-1",
        session: "acme"
      ).lines.map(\.name)
        + ShellExport.profile("P", account: Self.account, roleName: "Admin", session: "acme")
        .lines.map(\.name))
    let cleared = ShellExport.clear().lines
    #expect(Set(cleared.map(\.name)) == set)
    #expect(cleared.allSatisfy { $0.value == nil })
    #expect(
      try ShellExport.clear().render(for: .fish).split(separator: "\n").allSatisfy {
        $0.hasPrefix("set -e ")
      })
  }

  @Test func noRegionLinesWithoutARegion() throws {
    let export = ShellExport.credentials(
      Self.credentials, account: Self.account, roleName: "PlatformAdmin", region: nil)
    let text = try export.render(for: .posix)
    #expect(!text.contains("AWS_REGION"))
    #expect(!text.contains("AWS_DEFAULT_REGION"))
  }

  @Test func fishSyntax() throws {
    let export = ShellExport(lines: [.set("A", #"it's a \ back"#), .unset("AWS_PROFILE")])
    #expect(try export.render(for: .fish) == "set -gx A 'it\\'s a \\\\ back'\nset -e AWS_PROFILE\n")
  }

  @Test func powerShellIsASCIIAndOneLinePerVariable() throws {
    let export = ShellExport(lines: [
      .set("A", "it's"), .set("B", "Zürich\nx’y"), .set("C", ""), .set("D", "😀"),
      .unset("AWS_PROFILE"),
    ])
    let text = try export.render(for: .powershell)
    #expect(
      text == """
        $Env:A = 'it''s'
        $Env:B = 'Z' + [char]0x00FC + 'rich' + [char]0x000A + 'x' + [char]0x2019 + 'y'
        $Env:C = ''
        $Env:D = '' + [char]0xD83D + [char]0xDE00
        Remove-Item -Path Env:AWS_PROFILE -ErrorAction SilentlyContinue

        """)
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func cmdSyntax() throws {
    let export = ShellExport(lines: [.set("A", "50% & \"x\" ^ <y> (z) |"), .unset("AWS_PROFILE")])
    #expect(
      try export.render(for: .cmd)
        == "@set A=50%% ^& ^\"x^\" ^^ ^<y^> ^(z^) ^|\r\n@set AWS_PROFILE=\r\n")
  }

  @Test func cmdRefusesWhatItCannotHoldButDegradesTheAccountName() throws {
    #expect(throws: OutputError.self) {
      try ShellExport(lines: [.set("AWS_SECRET_ACCESS_KEY", "a\nb")]).render(for: .cmd)
    }
    #expect(throws: OutputError.self) {
      try ShellExport(lines: [.set("AWS_REGION", "é")]).render(for: .cmd)
    }
    let text = try ShellExport(lines: [
      .set("SSOPICK_ACCOUNT_NAME", "Zürich\n", informational: true)
    ])
    .render(for: .cmd)
    #expect(text == "@set SSOPICK_ACCOUNT_NAME=Z?rich?\r\n")
  }

  @Test func profileSelectionRemovesStaleKeysAndPrintsNoSecrets() throws {
    let text = try ShellExport.profile(
      "Acme/Admin", account: Self.account, roleName: "Admin", session: "acme"
    ).render(for: .posix)
    #expect(
      text == """
        export AWS_PROFILE='Acme/Admin'
        unset AWS_ACCESS_KEY_ID
        unset AWS_SECRET_ACCESS_KEY
        unset AWS_SESSION_TOKEN
        unset AWS_CREDENTIAL_EXPIRATION
        export SSOPICK_ACCOUNT_ID='210987654321'
        export SSOPICK_ACCOUNT_NAME='Zürich & Co'\\''s'
        export SSOPICK_ROLE_NAME='Admin'
        export SSOPICK_SESSION='acme'
        unset SSOPICK_EXPIRATION

        """)
  }

  @Test func badNamesAndNULAreRefusedInEveryShell() {
    for shell in Shell.allCases {
      #expect(throws: OutputError.invalidVariableName("A B")) {
        try ShellExport(lines: [.set("A B", "x")]).render(for: shell)
      }
      #expect(throws: OutputError.invalidVariableName("1A")) {
        try ShellExport(lines: [.set("1A", "x")]).render(for: shell)
      }
      #expect(throws: OutputError.self) {
        try ShellExport(lines: [.set("A", "x\u{0}y")]).render(for: shell)
      }
    }
  }

  // MARK: - Shell detection

  @Test(arguments: [
    ("/bin/bash", Shell.posix), ("/usr/bin/zsh", .posix), ("/bin/sh", .posix),
    ("/usr/local/bin/fish", .fish), ("/opt/microsoft/powershell/7/pwsh", .powershell),
    ("dash", .posix),
  ])
  func detectsTheShellFromSHELL(path: String, shell: Shell) throws {
    #expect(try Shell.detect(environment: Environment(["SHELL": path])) == shell)
  }

  @Test func powerShellWhenOnlyPSModulePathIsSet() throws {
    #expect(
      try Shell.detect(environment: Environment(["PSModulePath": "C:\\Modules"])) == .powershell)
    // Git Bash on Windows inherits PSModulePath but has SHELL: SHELL wins.
    #expect(
      try Shell.detect(environment: Environment(["PSModulePath": "x", "SHELL": "/usr/bin/bash"]))
        == .posix)
    #expect(try Shell.detect(environment: Environment()) == .posix)
  }

  @Test func unknownShellsAreAnErrorNotAGuess() {
    #expect(throws: OutputError.unsupportedShell(name: "tcsh", fromEnvironment: true)) {
      try Shell.detect(environment: Environment(["SHELL": "/bin/tcsh"]))
    }
    #expect(Shell(name: "nu") == nil)
    #expect(Shell(name: "pwsh") == .powershell)
  }

  // MARK: - cmd, against the parser model

  static let hostileASCII = [
    "plain", "50%", "%PATH%", "%%PATH%%", "%1", "%*", "%~dp0", "a & calc", "a && calc",
    "a | calc", "a > out.txt", "a < in.txt", "(a)", ")", "^", "^^", "a^", "\"", "\"&calc",
    "\"\"&calc\"", "x\"y\"z&calc", "!PATH!", "!", "a ^& b", "a=b=c", " lead", "trail ",
    "@echo on", "set X=1 & calc", "'single'", "`back`", "$(x)", "\\\\server\\share",
    ";,= ", "%", "%%", "^\"&calc", "%USERNAME%&calc",
  ]

  /// The line without its CR LF (one `Character` in Swift).
  static func stripCRLF(_ line: String) -> String {
    var scalars = line.unicodeScalars
    if scalars.last == "\n" { scalars.removeLast() }
    if scalars.last == "\r" { scalars.removeLast() }
    return String(scalars)
  }

  @Test(arguments: hostileASCII)
  func cmdAssignsExactlyTheValueAndRunsNothingElse(value: String) throws {
    let line = try ShellExport(lines: [.set("V", value)]).render(for: .cmd)
    #expect(line.hasSuffix("\r\n"))
    let outcome = CmdParserModel.interpret(Self.stripCRLF(line))
    #expect(outcome.operators.isEmpty)
    #expect(!outcome.splitLines)
    #expect(outcome.assignment?.name == "V")
    #expect(outcome.assignment?.value == value)
  }

  @Test(arguments: hostileASCII)
  func cmdWithDelayedExpansionStillRunsNothingElse(value: String) throws {
    let line = try ShellExport(lines: [.set("V", value)]).render(for: .cmd)
    let outcome = CmdParserModel.interpret(Self.stripCRLF(line), delayedExpansion: true)
    #expect(outcome.operators.isEmpty)
    #expect(outcome.assignment?.name == "V")
    if !value.contains("!") { #expect(outcome.assignment?.value == value) }
  }

  @Test func theModelDoesCatchUnescapedOperators() {
    // The model is only useful if it would notice a mistake.
    #expect(CmdParserModel.interpret("@set V=a & calc").operators == ["&"])
    #expect(CmdParserModel.interpret("@set V=50%PATH%").assignment?.value == "50C:\\Windows")
    #expect(CmdParserModel.interpret("@set \"V=a\"&calc\"").operators == ["&"])
    #expect(CmdParserModel.interpret("@set V=a\ncalc").splitLines)
  }

  static let printableASCII = Gen.int(in: 0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }
    .array(of: 0...24).map { String($0) }

  @Test func cmdRandomPrintableASCII() async {
    await propertyCheck(count: 500, input: Self.printableASCII) { value in
      let rendered = try ShellExport(lines: [.set("V", value)]).render(for: .cmd)
      let outcome = CmdParserModel.interpret(Self.stripCRLF(rendered))
      #expect(outcome.operators.isEmpty)
      #expect(outcome.assignment?.value == value)
    }
  }
}
