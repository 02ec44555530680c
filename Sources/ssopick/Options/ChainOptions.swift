import ArgumentParser
import SSOPickCommands

/// `--assume ROLE_ARN` (repeatable) and its companions: roles to chain into from the chosen
/// Identity Center role.
struct ChainOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Then assume this role (an IAM role ARN) with the role's credentials; repeat to chain "
        + "further.", valueName: "role-arn"))
  var assume: [String] = []

  @Option(name: .customLong("external-id"), help: "With --assume: the ExternalId of the last role.")
  var externalID: String?

  @Option(
    name: .customLong("role-session-name"),
    help: "With --assume: the session name (default: your Identity Center user name).")
  var roleSessionName: String?

  @Option(
    name: .long,
    help: "With --assume: how long the credentials last, 15m to 1h (default 1h).")
  var duration: String?

  @Option(
    name: .customLong("mfa-serial"), help: "With --assume: the MFA device the last role requires.")
  var mfaSerial: String?

  @Option(
    name: .customLong("token-code"),
    help: "With --mfa-serial: the MFA code (asked for on the terminal when not given).")
  var tokenCode: String?

  func validate() throws {
    _ = try chain()
  }

  /// The chain for the command layer.
  func chain() throws -> RoleChain {
    try RoleChain.options(
      assume: assume, externalID: externalID, sessionName: roleSessionName, duration: duration,
      mfaSerial: mfaSerial, tokenCode: tokenCode)
  }
}
