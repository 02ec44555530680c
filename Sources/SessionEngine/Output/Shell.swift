/// The shell syntaxes ssopick prints environment variables in.
///
/// Which one is used: `--shell NAME` when given; otherwise the last path component of
/// `$SHELL` (`bash`, `zsh`, `sh`, `dash`, `ksh`, `mksh`, `ash`, `busybox` → POSIX; `fish`;
/// `pwsh`/`powershell`); otherwise, when `SHELL` is unset but `PSModulePath` is set (native
/// Windows consoles, where PowerShell is the default), PowerShell; otherwise POSIX `sh`.
/// A `$SHELL` ssopick has no syntax for (`tcsh`, `nu`, …) is an error that asks for
/// `--shell`, because guessing would print lines that shell cannot run.
///
/// `$SHELL` is the *login* shell: someone who starts `fish` from `bash` (or `pwsh` on
/// Linux, where `$SHELL` stays `/bin/bash`) passes `--shell`.
public enum Shell: String, Sendable, CaseIterable, CustomStringConvertible {
  /// `sh`, `bash`, `zsh`, `ksh`, `dash`: `export NAME='value'`, `unset NAME`.
  case posix
  /// fish: `set -gx NAME 'value'`, `set -e NAME`.
  case fish
  /// PowerShell (Windows PowerShell 5 and pwsh 7): `$Env:NAME = 'value'`.
  case powershell
  /// Windows `cmd.exe` batch syntax: `@set NAME=value`.
  case cmd

  /// The names `--shell` accepts, in help order.
  public static let acceptedNames = ["sh", "bash", "zsh", "fish", "powershell", "pwsh", "cmd"]

  /// The shell a name (as in `--shell NAME` or the last component of `$SHELL`) stands for,
  /// or `nil` for a shell ssopick has no syntax for.
  public init?(name: String) {
    switch name.lowercased() {
    case "sh", "bash", "zsh", "ksh", "ksh93", "mksh", "dash", "ash", "busybox", "posix":
      self = .posix
    case "fish": self = .fish
    case "powershell", "pwsh", "powershell.exe", "pwsh.exe": self = .powershell
    case "cmd", "cmd.exe": self = .cmd
    default: return nil
    }
  }

  /// The shell to print for when `--shell` was not given (see the type's documentation).
  public static func detect(environment: Environment) throws(OutputError) -> Shell {
    if let login = environment.nonEmpty("SHELL") {
      let name = login.split(separator: "/").last.map(String.init) ?? login
      guard let shell = Shell(name: name) else {
        throw .unsupportedShell(name: name, fromEnvironment: true)
      }
      return shell
    }
    if environment.nonEmpty("PSModulePath") != nil { return .powershell }
    return .posix
  }

  /// The shell's name in messages.
  public var description: String {
    switch self {
    case .posix: "sh"
    case .fish: "fish"
    case .powershell: "PowerShell"
    case .cmd: "cmd"
    }
  }

  /// How a person loads ssopick's output into this shell (for hints and help).
  public func evalHint(command: String) -> String {
    switch self {
    case .posix: "eval \"$(\(command))\""
    case .fish: "\(command) | source"
    case .powershell: "\(command) | Invoke-Expression"
    case .cmd:
      "\(command) > \"%TEMP%\\ssopick-env.cmd\" && call \"%TEMP%\\ssopick-env.cmd\" "
        + "& del \"%TEMP%\\ssopick-env.cmd\""
    }
  }
}
