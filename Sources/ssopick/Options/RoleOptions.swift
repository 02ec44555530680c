import ArgumentParser
import SSOPickCommands

/// `--account`, `--role`, `--region`: which role a command gets credentials for. Without
/// `--account`/`--role`, the profile chosen by `--profile` (or `AWS_PROFILE`) supplies them
/// from its `sso_account_id` and `sso_role_name`.
struct RoleOptions: ParsableArguments {
  @Option(name: .long, help: "The account: its 12-digit id, or its name.")
  var account: String?

  @Option(name: .long, help: "The role (permission set) name.")
  var role: String?

  @Option(name: .long, help: "The AWS region to use (else the profile's region, if any).")
  var region: String?

  func validate() throws {
    if (account == nil) != (role == nil) {
      throw ValidationError("Give --account and --role together.")
    }
  }

  /// The request for the command layer.
  func request(_ session: SessionOptions) -> RoleRequest {
    RoleRequest(selection: session.selection, account: account, role: role, region: region)
  }
}
