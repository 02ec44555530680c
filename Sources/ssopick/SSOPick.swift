import ArgumentParser
import SSOPickCommands
import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `ssopick` command: parses options, wires the engine to a front end, maps outcomes to
/// exit codes. Behaviour lives in the library targets.
struct SSOPick: AsyncParsableCommand {
  static let version = SSOPickVersion.current

  static let configuration = CommandConfiguration(
    commandName: "ssopick",
    abstract: "Pick an AWS account and role from IAM Identity Center, fast.",
    discussion: """
      With no subcommand, ssopick opens the full-screen picker (`ssopick pick`).

      Exit codes: 0 chosen or done, 1 nothing matched or chosen, 2 error, 130 cancelled \
      (128+N for signal N).
      """,
    version: version,
    subcommands: [
      PickCommand.self,
      ListCommand.self,
      LoginCommand.self,
      LogoutCommand.self,
      StatusCommand.self,
      ConfigureCommand.self,
      ExportCommand.self,
      ExecCommand.self,
      ServeCommand.self,
      CredentialProcessCommand.self,
      ConsoleCommand.self,
      WhoamiCommand.self,
      SAMLCommand.self,
      PopulateCommand.self,
      InitCommand.self,
      DemoCommand.self,
    ],
    defaultSubcommand: PickCommand.self
  )
}

@main
enum Main {
  static func main() async {
    // `credential-process` with a cached credential, before the argument parser is built.
    if let output = CredentialProcessFastPath.cachedOutput(
      arguments: Array(CommandLine.arguments.dropFirst()), environment: .current)
    {
      FileDescriptorSink(STDOUT_FILENO).write(Array(output.utf8))
      return
    }
    do {
      var command = try SSOPick.parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      ExitMapping.exit(for: error, console: CommandContext.live().console)
    }
  }
}
