public import FakeIdentityCenter
import Foundation
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ssopick demo`: the real use cases, run one after the other as a newcomer would type the
/// commands — against a fake IAM Identity Center on loopback and in a temporary home, so
/// nothing of the user's is read or changed and nothing reaches AWS.
///
/// Steps: `configure` (an sso-session for the fake), `login` (device code, which the fake
/// approves at once), `list --filter`, then the picker when there is a terminal (otherwise
/// `export --as-profile` for one role), and finally what was written, and where. The
/// narration goes to stderr; the commands' own output goes where it always does. The
/// commands run with a context whose environment points at the fake and the temporary
/// home: the process environment is never changed.
public struct DemoUseCase: Sendable {
  /// The fake's options (the demo organisation unless the user chose another).
  public var options: FakeIdentityCenter.Options
  /// Keep the temporary home at the end.
  public var keep: Bool

  /// The demo's sso-session.
  public static let sessionName = "demo"
  /// Its start URL (the fake accepts any).
  public static let startURL = "https://d-9067a1b2c3.awsapps.com/start"
  /// Its region.
  public static let region = "eu-central-1"

  /// `--saml`: the SAML flow (the fake Entra IdP, a stand-in browser) instead of Identity
  /// Center.
  public var saml: Bool

  /// Creates the demo.
  public init(options: FakeIdentityCenter.Options, keep: Bool, saml: Bool = false) {
    self.options = options
    self.keep = keep
    self.saml = saml
  }

  /// Runs the demo.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let center = try FakeIdentityCenter(options: options)
    let url = try await center.start()
    let home: String
    do {
      home = try Self.makeHome(environment: context.environment)
    } catch {
      await center.stop()
      throw error
    }
    let demo = context.with(
      environment: Self.environment(context.environment, url: url, home: home))
    let organisation = center.organisation
    say("ssopick demo\n", in: context)
    say(
      Self.wrapped(
        "A fake IAM Identity Center is serving a demo organisation "
          + "(\(organisation.accounts.count) accounts, \(organisation.roleCount) roles) on "
          + "\(url.absoluteString). Everything happens in a temporary home, \(home): your own "
          + "~/.aws is not read or changed, and nothing reaches AWS.", first: "  ", rest: "  "),
      in: context)
    do {
      if saml {
        try await samlSteps(center: center, in: demo.with(browser: StandInSAMLBrowser()))
      } else {
        try await steps(organisation: organisation, in: demo)
      }
      showWritten(home: home, in: context)
    } catch {
      await finish(center: center, home: home, in: context)
      throw error
    }
    await finish(center: center, home: home, in: context)
    return .success
  }

  // MARK: The steps

  private func samlSteps(center: FakeIdentityCenter, in context: CommandContext) async throws {
    guard let idp = center.samlIdPURL()?.absoluteString else {
      throw DemoError(description: "ssopick demo: the fake SAML IdP has no address.")
    }
    let tenant = FakeIdentityCenter.Options.SAML.demoTenantID
    let app = FakeIdentityCenter.Options.SAML.demoAppIdentifier
    let profile = "demo-saml"
    say(
      Self.wrapped(
        "This is the SAML mode, for companies that federate Entra ID straight into each AWS "
          + "account (the \"AWS Single-Account Access\" gallery app). A fake Entra IdP plays "
          + "Microsoft's part, and a stand-in plays your browser.", first: "  ", rest: "  "),
      in: context)
    try await step(
      "Describe the sign-in once: a profile with aws-azure-login's keys in ~/.aws/config.",
      [
        "saml", "configure", "--profile", profile, "--tenant", tenant, "--app-id-uri", app,
        "--idp-url", idp, "--region", Self.region,
      ], in: context
    ) {
      try await SAMLConfigureUseCase(
        SAMLProfileWriter.Request(
          name: profile, tenantID: tenant, appIDURI: app, region: Self.region, idpURL: idp)
      ).run(in: $0)
    }
    // The assertion carries account ids only: an alias table names them.
    let aliases = center.organisation.accounts.prefix(8).map {
      "\($0.accountId) = \($0.accountName ?? $0.accountId)"
    }
    if let bytes = try? AtomicFile.read(context.environment.expandingTilde("~/.aws/config")) {
      let text =
        String(decoding: bytes, as: UTF8.self) + "\n[ssopick-aliases]\n"
        + aliases.joined(separator: "\n") + "\n"
      try AtomicFile.write(
        Array(text.utf8), to: context.environment.expandingTilde("~/.aws/config"))
      say("", in: context)
      say(
        Self.wrapped(
          "The assertion names accounts by id only; an [ssopick-aliases] section in "
            + "~/.aws/config names them (else ssopick takes the names from an Identity Center "
            + "catalog it has, else shows the id).", first: "▸ ", rest: "  "), in: context)
    }
    let picker = (try? context.pickerTerminal.checkAvailable()) != nil
    let admin = "arn:aws:iam::210987654321:role/AdministratorAccess"
    if picker {
      say("", in: context)
      say("Press Enter to sign in and open the picker (Ctrl-C ends the demo).", in: context)
      Self.waitForEnter()
    }
    try await step(
      """
      Sign in. ssopick listens on localhost, sends your browser to the IdP with a SAML \
      request, and takes the answer the browser posts back: MFA and Conditional Access happen \
      in the browser, nothing scrapes the IdP's pages. Then a role of the assertion is \
      assumed and its keys written into ~/.aws/credentials under the profile's name, as \
      aws-azure-login writes them.
      """,
      ["saml", "login", "--profile", profile] + (picker ? [] : ["--role", admin]), in: context
    ) {
      try await SAMLLoginUseCase(.init(profile: profile, role: picker ? nil : admin)).run(in: $0)
    }
    try await step(
      "Who am I? The keys in ~/.aws/credentials, asked of STS.",
      ["whoami", "--profile", profile], in: context
    ) {
      try await WhoamiUseCase(profile: profile).run(in: $0)
    }
  }

  private func steps(organisation: Organisation, in context: CommandContext) async throws {
    try await step(
      "Describe the sign-in once: an [sso-session] in ~/.aws/config.",
      [
        "configure", "--session", Self.sessionName, "--start-url", Self.startURL, "--region",
        Self.region,
      ], in: context
    ) {
      try await ConfigureUseCase(
        .init(session: Self.sessionName, startURL: Self.startURL, region: Self.region)
      ).run(in: $0)
    }
    try await step(
      """
      Sign in. On a desktop ssopick opens the browser (PKCE); here the device-code flow is \
      shown, and the demo server approves the code after a moment. The token lands in the AWS CLI's \
      cache, so the AWS CLI and every SDK use it too.
      """,
      ["login", "--use-device-code", "--no-browser"], in: context
    ) {
      try await LoginUseCase(flow: .deviceCode, openBrowser: false).run(in: $0)
    }
    let listed = try await step(
      """
      List every account and role (concurrently, paced to the portal's rate limit, cached for \
      an instant start). --filter uses the picker's fuzzy matcher: "payadm" finds Payments … \
      AdministratorAccess.
      """,
      ["list", "--filter", "payadm"], allowed: [.success, .nothing], in: context
    ) {
      try await ListUseCase(.init(filter: "payadm")).run(in: $0)
    }
    if listed == .nothing {
      say("  (nothing in this organisation matches \"payadm\")", in: context)
    }

    if (try? context.pickerTerminal.checkAvailable()) != nil {
      say("", in: context)
      say("Press Enter to open the picker (Ctrl-C ends the demo).", in: context)
      Self.waitForEnter()
      let picked = try await step(
        """
        The picker. Type to search account name, id, e-mail and role; ↑/↓ to move; Enter \
        writes a profile for the role and prints its name; ? shows every key; Esc leaves.
        """,
        ["pick"], allowed: [.success, .nothing, .cancelled], in: context
      ) {
        try await PickerUseCase(
          .init(
            action: .writeProfile(
              ProfileTarget(naming: .template(try ProfileNameTemplate())), printAs: nil))
        ).run(in: $0)
      }
      if picked != .success { say("  Nothing chosen.", in: context) }
    } else if let account = organisation.accounts.first(where: { !$0.roles.isEmpty }),
      let role = account.roles.first
    {
      say("", in: context)
      say(
        Self.wrapped(
          "There is no terminal here, so the picker is skipped (it needs one). What Enter "
            + "does in the picker, without it:", first: "", rest: ""), in: context)
      try await step(
        "Write a profile for one role and print what to export.",
        [
          "export", "--account", account.accountId, "--role", role, "--as-profile", "--shell", "sh",
        ],
        in: context
      ) {
        try await RoleUseCase(
          role: RoleRequest(account: account.accountId, role: role),
          action: .writeProfile(
            ProfileTarget(naming: .template(try ProfileNameTemplate())), printAs: .posix),
          commandLine: "ssopick export", commandName: "ssopick export"
        ).run(in: $0)
      }
    }
    if let account = organisation.accounts.first(where: { !$0.roles.isEmpty }),
      let role = account.roles.first
    {
      // The profile `export --as-profile` writes for the first role (made again if the
      // picker ran instead), then STS says whose it is.
      let name = try ProfileNameTemplate().name(
        account: AccountInfo(
          accountID: account.accountId, accountName: account.accountName ?? account.accountId,
          emailAddress: account.emailAddress ?? ""),
        roleName: role,
        session: SSOSession(name: Self.sessionName, startURL: Self.startURL, region: Self.region))
      try await step(
        """
        Who am I? STS answers for the profile's credentials; ssopick adds the account's name,         the permission set and the time left (the demo server answers STS too).
        """,
        ["whoami", "--profile", name], in: context
      ) { context in
        let quiet = context.with(
          console: Console(output: NullSink(), messages: NullSink(), prompts: NullSink()))
        _ = try await RoleUseCase(
          role: RoleRequest(account: account.accountId, role: role),
          action: .writeProfile(
            ProfileTarget(naming: .name(name)), printAs: nil),
          commandLine: "ssopick export", commandName: "ssopick export"
        ).run(in: quiet)
        return try await WhoamiUseCase(profile: name).run(in: context)
      }
    }
  }

  /// Narrates `what`, shows the command, runs it; returns its exit status, which must be
  /// in `allowed`.
  @discardableResult
  private func step(
    _ what: String, _ arguments: [String], allowed: Set<ExitStatus> = [.success],
    in context: CommandContext, _ body: (CommandContext) async throws -> ExitStatus
  ) async throws -> ExitStatus {
    say("", in: context)
    say(Self.wrapped(what, first: "▸ ", rest: "  "), in: context)
    say("  $ " + (["ssopick"] + arguments).map(Self.shown).joined(separator: " "), in: context)
    let status = try await body(context)
    guard allowed.contains(status) else {
      throw DemoError(
        description: "ssopick demo: `ssopick \(arguments.first ?? "")` ended with status "
          + "\(status); the demo stops here.")
    }
    return status
  }

  // MARK: What was written

  private func showWritten(home: String, in context: CommandContext) {
    var lines = ["", "What was written, and where:"]
    let config = home + "/.aws/config"
    if let bytes = try? AtomicFile.read(config) {
      let text = String(decoding: bytes, as: UTF8.self)
      lines.append("  \(config) — the sso-session and the profiles:")
      lines += text.split(separator: "\n", omittingEmptySubsequences: false).map {
        "    " + UntrustedText.escaped(String($0))
      }
    }
    let credentials = home + "/.aws/credentials"
    if let bytes = try? AtomicFile.read(credentials) {
      lines.append("  \(credentials) — the role's keys (secrets not shown):")
      for line in String(decoding: bytes, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      {
        let key = line.split(separator: "=").first?.trimmingCharacters(in: .whitespaces) ?? ""
        let secret = ["aws_secret_access_key", "aws_session_token"].contains(key)
        lines.append("    " + (secret ? key + " = (secret)" : UntrustedText.escaped(String(line))))
      }
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
        saml
          ? "With your own tenant: `ssopick saml configure --profile P --tenant TENANT "
            + "--app-id-uri URI` once (aws-azure-login's profiles work as they are), then "
            + "`ssopick saml login --profile P`; the README's \"SAML\" section has the two "
            + "one-time admin changes for the loopback mode, and the paste mode without them."
          : "With your own organisation: `ssopick configure` once (your start URL and region), "
            + "then `ssopick` to pick, `export AWS_PROFILE=$(ssopick)` in a shell, "
            + "`eval \"$(ssopick --export)\"` for keys, `ssopick --help` for the rest.",
        first: "", rest: ""))
    say(lines.joined(separator: "\n"), in: context)
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
  private static func makeHome(environment: Environment) throws -> String {
    let base = environment.nonEmpty("TMPDIR") ?? "/tmp"
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

  /// The commands' environment: `base` pointed at the fake and the temporary home, and away
  /// from anything of the user's that could interfere.
  static func environment(_ base: Environment, url: URL, home: String) -> Environment {
    var environment = base
    for name in [
      "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
      "AWS_ENDPOINT_URL", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "XDG_CACHE_HOME",
      "SSOPICK_PROFILE_TEMPLATE", "SSOPICK_CATALOG_MAX_AGE", "BROWSER",
    ] {
      environment[name] = nil
    }
    environment["HOME"] = home
    environment["AWS_ENDPOINT_URL_SSO"] = url.absoluteString
    environment["AWS_ENDPOINT_URL_SSO_OIDC"] = url.absoluteString
    environment["AWS_ENDPOINT_URL_STS"] = url.absoluteString
    // A proxy from the user's environment must not catch loopback requests.
    for name in ["NO_PROXY", "no_proxy"] {
      let current = base.nonEmpty(name)
      environment[name] = current.map { $0 + ",127.0.0.1,localhost" } ?? "127.0.0.1,localhost"
    }
    return environment
  }

  private func finish(center: FakeIdentityCenter, home: String, in context: CommandContext) async {
    await center.stop()
    if keep {
      say(
        """

        The demo home is kept: \(home)
        (the demo server has stopped, so the sign-in stored there no longer works).
        """, in: context)
    } else {
      try? FileManager.default.removeItem(atPath: home)
      say("\nThe demo home has been removed (`ssopick demo --keep` keeps it).", in: context)
    }
  }

  // MARK: Narration

  private func say(_ text: String, in context: CommandContext) {
    context.console.say(text)
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
public struct DemoError: Error, Sendable, CustomStringConvertible {
  /// What failed.
  public var description: String
}
