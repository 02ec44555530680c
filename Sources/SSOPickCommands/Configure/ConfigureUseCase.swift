import Foundation
public import SessionEngine

/// `ssopick configure`: writes or updates an `[sso-session NAME]` section in the AWS config
/// file, the way `aws configure sso-session` does, without touching anything else. Missing
/// options are asked for when a person is at the terminal.
public struct ConfigureUseCase: Sendable {
  /// The options (`nil`: keep the current value, or ask for a new session's).
  public struct Request: Sendable, Equatable {
    /// `--session`.
    public var session: String?
    /// `--start-url`.
    public var startURL: String?
    /// `--region`.
    public var region: String?
    /// `--scopes` (comma-separated).
    public var scopes: String?

    /// Creates a request.
    public init(
      session: String? = nil, startURL: String? = nil, region: String? = nil,
      scopes: String? = nil
    ) {
      self.session = session
      self.startURL = startURL
      self.region = region
      self.scopes = scopes
    }
  }

  /// A new session was asked for without a terminal to ask the rest on.
  public struct MissingOptions: Error, Sendable, Equatable, CustomStringConvertible {
    /// The options missing.
    public var options: [String]

    /// Creates the error.
    public init(options: [String]) {
      self.options = options
    }

    /// What to type.
    public var description: String {
      "Missing \(options.joined(separator: ", ")) (no terminal to ask on). For example: "
        + "ssopick configure --session acme --start-url https://d-1234567890.awsapps.com/start "
        + "--region eu-central-1"
    }
  }

  /// The person gave up (end of input) before answering.
  public struct NoAnswer: Error, Sendable, Equatable, CustomStringConvertible {
    /// The question.
    public var question: String

    /// Nothing was changed.
    public var description: String { "No answer for \"\(question)\"; nothing was changed." }
  }

  /// The options.
  public var request: Request

  /// Creates the use case.
  public init(_ request: Request) {
    self.request = request
  }

  /// Validates, asks for what is missing (on a terminal), writes, and says what changed.
  public func run(in context: CommandContext) async throws -> ExitStatus {
    let console = context.console
    let locations = try ConfigLocations(environment: context.environment)
    let store = ConfigFileStore(
      path: locations.configFile, flavor: .config, timeSource: context.time)
    let current = try store.load()
    try current.validate()
    if current.hasByteOrderMark {
      console.say(
        "Warning: \(locations.configFile) starts with a UTF-8 byte order mark, which the AWS CLI "
          + "cannot read. ssopick keeps it; save the file without BOM to fix the AWS CLI.")
    }
    if let startURL = request.startURL { try SSOSession.validateStartURL(startURL) }
    if let region = request.region { try SSOSession.validateRegion(region) }
    if let scopes = request.scopes { try SSOSession.validateScopes(scopes) }

    var name = request.session
    var startURL = request.startURL
    var region = request.region
    var scopes = request.scopes
    let exists = name.map { current.section(.ssoSession($0)) != nil } ?? false
    var missing: [String] = []
    if name == nil { missing.append("--session") }
    if !exists && startURL == nil { missing.append("--start-url") }
    if !exists && region == nil { missing.append("--region") }
    if !missing.isEmpty {
      guard context.terminal.input else { throw MissingOptions(options: missing) }
      let chosen =
        try name
        ?? ask("SSO session name", in: context) { answer in
          _ = try ConfigSectionName.ssoSession(answer).writableHeader(for: .config)
        }
      name = chosen
      let existing = current.section(.ssoSession(chosen))
      startURL =
        try startURL
        ?? ask(
          "SSO start URL", default: existing?.value("sso_start_url")?.string, in: context,
          check: SSOSession.validateStartURL)
      region =
        try region
        ?? ask(
          "SSO region", default: existing?.value("sso_region")?.string, in: context,
          check: SSOSession.validateRegion)
      scopes =
        try scopes
        ?? ask(
          "SSO registration scopes",
          default: existing?.value("sso_registration_scopes")?.string
            ?? SSOSession.defaultRegistrationScopes, in: context
        ) { try SSOSession.validateScopes($0) }
    }
    guard let name else { throw MissingOptions(options: ["--session"]) }

    let change = try await store.update { document in
      try Self.writeSSOSession(
        name: name, startURL: startURL, region: region, scopes: scopes, in: &document)
    }
    let section = UntrustedText.escaped(change.section.description)
    let file = locations.configFile
    if change.createdSection {
      console.say("Created \(section) in \(file)")
    } else if change.isEmpty {
      console.say("\(section) in \(file) is already up to date")
    } else {
      let keys = (change.changedKeys + change.addedKeys).joined(separator: ", ")
      console.say("Updated \(keys) in \(section) in \(file)")
    }
    return .success
  }

  /// Creates or updates `[sso-session NAME]` in `document`. `nil` arguments keep the current
  /// value. A new section needs a start URL and a region; its scopes default to
  /// `sso:account:access`. Values are validated before anything changes.
  @discardableResult
  public static func writeSSOSession(
    name: String, startURL: String?, region: String?, scopes: String?,
    in document: inout ConfigDocument
  ) throws(ConfigError) -> ConfigChange {
    if let startURL { try SSOSession.validateStartURL(startURL) }
    if let region { try SSOSession.validateRegion(region) }
    if let scopes { try SSOSession.validateScopes(scopes) }
    let section = ConfigSectionName.ssoSession(name)
    var edits: [ConfigEdit] = []
    if document.section(section) == nil {
      guard let startURL, let region else {
        throw .invalidValue(
          key: "sso-session \(name)", reason: "a new sso-session needs a start URL and a region")
      }
      edits = [
        .set(key: "sso_start_url", value: startURL),
        .set(key: "sso_region", value: region),
        .set(key: "sso_registration_scopes", value: scopes ?? SSOSession.defaultRegistrationScopes),
      ]
    } else {
      if let startURL { edits.append(.set(key: "sso_start_url", value: startURL)) }
      if let region { edits.append(.set(key: "sso_region", value: region)) }
      if let scopes { edits.append(.set(key: "sso_registration_scopes", value: scopes)) }
    }
    return try document.update(section, edits)
  }

  /// Asks `question` until `check` accepts the answer. An empty answer means `defaultValue`
  /// (shown in brackets) when there is one, and asks again when there is none.
  private func ask(
    _ question: String, default defaultValue: String? = nil, in context: CommandContext,
    check: (String) throws -> Void = { _ in }
  ) throws -> String {
    while true {
      let suffix = defaultValue.map { " [\($0)]" } ?? ""
      context.console.ask("\(question)\(suffix): ")
      guard let line = context.input.readLine() else {
        context.console.ask("\n")
        throw NoAnswer(question: question)
      }
      let answer = line.trimmingCharacters(in: .whitespaces)
      guard let value = answer.isEmpty ? defaultValue : answer else { continue }
      do {
        try check(value)
        return value
      } catch {
        context.console.say("\(error)")
      }
    }
  }
}
