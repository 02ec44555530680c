/// Environment-variable assignments rendered for a shell so that no value, however hostile,
/// can do anything but become the variable's value.
///
/// The picker (`--export`, `--export-profile`) and `ssopick export` build one with
/// `credentials(…)` or `profile(…)` and print `render(for:)`.
///
/// Quoting, per shell (DECISIONS.md 2026-11-21 "Shell quoting"):
/// - **POSIX** (`sh`, `bash`, `zsh`, `ksh`, `dash`): the value in single quotes, each `'`
///   written as `'\''`. Nothing is special inside single quotes in any POSIX shell — no `$`,
///   backtick, `\` or `!` (history expansion does not happen inside single quotes, nor in
///   `eval`) — and a newline is kept as part of the value.
/// - **fish**: the value in single quotes, with `\` → `\\` and `'` → `\'` (the only two
///   escapes fish knows inside single quotes); newlines are kept.
/// - **PowerShell**: every line is self-contained and pure ASCII. Printable ASCII goes in
///   single quotes with `'` doubled; every other character (line breaks, controls, and all
///   non-ASCII, including the typographic quotes ‘ ’ ‚ ‛ that PowerShell also treats as
///   single quotes) is appended as `[char]0xXXXX` (UTF-16 code units, so astral characters
///   become a surrogate pair). Self-contained lines matter because `… | Invoke-Expression`
///   runs each line separately, and ASCII matters because Windows PowerShell decodes a
///   native program's output in the console's code page, where UTF-8 bytes can turn into
///   quote characters.
/// - **cmd**: `@set NAME=value`, unquoted, for a batch file run with `call` (the `@` keeps
///   the line, and so the secret, from being echoed). `%` is doubled (percent expansion
///   happens first, even inside quotes), and `^ & | < > ( ) "` are each preceded by `^`, so
///   the parser sees no operator and no quote. cmd cannot hold a line break in a `set`
///   line, and in double-byte code pages a non-ASCII byte can swallow the `^` after it, so
///   values must be printable ASCII; informational values (the account name) have other
///   characters replaced by `?`, any other value is refused. An empty value removes the
///   variable (cmd has no empty variables). With delayed expansion on (`cmd /v:on`), `!`
///   would still expand `!NAME!` inside a value; that can change the value but cannot run
///   anything, because operators are recognised before that expansion. cmd was not
///   available to test against: these rules are checked by unit tests against a written
///   model of cmd's parser (`Tests/SessionEngineTests/Output/CmdParserModel.swift`).
///
/// Variable names must be `[A-Za-z_][A-Za-z0-9_]*`; values may not contain NUL (no
/// environment can hold it).
public struct ShellExport: Sendable, Equatable {
  /// One assignment or removal.
  public struct Line: Sendable, Equatable {
    /// The variable's name.
    public var name: String
    /// The value, or `nil` to remove the variable.
    public var value: String?
    /// Whether the value is only for display (shell prompts): a shell that cannot hold some
    /// of its characters gets `?` instead of an error.
    public var informational: Bool

    /// Sets `name` to `value`.
    public static func set(_ name: String, _ value: String, informational: Bool = false) -> Line {
      Line(name: name, value: value, informational: informational)
    }

    /// Removes `name` from the environment.
    public static func unset(_ name: String) -> Line {
      Line(name: name, value: nil, informational: false)
    }
  }

  /// The lines, in output order.
  public var lines: [Line]

  /// Creates an export of `lines`.
  public init(lines: [Line]) {
    self.lines = lines
  }

  /// The variables that carry credentials; `profile(…)` removes them so that stale keys
  /// from an earlier export cannot win over the profile.
  public static let credentialVariables = [
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
  ]

  /// The region variables `credentials(…)` sets when a region is known.
  public static let regionVariables = ["AWS_REGION", "AWS_DEFAULT_REGION"]

  /// The variables for shell prompts (README, "Shell integration"): the account's id and
  /// name, the role, the sso-session's name and, for keys, when they expire.
  public static let promptVariables = [
    "SSOPICK_ACCOUNT_ID", "SSOPICK_ACCOUNT_NAME", "SSOPICK_ROLE_NAME", "SSOPICK_SESSION",
    "SSOPICK_EXPIRATION",
  ]

  /// Role credentials as the AWS SDKs read them from the environment: the keys, the session
  /// token, `AWS_CREDENTIAL_EXPIRATION` (ISO 8601, `+00:00`, as `aws configure
  /// export-credentials` prints it), `AWS_REGION` and `AWS_DEFAULT_REGION` when `region`
  /// is known, `AWS_PROFILE` removed (some SDKs would prefer the profile over the keys), and
  /// for shell prompts `SSOPICK_ACCOUNT_ID`, `SSOPICK_ACCOUNT_NAME`, `SSOPICK_ROLE_NAME`,
  /// `SSOPICK_SESSION` (the sso-session's name; removed when there is none, as for a legacy
  /// profile or SAML) and `SSOPICK_EXPIRATION` (the same instant as
  /// `AWS_CREDENTIAL_EXPIRATION`).
  public static func credentials(
    _ credentials: RoleCredentials, account: AccountInfo, roleName: String, region: String?,
    session: String? = nil
  ) -> ShellExport {
    let expiration = AWSTimestamp.formatWithOffset(credentials.expiration)
    var lines: [Line] = [
      .set("AWS_ACCESS_KEY_ID", credentials.accessKeyID),
      .set("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey),
      .set("AWS_SESSION_TOKEN", credentials.sessionToken),
      .set("AWS_CREDENTIAL_EXPIRATION", expiration),
    ]
    if let region, !region.isEmpty {
      lines += regionVariables.map { .set($0, region) }
    }
    lines.append(.unset("AWS_PROFILE"))
    lines += promptLines(
      account: account, roleName: roleName, session: session, expiration: expiration)
    return ShellExport(lines: lines)
  }

  /// Selects a profile: `AWS_PROFILE=name`, the credential variables removed (keys in the
  /// environment would win over the profile), and the `SSOPICK_*` prompt variables, with
  /// `SSOPICK_EXPIRATION` removed: the SDKs get and renew the credentials through the
  /// profile themselves, so no expiry of keys applies (DECISIONS.md 2026-12-04 "The shell
  /// function"). No secrets.
  public static func profile(
    _ name: String, account: AccountInfo, roleName: String, session: String? = nil
  ) -> ShellExport {
    var lines: [Line] = [.set("AWS_PROFILE", name)]
    lines += credentialVariables.map(Line.unset)
    lines += promptLines(account: account, roleName: roleName, session: session, expiration: nil)
    return ShellExport(lines: lines)
  }

  /// Removes everything `credentials(…)` and `profile(…)` set: `AWS_PROFILE`, the credential
  /// and region variables and the `SSOPICK_*` prompt variables (the shell function's
  /// `--unset`).
  public static func clear() -> ShellExport {
    ShellExport(
      lines: (["AWS_PROFILE"] + credentialVariables + regionVariables + promptVariables).map(
        Line.unset))
  }

  /// The variables that would win over a credentials endpoint in the SDKs' credential chain
  /// (botocore's order: environment keys, then the profile's own credentials — a profile
  /// chosen by `AWS_PROFILE`/`AWS_DEFAULT_PROFILE` — then web identity, and only then the
  /// container endpoint, where `…_RELATIVE_URI` wins over `…_FULL_URI` and
  /// `…_TOKEN_FILE` over `…_TOKEN`). ``endpoint(url:token:)`` removes them.
  public static let endpointRivals = [
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
  ]

  /// A credentials endpoint (`ssopick serve`, `exec --refresh`) as the SDKs find it:
  /// `AWS_CONTAINER_CREDENTIALS_FULL_URI` and `AWS_CONTAINER_AUTHORIZATION_TOKEN`, with every
  /// variable that would win over them removed (``endpointRivals``).
  public static func endpoint(url: String, token: String) -> ShellExport {
    ShellExport(
      lines: [
        .set("AWS_CONTAINER_CREDENTIALS_FULL_URI", url),
        .set("AWS_CONTAINER_AUTHORIZATION_TOKEN", token),
      ] + endpointRivals.map(Line.unset))
  }

  /// These lines plus `AWS_REGION`/`AWS_DEFAULT_REGION` when `region` is known and the
  /// `SSOPICK_*` prompt variables for the role (no `SSOPICK_EXPIRATION`: the endpoint renews
  /// the keys) — what `exec --refresh` adds to ``endpoint(url:token:)`` for its command.
  public func addingRole(
    account: AccountInfo, roleName: String, region: String?, session: String? = nil
  ) -> ShellExport {
    var lines = lines
    if let region, !region.isEmpty {
      lines += [.set("AWS_REGION", region), .set("AWS_DEFAULT_REGION", region)]
    }
    return ShellExport(
      lines: lines
        + Self.promptLines(
          account: account, roleName: roleName, session: session, expiration: nil))
  }

  private static func promptLines(
    account: AccountInfo, roleName: String, session: String?, expiration: String?
  ) -> [Line] {
    var lines: [Line] = [
      .set("SSOPICK_ACCOUNT_ID", account.accountID),
      .set("SSOPICK_ACCOUNT_NAME", account.accountName, informational: true),
      .set("SSOPICK_ROLE_NAME", roleName),
    ]
    if let session, !session.isEmpty {
      lines.append(.set("SSOPICK_SESSION", session, informational: true))
    } else {
      lines.append(.unset("SSOPICK_SESSION"))
    }
    lines.append(expiration.map { .set("SSOPICK_EXPIRATION", $0) } ?? .unset("SSOPICK_EXPIRATION"))
    return lines
  }

  /// The lines in `shell`'s syntax, each ending with a line break (`\r\n` for cmd).
  public func render(for shell: Shell) throws(OutputError) -> String {
    var output = ""
    for line in lines {
      try Self.checkName(line.name)
      if let value = line.value, value.unicodeScalars.contains("\u{0}") {
        throw .unrepresentableValue(variable: line.name, shell: shell, reason: "it contains NUL")
      }
      switch shell {
      case .posix: output += Self.posix(line) + "\n"
      case .fish: output += Self.fish(line) + "\n"
      case .powershell: output += Self.powershell(line) + "\n"
      case .cmd: output += try Self.cmd(line) + "\r\n"
      }
    }
    return output
  }

  // MARK: - Per shell

  static func posix(_ line: Line) -> String {
    guard let value = line.value else { return "unset \(line.name)" }
    return "export \(line.name)=\(posixQuoted(value))"
  }

  /// `value` in POSIX single quotes.
  public static func posixQuoted(_ value: String) -> String {
    // Scalars, not Characters: a combining mark after `'` forms one Character with it.
    var quoted = "'"
    for scalar in value.unicodeScalars {
      if scalar == "'" { quoted += "'\\''" } else { quoted.unicodeScalars.append(scalar) }
    }
    return quoted + "'"
  }

  static func fish(_ line: Line) -> String {
    guard let value = line.value else { return "set -e \(line.name)" }
    var quoted = "'"
    for scalar in value.unicodeScalars {
      if scalar == "\\" || scalar == "'" { quoted.unicodeScalars.append("\\") }
      quoted.unicodeScalars.append(scalar)
    }
    return "set -gx \(line.name) \(quoted)'"
  }

  static func powershell(_ line: Line) -> String {
    guard let value = line.value else {
      return "Remove-Item -Path Env:\(line.name) -ErrorAction SilentlyContinue"
    }
    return "$Env:\(line.name) = \(powershellExpression(value))"
  }

  /// `value` as a PowerShell expression of pure printable ASCII: single-quoted runs joined
  /// with `[char]0xXXXX` for everything else. It always starts with a quoted string, so
  /// `+` concatenates strings.
  static func powershellExpression(_ value: String) -> String {
    var parts: [String] = []
    var run = ""
    var runOpen = false
    for unit in value.utf16 {
      if unit >= 0x20 && unit <= 0x7E {
        if unit == 0x27 {
          run += "''"
        } else {
          run.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
        }
        runOpen = true
      } else {
        if runOpen || parts.isEmpty { parts.append("'" + run + "'") }
        run = ""
        runOpen = false
        parts.append("[char]0x" + hex(unit))
      }
    }
    if runOpen || parts.isEmpty { parts.append("'" + run + "'") }
    return parts.joined(separator: " + ")
  }

  static func cmd(_ line: Line) throws(OutputError) -> String {
    guard let value = line.value else { return "@set \(line.name)=" }
    var escaped = ""
    for scalar in value.unicodeScalars {
      guard scalar.value >= 0x20 && scalar.value <= 0x7E else {
        guard line.informational else {
          throw .unrepresentableValue(
            variable: line.name, shell: .cmd,
            reason: "cmd can only hold printable ASCII safely (it has a line break, control "
              + "or non-ASCII character)")
        }
        escaped += "?"
        continue
      }
      switch scalar {
      case "%": escaped += "%%"
      case "^", "&", "|", "<", ">", "(", ")", "\"":
        escaped += "^"
        escaped.unicodeScalars.append(scalar)
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return "@set \(line.name)=\(escaped)"
  }

  private static func checkName(_ name: String) throws(OutputError) {
    let scalars = Array(name.unicodeScalars)
    let valid =
      !scalars.isEmpty
      && scalars.allSatisfy {
        $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
      }
      && !("0"..."9").contains(scalars[0])
    if !valid { throw .invalidVariableName(name) }
  }

  private static func hex(_ unit: UInt16) -> String {
    let digits = String(unit, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
  }
}
