import ArgumentParser
import SSOPickCommands

/// `ssopick init bash|zsh|fish|powershell [--name NAME]`: prints the shell function that
/// sets the picked role in the current shell. Parses options and calls `ShellInitUseCase`.
struct InitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Print a shell function that sets the picked role in the current shell.",
    discussion: """
      Add one line to your shell's start-up file:

        bash, in ~/.bashrc:
          \(ShellInitUseCase.Target.bash.startupLine())
        zsh, in ~/.zshrc (after compinit):
          \(ShellInitUseCase.Target.zsh.startupLine())
        fish, in ~/.config/fish/config.fish:
          \(ShellInitUseCase.Target.fish.startupLine())
        PowerShell, in $PROFILE:
          \(ShellInitUseCase.Target.powershell.startupLine())

      Then `ssp` opens the picker and, on Enter, sets AWS_PROFILE in that same shell (and \
      removes stale keys); `ssp --export` sets the role's keys instead; other options are \
      the picker's (`ssp --query prod`, `ssp --select-1 -q "acme admin"`). `ssp -- COMMAND` \
      runs a command as the role (in PowerShell write '--', quoted). Esc, an error or no \
      choice leave the shell unchanged and `ssp` returns ssopick's exit status. \
      `ssp --unset` removes AWS_PROFILE, the key and region variables and the SSOPICK_* \
      variables. The SSOPICK_* variables (SSOPICK_ACCOUNT_ID, SSOPICK_ACCOUNT_NAME, \
      SSOPICK_ROLE_NAME, SSOPICK_SESSION, SSOPICK_EXPIRATION) are for your prompt.

      Tab completes the function like `ssopick pick` (ssopick's completion is loaded on the \
      first Tab if the shell has not loaded it). --name NAME calls the function NAME instead \
      (letters, digits and _).
      """
  )

  @Argument(
    help: ArgumentHelp("bash, zsh, fish or powershell (pwsh).", valueName: "shell"),
    completion: .list(ShellInitUseCase.Target.acceptedNames))
  var shell: String

  @Option(name: .long, help: "The function's name.")
  var name: String = ShellInitUseCase.defaultName

  func run() async throws {
    try ExitMapping.finish(
      try await ShellInitUseCase(.init(shell: shell, name: name)).run(in: .live()))
  }
}
