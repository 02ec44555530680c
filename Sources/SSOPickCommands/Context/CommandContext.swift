import Foundation
public import PickerCore
public import SessionEngine

/// The world a use case runs in, injected: the environment, what is a terminal, where words
/// go, where answers come from, the clock, the randomness of backoff, the retry policy, how
/// HTTP is sent, how a command replaces ssopick, and how the picker's terminal is opened.
///
/// `CommandContext.live()` (in the executable's wiring) is the real process; tests build
/// one with a temporary `HOME`, recording sinks, a manual clock and the fake service; the
/// demo builds one pointing at its fake — no `setenv`, nothing global.
public struct CommandContext: Sendable {
  /// The environment variables the commands see (`HOME`, `AWS_*`, `SHELL`, `BROWSER`, …).
  public var environment: Environment
  /// Which standard streams are terminals.
  public var terminal: TerminalFacts
  /// Where results, messages and prompts go.
  public var console: Console
  /// Answers typed by the person (configure's questions).
  public var input: any LineReader
  /// The clock every wait and every expiry check uses.
  public var time: any TimeSource
  /// A number in `0..<1` for each backoff.
  public var jitter: @Sendable () -> Double
  /// The one retry policy for portal, OIDC and STS calls.
  public var retry: RetryPolicy
  /// Makes the HTTP transport (the real one is libcurl).
  public var transports: any TransportFactory
  /// Replaces ssopick with a command (`exec`).
  public var launcher: any ProcessLauncher
  /// Opens the picker's full-screen terminal.
  public var pickerTerminal: any PickerTerminalFactory
  /// Opens URLs in a browser (sign-in pages, the console, the SAML IdP).
  public var browser: any BrowserOpener

  /// Creates a context.
  public init(
    environment: Environment, terminal: TerminalFacts, console: Console,
    input: any LineReader, time: any TimeSource = SystemTimeSource(),
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
    retry: RetryPolicy = .standard, transports: any TransportFactory,
    launcher: any ProcessLauncher, pickerTerminal: any PickerTerminalFactory,
    browser: any BrowserOpener = SystemBrowser()
  ) {
    self.environment = environment
    self.terminal = terminal
    self.console = console
    self.input = input
    self.time = time
    self.jitter = jitter
    self.retry = retry
    self.transports = transports
    self.launcher = launcher
    self.pickerTerminal = pickerTerminal
    self.browser = browser
  }

  /// Whether someone can answer a sign-in prompt (stdin or stderr is a terminal).
  public var personIsPresent: Bool { terminal.input || terminal.errors }
}

/// Which of the standard streams are terminals.
public struct TerminalFacts: Sendable, Equatable {
  /// stdin.
  public var input: Bool
  /// stdout.
  public var output: Bool
  /// stderr.
  public var errors: Bool

  /// Creates the facts.
  public init(input: Bool, output: Bool, errors: Bool) {
    self.input = input
    self.output = output
    self.errors = errors
  }

  /// No terminal anywhere (scripts, CI, tests).
  public static let none = TerminalFacts(input: false, output: false, errors: false)
}

/// Reads answers, a line at a time.
public protocol LineReader: Sendable {
  /// The next line without its line break, or `nil` at the end of input.
  func readLine() -> String?
}

/// What an HTTP transport is made with.
public struct TransportRequirements: Sendable, Equatable {
  /// A PEM file of CAs from the active profile's `ca_bundle` (`AWS_CA_BUNDLE` wins).
  public var configCABundle: String?
  /// The most requests that may be in flight at once.
  public var maxConnections: Int

  /// Creates the requirements.
  public init(configCABundle: String?, maxConnections: Int) {
    self.configCABundle = configCABundle
    self.maxConnections = maxConnections
  }
}

/// Makes HTTP transports.
public protocol TransportFactory: Sendable {
  /// A transport for `requirements` in `environment` (proxies, `AWS_CA_BUNDLE`).
  func transport(_ requirements: TransportRequirements, environment: Environment)
    -> any HTTPTransport
}

/// Replaces ssopick with another program (`exec`), or runs one as a child and waits for it
/// (`exec --refresh`).
public protocol ProcessLauncher: Sendable {
  /// The descriptors open now (the caller's), to pass on to the command.
  func descriptorSnapshot() -> [Int32: CommandLauncher.FileIdentity]
  /// Replaces the process; returns only on failure.
  func replaceProcess(
    path: String, arguments: [String], environment: [String: String],
    inherited: [Int32: CommandLauncher.FileIdentity]
  ) async -> CommandLauncher.Failure
  /// Runs the program as a child, passing on signals other processes send to ssopick, and
  /// returns how it ended.
  func run(
    path: String, arguments: [String], environment: [String: String],
    inherited: [Int32: CommandLauncher.FileIdentity]
  ) async -> CommandLauncher.Ending
}

/// How the picker's terminal is set up.
public struct PickerTerminalOptions: Sendable, Equatable {
  /// Ask the terminal for mouse events.
  public var mouse: Bool
  /// Use colours (`NO_COLOR` unset).
  public var colors: Bool

  /// Creates options.
  public init(mouse: Bool, colors: Bool) {
    self.mouse = mouse
    self.colors = colors
  }
}

/// Opens the picker's terminal.
public protocol PickerTerminalFactory: Sendable {
  /// Fails (with a message) when no picker can be shown here, before anything else runs.
  func checkAvailable() throws
  /// Opens the terminal.
  func open(_ options: PickerTerminalOptions) throws -> any ClosableTerminal
}

/// A picker terminal that is closed (and the screen restored) when the picker ends.
public protocol ClosableTerminal: Terminal {
  /// Restores the screen.
  func close()
}

/// Opens URLs in the person's browser.
public protocol BrowserOpener: Sendable {
  /// Why no browser can be shown here (SSH, no display, CI, …), or `nil` when one can.
  func headlessReason(environment: Environment) -> String?
  /// Opens `url`; whether a browser was started.
  func open(_ url: String, environment: Environment) async -> Bool
}

/// The system's browser: `BROWSER`, `open`, `wslview`/`cmd.exe` or `xdg-open`
/// (`BrowserLauncher`).
public struct SystemBrowser: BrowserOpener {
  /// Creates the opener.
  public init() {}

  /// `BrowserLauncher.headlessReason`.
  public func headlessReason(environment: Environment) -> String? {
    BrowserLauncher(environment: environment).headlessReason
  }

  /// `BrowserLauncher.open`.
  public func open(_ url: String, environment: Environment) async -> Bool {
    BrowserLauncher(environment: environment).open(url)
  }
}
