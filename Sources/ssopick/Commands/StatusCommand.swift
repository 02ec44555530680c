import ArgumentParser
import SSOPickCommands
import SessionEngine

/// `ssopick status`: each configured session and its sign-in.
struct StatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show each sso-session and its login.",
    discussion: """
      For every configured sign-in: whether you are signed in, how long the access token \
      lasts, until when it can refresh itself, and where its cache file is. --json prints \
      an array of objects for scripts (times in ISO 8601 UTC).
      """
  )

  @Flag(name: .long, help: "Print JSON.")
  var json = false

  func run() async throws {
    try ExitMapping.finish(try await StatusUseCase(json: json).run(in: .live()))
  }
}
