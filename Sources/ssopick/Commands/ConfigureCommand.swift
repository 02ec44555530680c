import ArgumentParser
import SessionEngine

/// `ssopick configure`: writes or updates an `[sso-session NAME]` section in the AWS config
/// file, the way `aws configure sso-session` does, without touching anything else.
struct ConfigureCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "configure",
    abstract: "Write or update an [sso-session] in ~/.aws/config.",
    discussion: """
      Creates the section, or updates only the values you give (the rest of the file is kept \
      byte for byte). With options missing and a terminal attached, it asks for them; \
      without a terminal, a new session needs --session, --start-url and --region.

      The file is $AWS_CONFIG_FILE, or ~/.aws/config. What changed is reported on stderr.
      """
  )

  @Option(name: .long, help: "The sso-session name, e.g. acme.")
  var session: String?

  @Option(name: .customLong("start-url"), help: "The AWS access portal URL (https://…/start).")
  var startURL: String?

  @Option(name: .long, help: "The region of the IAM Identity Center instance, e.g. eu-central-1.")
  var region: String?

  @Option(
    name: .long,
    help: "Comma-separated registration scopes (new sessions default to sso:account:access).")
  var scopes: String?

  /// A new session was asked for without a terminal to ask the rest on.
  struct MissingOptions: Error, CustomStringConvertible {
    var options: [String]
    var description: String {
      "Missing \(options.joined(separator: ", ")) (no terminal to ask on). For example: "
        + "ssopick configure --session acme --start-url https://d-1234567890.awsapps.com/start "
        + "--region eu-central-1"
    }
  }

  func run() async throws {
    let environment = Environment.current
    let locations = try ConfigLocations(environment: environment)
    let store = ConfigFileStore(path: locations.configFile, flavor: .config)
    let current = try store.load()
    try current.validate()
    if current.hasByteOrderMark {
      StandardError.write(
        "Warning: \(locations.configFile) starts with a UTF-8 byte order mark, which the AWS CLI "
          + "cannot read. ssopick keeps it; save the file without BOM to fix the AWS CLI.")
    }

    if let startURL { try SSOSession.validateStartURL(startURL) }
    if let region { try SSOSession.validateRegion(region) }
    if let scopes { try SSOSession.validateScopes(scopes) }

    var name = session
    var startURL = startURL
    var region = region
    var scopes = scopes
    let exists = name.map { current.section(.ssoSession($0)) != nil } ?? false
    var missing: [String] = []
    if name == nil { missing.append("--session") }
    if !exists && startURL == nil { missing.append("--start-url") }
    if !exists && region == nil { missing.append("--region") }
    if !missing.isEmpty {
      guard Prompt.isInteractive else { throw MissingOptions(options: missing) }
      let chosen =
        try name
        ?? Prompt.ask("SSO session name") { answer in
          _ = try ConfigSectionName.ssoSession(answer).writableHeader(for: .config)
        }
      name = chosen
      let existing = current.section(.ssoSession(chosen))
      startURL =
        try startURL
        ?? Prompt.ask(
          "SSO start URL", default: existing?.value("sso_start_url")?.string,
          check: SSOSession.validateStartURL)
      region =
        try region
        ?? Prompt.ask(
          "SSO region", default: existing?.value("sso_region")?.string,
          check: SSOSession.validateRegion)
      scopes =
        try scopes
        ?? Prompt.ask(
          "SSO registration scopes",
          default: existing?.value("sso_registration_scopes")?.string
            ?? SSOSession.defaultRegistrationScopes
        ) { try SSOSession.validateScopes($0) }
    }
    guard let name else { throw MissingOptions(options: ["--session"]) }

    let change = try await store.update { document in
      try document.writeSSOSession(name: name, startURL: startURL, region: region, scopes: scopes)
    }
    let section = change.section.description
    let file = locations.configFile
    if change.createdSection {
      StandardError.write("Created \(section) in \(file)")
    } else if change.isEmpty {
      StandardError.write("\(section) in \(file) is already up to date")
    } else {
      let keys = (change.changedKeys + change.addedKeys).joined(separator: ", ")
      StandardError.write("Updated \(keys) in \(section) in \(file)")
    }
  }
}
