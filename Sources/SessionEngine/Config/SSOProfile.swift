/// A profile resolved for IAM Identity Center (spec §9.3): its session (named or legacy)
/// and, when set, the account and role it stands for.
public struct SSOProfile: Sendable, Equatable {
  /// The profile's name.
  public var name: String
  /// The session it logs in with.
  public var session: SSOSession
  /// `sso_account_id`, if set.
  public var accountID: String?
  /// `sso_role_name`, if set.
  public var roleName: String?
  /// The profile's own `region` (for API calls after login; not the SSO region).
  public var region: String?
  /// The profile's merged section (for endpoint overrides).
  public var section: ConfigSection

  /// Creates a resolved profile.
  public init(
    name: String, session: SSOSession, accountID: String?, roleName: String?, region: String?,
    section: ConfigSection
  ) {
    self.name = name
    self.session = session
    self.accountID = accountID
    self.roleName = roleName
    self.region = region
    self.section = section
  }

  /// Whether this profile is token-only (an sso-session but no account or role).
  public var isTokenOnly: Bool { accountID == nil && roleName == nil }

  /// The account and role for role credentials; throws botocore's message when only one of
  /// them is set, or when neither is.
  public func accountAndRole() throws(ConfigError) -> (accountID: String, roleName: String) {
    if let accountID, let roleName { return (accountID, roleName) }
    var missing: [String] = []
    if roleName == nil { missing.append("sso_role_name") }
    if accountID == nil { missing.append("sso_account_id") }
    throw .missingAccountOrRole(profile: name, missing: missing)
  }
}
