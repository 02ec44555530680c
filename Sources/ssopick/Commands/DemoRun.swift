import ArgumentParser
import FakeIdentityCenter
import Foundation
import PickerCurses
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ssopick demo`: the real ssopick commands, run in this process one after the other, as a
/// newcomer would type them — against a fake IAM Identity Center on loopback and in a
/// temporary home, so nothing of the user's is read or changed and nothing reaches AWS.
///
/// Steps: `configure` (an sso-session for the fake), `login` (device code, which the fake
/// approves at once), `list --filter`, then the picker when there is a terminal (otherwise
/// `export --as-profile` for one role), and finally what was written, and where. The
/// narration goes to stderr; the commands' own output goes where it always does.
struct DemoRun {
  /// The fake's options (the demo organisation unless the user chose another).
  let options: FakeIdentityCenter.Options
  /// Whether the temporary home survives the demo.
  let keep: Bool

  static let sessionName = "demo"
  static let startURL = "https://d-9067a1b2c3.awsapps.com/start"
  static let region = "eu-central-1"

  func run() async throws {
    let center = try FakeIdentityCenter(options: options)
    let url = try await center.start()
    let home: String
    do {
      home = try Self.makeHome()
    } catch {
      await center.stop()
      throw error
    }
    Self.pointEnvironment(at: url, home: home)
    let organisation = center.organisation
    say("ssopick demo\n")
    say(
      Self.wrapped(
        "A fake IAM Identity Center is serving a demo organisation "
          + "(\(organisation.accounts.count) accounts, \(organisation.roleCount) roles) on "
          + "\(url.absoluteString). Everything happens in a temporary home, \(home): your own "
          + "~/.aws is not read or changed, and nothing reaches AWS.", first: "  ", rest: "  "))
    do {
      try await steps(organisation: organisation)
      showWritten(home: home)
    } catch {
      await finish(center: center, home: home)
      throw error
    }
    await finish(center: center, home: home)
  }

  // MARK: The steps

  private func steps(organisation: Organisation) async throws {
    try await step(
      "Describe the sign-in once: an [sso-session] in ~/.aws/config.",
      [
        "configure", "--session", Self.sessionName, "--start-url", Self.startURL, "--region",
        Self.region,
      ])
    try await step(
      """
      Sign in. On a desktop ssopick opens the browser (PKCE); here the device-code flow is \
      shown, and the demo server approves the code after a moment. The token lands in the AWS CLI's \
      cache, so the AWS CLI and every SDK use it too.
      """,
      ["login", "--use-device-code", "--no-browser"])
    let listed = try await step(
      """
      List every account and role (concurrently, paced to the portal's rate limit, cached for \
      an instant start). --filter uses the picker's fuzzy matcher: "payadm" finds Payments … \
      AdministratorAccess.
      """,
      ["list", "--filter", "payadm"], allowed: [0, 1])
    if listed == 1 { say("  (nothing in this organisation matches \"payadm\")") }

    if (try? CursesTerminal.checkAvailable()) != nil {
      say("")
      say("Press Enter to open the picker (Ctrl-C ends the demo).")
      Self.waitForEnter()
      let picked = try await step(
        """
        The picker. Type to search account name, id, e-mail and role; ↑/↓ to move; Enter \
        writes a profile for the role and prints its name; ? shows every key; Esc leaves.
        """,
        ["pick"], allowed: [0, 1, 130])
      if picked != 0 { say("  Nothing chosen.") }
    } else if let account = organisation.accounts.first(where: { !$0.roles.isEmpty }),
      let role = account.roles.first
    {
      say("")
      say(
        Self.wrapped(
          "There is no terminal here, so the picker is skipped (it needs one). What Enter "
            + "does in the picker, without it:", first: "", rest: ""))
      try await step(
        "Write a profile for one role and print what to export.",
        ["export", "--account", account.accountId, "--role", role, "--as-profile", "--shell", "sh"])
    }
  }

  /// Narrates `what`, shows the command, runs it in this process; returns its exit status,
  /// which must be in `allowed`.
  @discardableResult
  private func step(_ what: String, _ arguments: [String], allowed: Set<Int32> = [0])
    async throws -> Int32
  {
    say("")
    say(Self.wrapped(what, first: "▸ ", rest: "  "))
    say("  $ " + (["ssopick"] + arguments).map(Self.shown).joined(separator: " "))
    let status = try await Self.ssopick(arguments)
    guard allowed.contains(status) else {
      throw DemoError(
        description: "ssopick demo: `ssopick \(arguments.first ?? "")` ended with status "
          + "\(status); the demo stops here.")
    }
    return status
  }

  /// Runs `ssopick ARGUMENTS` in this process and returns its exit status (0 when it
  /// returned, the status it asked for otherwise). Other errors propagate.
  private static func ssopick(_ arguments: [String]) async throws -> Int32 {
    var command = try SSOPick.parseAsRoot(arguments)
    do {
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      return 0
    } catch let exit as ExitCode {
      return exit.rawValue
    }
  }

  // MARK: What was written

  private func showWritten(home: String) {
    var lines = ["", "What was written, and where:"]
    let config = home + "/.aws/config"
    if let text = try? String(contentsOfFile: config, encoding: .utf8) {
      lines.append("  \(config) — the sso-session and the profiles:")
      lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
    }
    for (folder, what) in [
      (home + "/.aws/sso/cache", "the sign-in, in the AWS CLI v2's format (secret: not shown):"),
      (home + "/.cache/ssopick", "ssopick's catalog and recent choices, for an instant start:"),
    ] {
      let files = Self.files(under: folder)
      guard !files.isEmpty else { continue }
      lines.append("  \(folder)")
      lines.append("  — " + what)
      lines += files.map { "    " + $0 }
    }
    lines.append("")
    lines.append(
      Self.wrapped(
        "With your own organisation: `ssopick configure` once (your start URL and region), "
          + "then `ssopick` to pick, `export AWS_PROFILE=$(ssopick)` in a shell, "
          + "`eval \"$(ssopick --export)\"` for keys, `ssopick --help` for the rest.",
        first: "", rest: ""))
    say(lines.joined(separator: "\n"))
  }

  /// The files under `folder` (relative paths, with their modes), sorted.
  private static func files(under folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let path = folder + "/" + relative
      var info = stat()
      let name = relative.split(separator: "/").last ?? ""
      guard !name.hasPrefix("."), stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG
      else { continue }
      found.append(relative + "  (mode " + String(info.st_mode & 0o777, radix: 8) + ")")
    }
    return found.sorted()
  }

  /// Waits until the user presses Enter on the terminal.
  private static func waitForEnter() {
    guard let terminal = FileHandle(forReadingAtPath: "/dev/tty") else { return }
    defer { try? terminal.close() }
    while true {
      let data = terminal.availableData
      if data.isEmpty || data.contains(0x0A) || data.contains(0x0D) { return }
    }
  }

  // MARK: Set-up and clean-up

  /// A new private folder for the demo's home.
  private static func makeHome() throws -> String {
    let base =
      ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "/tmp"
    var template = Array((base + "/ssopick-demo-XXXXXX").utf8CString)
    guard
      let made = template.withUnsafeMutableBufferPointer({ buffer in
        buffer.baseAddress.flatMap { mkdtemp($0) }
      })
    else {
      throw DemoError(
        description: "ssopick demo: cannot create a temporary folder in \(base): "
          + String(cString: strerror(errno)))
    }
    let home = String(cString: made)
    try FileManager.default.createDirectory(
      atPath: home + "/.aws", withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    return home
  }

  /// Points every ssopick command run afterwards in this process at the fake and the
  /// temporary home, and away from anything of the user's that could interfere.
  private static func pointEnvironment(at url: URL, home: String) {
    for name in [
      "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
      "AWS_ENDPOINT_URL", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "XDG_CACHE_HOME",
      "SSOPICK_PROFILE_TEMPLATE", "SSOPICK_CATALOG_MAX_AGE", "BROWSER",
    ] {
      unsetenv(name)
    }
    setenv("HOME", home, 1)
    setenv("AWS_ENDPOINT_URL_SSO", url.absoluteString, 1)
    setenv("AWS_ENDPOINT_URL_SSO_OIDC", url.absoluteString, 1)
    // A proxy from the user's environment must not catch loopback requests.
    for name in ["NO_PROXY", "no_proxy"] {
      let current = ProcessInfo.processInfo.environment[name] ?? ""
      setenv(name, current.isEmpty ? "127.0.0.1,localhost" : current + ",127.0.0.1,localhost", 1)
    }
  }

  private func finish(center: FakeIdentityCenter, home: String) async {
    await center.stop()
    if keep {
      say(
        """

        The demo home is kept: \(home)
        (the demo server has stopped, so the sign-in stored there no longer works).
        """)
    } else {
      try? FileManager.default.removeItem(atPath: home)
      say("\nThe demo home has been removed (`ssopick demo --keep` keeps it).")
    }
  }

  // MARK: Narration

  private func say(_ text: String) {
    StandardError.write(text)
  }

  /// `text` wrapped at 88 columns, the first line starting with `first`, the others with
  /// `rest`.
  static func wrapped(_ text: String, first: String, rest: String) -> String {
    var lines: [String] = []
    var line = first
    var empty = true
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      if !empty, line.count + 1 + word.count > 88 {
        lines.append(line)
        line = rest
        empty = true
      }
      line += (empty ? "" : " ") + word
      empty = false
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// `word` as a person would type it in a POSIX shell.
  private static func shown(_ word: String) -> String {
    let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,".contains($0) }
    return plain && !word.isEmpty
      ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}

/// Something in the demo failed; the message says what.
struct DemoError: Error, CustomStringConvertible {
  var description: String
}
