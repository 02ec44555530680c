import Foundation

/// Decides whether this machine can show a browser and opens URLs in it.
///
/// Order (issue #4): `BROWSER` (a command; `%s` is replaced by the URL, else the URL is
/// appended), then `open` on macOS, `wslview` or `cmd.exe` on WSL, `xdg-open` on Linux. The
/// command is run directly, never through a shell, with its output sent to /dev/null so it
/// cannot disturb the terminal or stdout.
public struct BrowserLauncher: Sendable {
  /// The environment (`BROWSER`, `DISPLAY`, `SSH_*`, `CI`, `PATH`, WSL variables).
  public var environment: Environment
  /// Whether this is macOS.
  public var isMacOS: Bool
  /// Whether a file exists (injected for tests).
  public var fileExists: @Sendable (String) -> Bool

  /// A launcher for this machine.
  public init(environment: Environment) {
    #if os(macOS)
      let isMacOS = true
    #else
      let isMacOS = false
    #endif
    self.init(environment: environment, isMacOS: isMacOS) {
      FileManager.default.fileExists(atPath: $0)
    }
  }

  /// A launcher with explicit facts (tests).
  public init(
    environment: Environment, isMacOS: Bool, fileExists: @escaping @Sendable (String) -> Bool
  ) {
    self.environment = environment
    self.isMacOS = isMacOS
    self.fileExists = fileExists
  }

  /// Why there is no usable browser here, or `nil` when there is one. Used to fall back to
  /// the device-code flow, which works from any other device.
  public var headlessReason: String? {
    if environment.nonEmpty("BROWSER") != nil { return nil }
    if let ci = environment.nonEmpty("CI"), ci.lowercased() != "false", ci != "0" {
      return "running in CI"
    }
    if ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"].contains(where: {
      environment.nonEmpty($0) != nil
    }) {
      return "connected over SSH"
    }
    if isMacOS { return nil }
    if isContainer { return "in a container" }
    if isWSL {
      return wslCommand == nil ? "WSL without wslview or cmd.exe" : nil
    }
    if environment.nonEmpty("DISPLAY") == nil, environment.nonEmpty("WAYLAND_DISPLAY") == nil {
      return "no DISPLAY or WAYLAND_DISPLAY"
    }
    return find("xdg-open") == nil ? "xdg-open is not installed" : nil
  }

  /// The command line that would open `url`, or `nil` when there is none.
  public func command(for url: String) -> [String]? {
    if let browser = environment.nonEmpty("BROWSER") {
      // BROWSER may list several commands separated by ':'; the first is used.
      let first = browser.split(separator: ":", omittingEmptySubsequences: true).first.map(
        String.init)
      guard let first, let words = try? ShellWords.split(first), !words.isEmpty else { return nil }
      if words.contains(where: { $0.contains("%s") }) {
        return words.map { $0.replacingOccurrences(of: "%s", with: url) }
      }
      return words + [url]
    }
    if isMacOS { return ["/usr/bin/open", url] }
    if isWSL, let wsl = wslCommand {
      if wsl.hasSuffix("cmd.exe") {
        // cmd.exe parses & | < > ^ itself; ^ escapes them. `start ""` takes a window title.
        return [wsl, "/c", "start", "\"\"", Self.escapeForCmd(url)]
      }
      return [wsl, url]
    }
    return find("xdg-open").map { [$0, url] }
  }

  /// Opens `url` in the background. Returns `false` when no command exists or it could not
  /// be started; the caller always prints the URL as well.
  @discardableResult
  public func open(_ url: String) -> Bool {
    guard let arguments = command(for: url), let executable = arguments.first,
      let path = executable.contains("/") ? executable : find(executable)
    else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = Array(arguments.dropFirst())
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return false
    }
    return true
  }

  private var isWSL: Bool {
    environment.nonEmpty("WSL_DISTRO_NAME") != nil || environment.nonEmpty("WSL_INTEROP") != nil
      || fileExists("/proc/sys/fs/binfmt_misc/WSLInterop")
  }

  private var isContainer: Bool {
    environment.nonEmpty("container") != nil || fileExists("/.dockerenv")
      || fileExists("/run/.containerenv")
  }

  private var wslCommand: String? {
    find("wslview") ?? find("cmd.exe")
      ?? (fileExists("/mnt/c/Windows/System32/cmd.exe") ? "/mnt/c/Windows/System32/cmd.exe" : nil)
  }

  /// The full path of `program` on `PATH`, if it is there.
  func find(_ program: String) -> String? {
    let path = environment.nonEmpty("PATH") ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let candidate = "\(folder)/\(program)"
      if fileExists(candidate) { return candidate }
    }
    return nil
  }

  static func escapeForCmd(_ url: String) -> String {
    var escaped = ""
    for character in url {
      if "&|<>^()%!\"".contains(character) { escaped.append("^") }
      escaped.append(character)
    }
    return escaped
  }
}
