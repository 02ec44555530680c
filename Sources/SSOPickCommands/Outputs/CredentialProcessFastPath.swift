public import SessionEngine

/// `ssopick credential-process --session S --account ID --role R` answered from the role
/// credential cache before the command line is parsed.
///
/// The AWS SDKs run `credential_process` for every client they create, so its cost is paid
/// over and over. With a cached credential the command's own work is one small file read
/// (~0.2 ms), but building swift-argument-parser's command tree and parsing takes about
/// 2–3 ms of CPU and the async `run()` a hop to another thread (BENCHMARKS.md,
/// "credential-process"). `main` therefore tries this first: only the exact, simple form of
/// the command is recognised here, and anything else — another spelling, `--profile`, an
/// account name, `--help`, a missing or stale credential — returns `nil` and goes the
/// ordinary way, where the argument parser reports errors and the command fetches.
public enum CredentialProcessFastPath {
  /// The cache key of `arguments` (the command line after the program name) when they are
  /// `credential-process` followed by `--session`, `--account` (a 12-digit id) and `--role`,
  /// each exactly once, as `--name value` or `--name=value`, in any order, optionally with
  /// `--allow-login`, and optionally a chain (`--assume ARN`, repeated, with at most one each
  /// of `--external-id`, `--role-session-name`, `--duration`, `--mfa-serial`,
  /// `--token-code`); `nil` for anything else.
  public static func key(_ arguments: [String]) -> RoleCredentialCache.Key? {
    guard arguments.first == "credential-process" else { return nil }
    let single = [
      "--session", "--account", "--role", "--external-id", "--role-session-name", "--duration",
      "--mfa-serial", "--token-code",
    ]
    var values: [String: String] = [:]
    var assume: [String] = []
    var rest = arguments.dropFirst()
    while let argument = rest.popFirst() {
      if argument == "--allow-login" { continue }
      let name: Substring
      let value: Substring
      if let equals = argument.firstIndex(of: "=") {
        name = argument[..<equals]
        value = argument[argument.index(after: equals)...]
      } else {
        guard let next = rest.popFirst() else { return nil }
        name = argument[...]
        value = next[...]
      }
      guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
      if name == "--assume" {
        assume.append(String(value))
        continue
      }
      guard single.contains(String(name)), values[String(name)] == nil else { return nil }
      values[String(name)] = String(value)
    }
    guard let session = values["--session"], let account = values["--account"],
      let role = values["--role"], PortalDirectory.isAccountID(account),
      let chain = try? RoleChain.options(
        assume: assume, externalID: values["--external-id"],
        sessionName: values["--role-session-name"], duration: values["--duration"],
        mfaSerial: values["--mfa-serial"], tokenCode: values["--token-code"])
    else { return nil }
    return chain.steps.reduce(
      RoleCredentialCache.Key(
        accountID: account, roleName: role, sessionName: session, startURL: "")
    ) { $0.assuming(RoleChainer.link($1)) }
  }

  /// The Version 1 JSON to print for `arguments` when they are of the form ``key(_:)``
  /// recognises and the cache holds credentials valid for at least 15 more minutes (the AWS
  /// CLI's rule); `nil` otherwise.
  public static func cachedOutput(
    arguments: [String], environment: Environment, time: any TimeSource = SystemTimeSource()
  ) -> String? {
    guard let key = key(arguments),
      let directories = try? CacheDirectories(environment: environment),
      let credentials = RoleCredentialCache(directories: directories, time: time).cached(key)
    else { return nil }
    return CredentialProcessOutput.render(credentials)
  }
}
