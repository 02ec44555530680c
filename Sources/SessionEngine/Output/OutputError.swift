/// Why turning a role into something usable (exports, profiles, credentials files, console
/// URLs, `exec`) failed, in words a person can act on. Messages never contain a secret:
/// no key, token, sign-in token or console URL.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `--shell` or `$SHELL` names a shell ssopick has no syntax for.
  case unsupportedShell(name: String, fromEnvironment: Bool)
  /// A variable name that is not `[A-Za-z_][A-Za-z0-9_]*`.
  case invalidVariableName(String)
  /// A value the chosen shell cannot hold safely.
  case unrepresentableValue(variable: String, shell: Shell, reason: String)
  /// Stdout is a terminal: printing secrets there would show them instead of setting them.
  case refusingSecretsOnTerminal(hint: String)
  /// No account with this id or name is assigned to the user.
  case accountNotFound(String, session: String)
  /// Several accounts have this name.
  case ambiguousAccountName(String, accountIDs: [String])
  /// The account has no role of this name for the user.
  case roleNotFound(role: String, accountID: String, available: [String])
  /// Neither `--account`/`--role` nor a profile with `sso_account_id`/`sso_role_name`.
  case accountAndRoleRequired(command: String)
  /// A profile of this name exists and is a different profile.
  case profileExists(name: String, file: String, line: Int, existing: String)
  /// A profile-name template that cannot be used.
  case invalidTemplate(String, reason: String)
  /// The console sign-in hosts of this partition are not known.
  case consoleUnavailable(region: String)
  /// `--destination` is not a console URL or path.
  case invalidDestination(String)
  /// The federation endpoint refused the sign-in token request.
  case federationRefused(status: Int)
  /// The federation endpoint could not be reached.
  case federationUnreachable(HTTPTransportError)
  /// The federation endpoint answered with something that is not `{"SigninToken": …}`.
  case malformedFederationResponse
  /// `SSOPICK_FEDERATION_ENDPOINT` is not an http(s) URL.
  case invalidFederationEndpoint(String)
  /// No browser could be opened for the console.
  case noBrowser(reason: String?)
  /// `SSOPICK_CONSOLE` is neither `federation` nor `portal`.
  case invalidConsoleMode(String)

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .unsupportedShell(let name, let fromEnvironment):
      let source = fromEnvironment ? "$SHELL is \(name), which" : "\"\(name)\""
      return "\(source) is not a shell ssopick prints variables for. Use --shell with one of: "
        + Shell.acceptedNames.joined(separator: ", ") + "."
    case .invalidVariableName(let name):
      return "\"\(name)\" cannot be an environment variable name."
    case .unrepresentableValue(let variable, let shell, let reason):
      return "Cannot set \(variable) in \(shell): \(reason). Use another --shell."
    case .refusingSecretsOnTerminal(let hint):
      return "Not printing credentials to the terminal (they would only be shown, not set). "
        + "Run: \(hint)   — or add --force to print them anyway."
    case .accountNotFound(let query, let session):
      return "No account \"\(query)\" is assigned to you in \(session). "
        + "`ssopick list` shows the accounts and roles you can use."
    case .ambiguousAccountName(let name, let ids):
      return "Several accounts are named \"\(name)\" (\(ids.joined(separator: ", "))). "
        + "Give the account id instead."
    case .roleNotFound(let role, let accountID, let available):
      let choices =
        available.isEmpty
        ? "You have no roles in that account."
        : "Your roles there: " + available.joined(separator: ", ") + "."
      return "You have no role \"\(role)\" in account \(accountID). \(choices)"
    case .accountAndRoleRequired(let command):
      return "\(command) needs --account and --role, or --profile NAME (or AWS_PROFILE) naming a "
        + "profile with sso_account_id and sso_role_name."
    case .profileExists(let name, let file, let line, let existing):
      return "\(file), line \(line): profile \"\(name)\" already exists (\(existing)). "
        + "Choose another name, or add --overwrite to replace it."
    case .invalidTemplate(let template, let reason):
      return "The profile name template \"\(template)\" cannot be used: \(reason)."
    case .consoleUnavailable(let region):
      return "The console sign-in address for region \(region) is not known. Set "
        + "SSOPICK_FEDERATION_ENDPOINT to its federation URL (https://…/federation)."
    case .invalidDestination(let destination):
      return "--destination \"\(destination)\" must be an https console URL or a path "
        + "starting with /."
    case .federationRefused(let status):
      return "The console sign-in service refused the credentials (HTTP \(status)). The role "
        + "may not allow console access; try again, or check SSOPICK_FEDERATION_ENDPOINT."
    case .federationUnreachable(let error):
      return "Could not reach the console sign-in service (\(error)). Check your network and "
        + "proxy settings."
    case .malformedFederationResponse:
      return "The console sign-in service answered with something ssopick cannot read."
    case .invalidFederationEndpoint(let value):
      return "SSOPICK_FEDERATION_ENDPOINT=\(value) is not an http(s) URL."
    case .noBrowser(let reason):
      let why = reason.map { " (\($0))" } ?? ""
      return "Could not open a browser\(why). Use --print to print the sign-in URL "
        + "(it is a secret: it signs anyone in for 15 minutes)."
    case .invalidConsoleMode(let value):
      return "SSOPICK_CONSOLE=\(UntrustedText.escaped(value)) is not a console mode; use "
        + "federation (a sign-in URL made from the role's keys, the default) or portal (the "
        + "access portal's shortcut)."
    }
  }
}
