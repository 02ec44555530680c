public import SessionEngine

/// `ssopick init bash|zsh|fish|powershell [--name NAME]`: prints a shell function (default
/// `ssp`) that runs the picker and applies the result to the shell it runs in, and its
/// completion.
///
/// How the function gets the result (DECISIONS.md 2026-12-04 "The shell function"): it runs
/// `command ssopick --shell-function SHELL ARGS…`, which prints on stdout nothing but
/// ``ShellExport`` lines for that shell (the profile by default, the keys with `--export`),
/// captures them and evaluates them only when ssopick exited 0. The picker draws on
/// `/dev/tty` and messages go to stderr, so nothing else is captured; a cancelled picker
/// (130), an error (2) or nothing chosen (1) leaves the shell as it was and the function
/// returns that status. Secrets never reach the terminal: they only pass through the
/// captured output into the shell's variables. Arguments with `--` run `exec` (not
/// captured: the command keeps the terminal), and `-h`/`--help`/`--version` are passed to
/// `ssopick pick` uncaptured, so help text is never evaluated. `NAME --unset` removes every
/// variable ssopick sets (``ShellExport/clear()``).
///
/// Completion delegates to ssopick's own (the script `scripts/generate-docs` writes, made by
/// `ssopick --generate-completion-script`), as if the line were `ssopick pick ARGS…`; it is
/// generated on the first Tab when the shell has not loaded it. PowerShell has no generated
/// script: its completer offers the picker's options as `ssopick pick
/// --experimental-dump-help` lists them.
public struct ShellInitUseCase: Sendable {
  /// The shells `init` writes a function for.
  public enum Target: String, Sendable, CaseIterable, CustomStringConvertible {
    /// bash 4+.
    case bash
    /// zsh.
    case zsh
    /// fish 3+.
    case fish
    /// PowerShell 7 (`pwsh`) and Windows PowerShell 5.
    case powershell

    /// The names `init` accepts, in help order.
    public static let acceptedNames = ["bash", "zsh", "fish", "powershell", "pwsh"]

    /// The target a name stands for, or `nil`.
    public init?(name: String) {
      switch name.lowercased() {
      case "bash": self = .bash
      case "zsh": self = .zsh
      case "fish": self = .fish
      case "powershell", "pwsh": self = .powershell
      default: return nil
      }
    }

    /// The shell's name in messages and in `--shell-function`.
    public var description: String { rawValue }

    /// The syntax of the lines the function evaluates.
    public var syntax: Shell {
      switch self {
      case .bash, .zsh: .posix
      case .fish: .fish
      case .powershell: .powershell
      }
    }

    /// The line that loads the function, for the shell's start-up file.
    public func startupLine(name: String = ShellInitUseCase.defaultName) -> String {
      let option = name == ShellInitUseCase.defaultName ? "" : " --name \(name)"
      switch self {
      case .bash, .zsh: return "eval \"$(ssopick init \(self)\(option))\""
      case .fish: return "ssopick init fish\(option) | source"
      case .powershell:
        return "ssopick init powershell\(option) | Out-String | Invoke-Expression"
      }
    }

    /// The start-up file the line goes in.
    public var startupFile: String {
      switch self {
      case .bash: "~/.bashrc"
      case .zsh: "~/.zshrc (after compinit, for completion)"
      case .fish: "~/.config/fish/config.fish"
      case .powershell: "$PROFILE"
      }
    }
  }

  /// The options.
  public struct Request: Sendable, Equatable {
    /// The shell, as given (`bash`, `zsh`, `fish`, `powershell`/`pwsh`).
    public var shell: String
    /// The function's name.
    public var name: String

    /// Creates a request.
    public init(shell: String, name: String = ShellInitUseCase.defaultName) {
      self.shell = shell
      self.name = name
    }
  }

  /// Why `init` printed nothing.
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// A shell `init` has no function for.
    case unsupportedShell(String)
    /// A name that is not a plain identifier, or one the function or the shells need.
    case invalidName(String, reason: String)

    /// What happened and what to do.
    public var description: String {
      switch self {
      case .unsupportedShell(let name):
        "ssopick init has no function for \(UntrustedText.escaped(name)); give one of "
          + "bash, zsh, fish or powershell."
      case .invalidName(let name, let reason):
        "--name \(UntrustedText.escaped(name)): \(reason); choose another, e.g. --name "
          + "\(ShellInitUseCase.defaultName)."
      }
    }
  }

  /// The function's name when `--name` is not given.
  public static let defaultName = "ssp"

  /// Words a function may not be called: keywords of bash, zsh, fish or PowerShell, the
  /// commands the functions themselves call, and `ssopick` (the function would hide the
  /// command it runs).
  static let reservedNames: Set<String> = [
    // sh, bash, zsh
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
    "done", "in", "function", "time", "coproc", "foreach", "end", "repeat", "nocorrect",
    "noglob",
    // fish
    "and", "or", "not", "begin", "switch", "break", "continue", "return", "status",
    "builtin", "command", "exec", "set", "test", "string", "count", "source", "complete",
    "functions", "argparse",
    // PowerShell
    "filter", "process", "param", "dynamicparam", "trap", "throw", "try", "catch", "finally",
    "foreach", "data", "class", "enum", "using", "exit",
    // used by the functions and their completion
    "eval", "local", "unset", "export", "declare", "typeset", "compadd", "compdef", "echo",
    "printf", "emulate", "shift", "true", "false", "ssopick",
  ]

  /// The options.
  public var request: Request

  /// Creates the use case.
  public init(_ request: Request) {
    self.request = request
  }

  /// Prints the script on stdout.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    context.console.print(try script())
    return .success
  }

  /// The script for the request's shell and name.
  public func script() throws -> String {
    guard let target = Target(name: request.shell) else {
      throw Failure.unsupportedShell(request.shell)
    }
    try Self.check(name: request.name)
    return try Self.script(for: target, name: request.name)
  }

  /// Refuses a name that is not `[A-Za-z_][A-Za-z0-9_]*` (at most 64 characters) or is
  /// reserved.
  public static func check(name: String) throws {
    let scalars = Array(name.unicodeScalars)
    func isLetter(_ scalar: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
    guard let first = scalars.first else {
      throw Failure.invalidName(name, reason: "the name is empty")
    }
    guard scalars.count <= 64 else {
      throw Failure.invalidName(name, reason: "the name is longer than 64 characters")
    }
    guard isLetter(first), scalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) })
    else {
      throw Failure.invalidName(
        name,
        reason: "a function name is letters, digits and _, not starting with a digit")
    }
    if reservedNames.contains(name.lowercased()) {
      throw Failure.invalidName(
        name,
        reason: name == "ssopick"
          ? "the function would hide the ssopick command it runs"
          : "it is a shell keyword or a command the function itself uses")
    }
  }

  /// The script for `target`, with the function called `name` (already checked).
  static func script(for target: Target, name: String) throws -> String {
    let clear = try ShellExport.clear().render(for: target.syntax)
    let separator = target == .powershell ? "'--'" : "--"
    let uses = [
      ("", "pick a role; set AWS_PROFILE in this shell"),
      (" --export", "pick a role; set its keys in this shell"),
      (" \(separator) CMD", "pick a role; run CMD with its keys"),
      (" --unset", "remove the variables ssopick set"),
    ].map { (name + $0.0, $0.1) }
    let width = uses.map(\.0.count).max() ?? 0
    let header =
      """
      # ssopick shell integration for \(target). Load it from \(target.startupFile):
      #   \(target.startupLine(name: name))

      """
      + uses.map {
        "# " + $0.0 + String(repeating: " ", count: width - $0.0.count + 3) + $0.1 + "\n"
      }
      .joined()
    switch target {
    case .bash, .zsh:
      return header + posixFunction(target, name: name, clear: clear)
        + (target == .bash ? bashCompletion(name: name) : zshCompletion(name: name))
    case .fish:
      return header + fishFunction(name: name, clear: clear)
    case .powershell:
      return header + powershellFunction(name: name, clear: clear)
    }
  }

  private static func indented(_ text: String, by prefix: String) -> String {
    text.split(separator: "\n").map { prefix + $0 + "\n" }.joined()
  }

  // MARK: - bash and zsh

  private static func posixFunction(_ target: Target, name: String, clear: String) -> String {
    """
    \(name)() {
      if [ "${1-}" = --unset ]; then
        if [ "$#" -gt 1 ]; then
          echo "\(name) --unset takes no other arguments" >&2
          return 2
        fi
    \(indented(clear, by: "    "))    return 0
      fi
      local __ssopick_word __ssopick_lines
      for __ssopick_word in "$@"; do
        case "$__ssopick_word" in
          --) command ssopick --shell-function \(target) "$@"; return ;;
          -h | --help | --version) command ssopick pick "$@"; return ;;
        esac
      done
      __ssopick_lines=$(command ssopick --shell-function \(target) "$@") || return
      eval "$__ssopick_lines"
    }

    """
  }

  private static func bashCompletion(name: String) -> String {
    """
    _ssopick_init_complete_\(name)() {
      if ! declare -F _ssopick >/dev/null; then
        eval "$(command ssopick --generate-completion-script bash 2>/dev/null)" || return
      fi
      local -a __ssopick_rest=("${COMP_WORDS[@]:1}")
      local -a COMP_WORDS=(ssopick pick "${__ssopick_rest[@]}")
      local COMP_CWORD=$((COMP_CWORD + 1))
      local COMP_LINE="ssopick pick${COMP_LINE#"$1"}"
      local COMP_POINT=$((COMP_POINT + 12 - ${#1}))
      _ssopick ssopick "$2" "${COMP_WORDS[COMP_CWORD - 1]}"
      if [ "$COMP_CWORD" -eq 2 ] && [[ --unset == "$2"* ]]; then COMPREPLY+=(--unset); fi
    }
    complete -o filenames -F _ssopick_init_complete_\(name) \(name)

    """
  }

  private static func zshCompletion(name: String) -> String {
    """
    _ssopick_init_complete_\(name)() {
      if (( ! $+functions[_ssopick] )); then
        eval "$(command ssopick --generate-completion-script zsh 2>/dev/null)" || return
      fi
      if (( CURRENT == 2 )) && [[ $PREFIX == -* ]]; then compadd -- --unset; fi
      words=(ssopick pick "${(@)words[2,-1]}")
      (( CURRENT += 1 ))
      _ssopick
    }
    if (( $+functions[compdef] )); then compdef _ssopick_init_complete_\(name) \(name); fi

    """
  }

  // MARK: - fish

  private static func fishFunction(name: String, clear: String) -> String {
    """
    function \(name) --description 'Pick an AWS role with ssopick and use it in this shell'
        if test (count $argv) -gt 0; and test "$argv[1]" = --unset
            if test (count $argv) -gt 1
                echo "\(name) --unset takes no other arguments" >&2
                return 2
            end
    \(indented(clear, by: "        "))        return 0
        end
        for __ssopick_word in $argv
            switch $__ssopick_word
                case --
                    command ssopick --shell-function fish $argv
                    return
                case -h --help --version
                    command ssopick pick $argv
                    return
            end
        end
        set -l __ssopick_lines (command ssopick --shell-function fish $argv)
        set -l __ssopick_status $status
        if test $__ssopick_status -ne 0
            return $__ssopick_status
        end
        string join \\n -- $__ssopick_lines | source
        # `set -e` of a variable that was not set is status 4: not a failure here.
        return 0
    end
    function __ssopick_init_load_completions
        # ssopick's own completions, generated once if fish has none for it yet.
        if not functions -q __ssopick_parse_tokens
            command ssopick --generate-completion-script fish 2>/dev/null | source
        end
        return 1
    end
    complete -c \(name) -n __ssopick_init_load_completions
    complete -c \(name) --wraps 'ssopick pick'
    complete -c \(name) -n 'test (count (commandline -opc)) -eq 1' -l unset \\
        -d 'Clear AWS_PROFILE, the keys and the SSOPICK_* variables'

    """
  }

  // MARK: - PowerShell

  private static func powershellFunction(name: String, clear: String) -> String {
    """
    function \(name) {
        $ssopick = Get-Command -Name ssopick -CommandType Application -ErrorAction Stop |
            Select-Object -First 1
        if ($args.Count -gt 0 -and $args[0] -ceq '--unset') {
            if ($args.Count -gt 1) {
                [Console]::Error.WriteLine('\(name) --unset takes no other arguments')
                $global:LASTEXITCODE = 2
                return
            }
    \(indented(clear, by: "        "))        $global:LASTEXITCODE = 0
            return
        }
        # PowerShell removes a bare -- from a function's arguments: write '--' (quoted).
        foreach ($word in $args) {
            if ($word -ceq '--') { & $ssopick --shell-function powershell @args; return }
            if ($word -ceq '-h' -or $word -ceq '--help' -or $word -ceq '--version') {
                & $ssopick pick @args
                return
            }
        }
        $lines = @(& $ssopick --shell-function powershell @args)
        if ($LASTEXITCODE -ne 0) { return }
        foreach ($line in $lines) { if ($line) { Invoke-Expression $line } }
    }
    Register-ArgumentCompleter -Native -CommandName \(name) -ScriptBlock {
        param($wordToComplete, $commandAst, $cursorPosition)
        if ($null -eq $global:__ssopick_init_options) {
            $exe = Get-Command -Name ssopick -CommandType Application -ErrorAction SilentlyContinue |
                Select-Object -First 1
            if (-not $exe) { return }
            $info = (& $exe pick --experimental-dump-help) -join "`n" | ConvertFrom-Json
            $global:__ssopick_init_options = @('--unset') + @(
                $info.command.arguments | Where-Object { $_.shouldDisplay -ne $false } |
                    ForEach-Object { $_.names } | Where-Object { $_.kind -eq 'long' } |
                    ForEach-Object { '--' + $_.name })
        }
        $global:__ssopick_init_options | Where-Object { $_ -like "$wordToComplete*" } |
            ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterName', $_)
            }
    }

    """
  }
}
