import CurlTransport
import Foundation
import PickerCurses
public import SessionEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CommandContext {
  /// The real process: its environment, its standard streams, the system clock, libcurl,
  /// `execve`, and ncurses on `/dev/tty`.
  public static func live(environment: Environment = .current) -> CommandContext {
    CommandContext(
      environment: environment,
      terminal: TerminalFacts(
        input: isatty(STDIN_FILENO) == 1, output: isatty(STDOUT_FILENO) == 1,
        errors: isatty(STDERR_FILENO) == 1),
      console: Console(
        output: FileDescriptorSink(STDOUT_FILENO), messages: FileDescriptorSink(STDERR_FILENO),
        prompts: TerminalPromptSink()),
      input: StandardInput(), transports: CurlTransportFactory(), launcher: ExecLauncher(),
      pickerTerminal: CursesTerminalFactory())
  }

  /// This context with another environment (the demo's temporary home, say): everything else
  /// is shared.
  public func with(environment: Environment) -> CommandContext {
    var copy = self
    copy.environment = environment
    return copy
  }

  /// This context with another browser.
  public func with(browser: any BrowserOpener) -> CommandContext {
    var copy = self
    copy.browser = browser
    return copy
  }

  /// This context with another console.
  public func with(console: Console) -> CommandContext {
    var copy = self
    copy.console = console
    return copy
  }
}

/// Discards what is written.
public struct NullSink: ByteSink {
  /// Creates the sink.
  public init() {}

  /// Nothing.
  public func write(_ bytes: [UInt8]) {}
}

/// Lines from standard input.
public struct StandardInput: LineReader {
  /// Creates the reader.
  public init() {}

  /// `Swift.readLine()`.
  public func readLine() -> String? {
    Swift.readLine(strippingNewline: true)
  }
}

/// libcurl, configured as the AWS CLI would be: proxies and `AWS_CA_BUNDLE` from the
/// environment, the profile's `ca_bundle`, ssopick's User-Agent.
public struct CurlTransportFactory: TransportFactory {
  /// Creates the factory.
  public init() {}

  /// A new `CurlTransport` (libcurl is loaded by its first request, not here).
  public func transport(_ requirements: TransportRequirements, environment: Environment)
    -> any HTTPTransport
  {
    var configuration = CurlTransport.Configuration.resolve(
      environment: environment.variables, configCABundle: requirements.configCABundle)
    configuration.userAgent = SSOPickVersion.userAgent
    configuration.maxConnections = max(configuration.maxConnections, requirements.maxConnections)
    return CurlTransport(configuration: configuration)
  }
}

/// `execve` from the main thread (the command gets the signal mask ssopick was started with
/// either way: `CommandLauncher` puts it back), or a child that ssopick waits for.
public struct ExecLauncher: ProcessLauncher {
  /// Creates the launcher.
  public init() {}

  /// `CommandLauncher.descriptorSnapshot()`.
  public func descriptorSnapshot() -> [Int32: CommandLauncher.FileIdentity] {
    CommandLauncher.descriptorSnapshot()
  }

  /// `CommandLauncher.replaceProcess`, on the main actor.
  public func replaceProcess(
    path: String, arguments: [String], environment: [String: String],
    inherited: [Int32: CommandLauncher.FileIdentity]
  ) async -> CommandLauncher.Failure {
    await MainActor.run {
      CommandLauncher.replaceProcess(
        path: path, arguments: arguments, environment: environment, inherited: inherited)
    }
  }

  /// `CommandLauncher.start`, then `wait`.
  public func run(
    path: String, arguments: [String], environment: [String: String],
    inherited: [Int32: CommandLauncher.FileIdentity]
  ) async -> CommandLauncher.Ending {
    switch CommandLauncher.start(
      path: path, arguments: arguments, environment: environment, inherited: inherited)
    {
    case .success(let child): return await CommandLauncher.wait(for: child)
    case .failure(let failure): return .failed(failure)
    }
  }
}

/// ncurses on `/dev/tty` (never stdin/stdout, which may be redirected).
public struct CursesTerminalFactory: PickerTerminalFactory {
  /// Creates the factory.
  public init() {}

  /// `CursesTerminal.checkAvailable()`.
  public func checkAvailable() throws {
    try CursesTerminal.checkAvailable()
  }

  /// A new `CursesTerminal`.
  public func open(_ options: PickerTerminalOptions) throws -> any ClosableTerminal {
    try CursesTerminal(
      options: CursesTerminal.Options(mouse: options.mouse, colors: options.colors))
  }
}

extension CursesTerminal: ClosableTerminal {}
