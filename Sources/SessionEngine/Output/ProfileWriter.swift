/// Writes (or updates) the profile for one account and role in `~/.aws/config`, in the
/// shape `aws configure sso` writes (spec §9.3, §9.5):
///
/// ```ini
/// [profile Acme-Management/AdministratorAccess]
/// sso_session = acme
/// sso_account_id = 210987654321
/// sso_role_name = AdministratorAccess
/// region = eu-west-1
/// ```
///
/// (`sso_start_url` and `sso_region` instead of `sso_session` for a legacy sign-in; `region`
/// only when one is given — an existing `region` is kept otherwise.)
///
/// It goes through the lossless config engine under the file's lock, so nothing else in
/// the file changes. A profile of the same name that already stands for this account, role
/// and session is updated in place (other keys such as `output` are kept). A *different*
/// profile of that name (another account or role, static keys, `role_arn`, …) is never
/// touched unless `overwrite` is true; then its credential settings are replaced and its
/// comments and unrelated keys (`output`, …) are kept.
///
/// Usage (the picker's default action and `--export-profile`):
/// ```swift
/// let name = try ProfileNameTemplate().name(account: account, roleName: role, session: session)
/// let result = try await ProfileWriter(configFile: locations.configFile)
///   .write(ProfileWriter.Request(name: name, session: session, accountID: account.accountID,
///                                roleName: role, region: region))
/// print(try ShellExport.profile(result.name, account: account, roleName: role).render(for: shell))
/// ```
public struct ProfileWriter: Sendable {
  /// What a profile written by ssopick is: its name, the keys it sets, and how to tell
  /// whether a section of that name already is this profile. ``Request`` (an Identity
  /// Center role) and ``ChainedRequest`` (a role assumed from another profile) are the two.
  public protocol Shape: Sendable {
    /// The profile's name.
    var name: String { get }
    /// The keys written, in order.
    var edits: [ConfigEdit] { get }
    /// Why `section` is not this profile, or `nil` when it is (or is empty).
    func conflict(with section: ConfigDocument.Section) -> String?
    /// The keys to remove from a different profile that `overwrite` replaces.
    var replacedKeys: [String] { get }
  }

  /// The config file (`ConfigLocations.configFile`).
  public var configFile: String
  /// The clock used while waiting for the file's lock.
  public var timeSource: any TimeSource

  /// Creates a writer for `configFile`.
  public init(configFile: String, timeSource: any TimeSource = SystemTimeSource()) {
    self.configFile = configFile
    self.timeSource = timeSource
  }

  /// What to write for an Identity Center role.
  public struct Request: Shape, Equatable {
    /// The profile's name (see `ProfileNameTemplate`).
    public var name: String
    /// The sign-in it uses.
    public var session: SSOSession
    /// The account id.
    public var accountID: String
    /// The role name.
    public var roleName: String
    /// The profile's `region`, when known.
    public var region: String?

    /// Creates a request.
    public init(
      name: String, session: SSOSession, accountID: String, roleName: String, region: String?
    ) {
      self.name = name
      self.session = session
      self.accountID = accountID
      self.roleName = roleName
      self.region = region
    }

    /// The keys written, in `aws configure sso` order.
    public var edits: [ConfigEdit] {
      var edits: [ConfigEdit] = []
      if let sessionName = session.name {
        edits.append(.set(key: "sso_session", value: sessionName))
      } else {
        edits.append(.set(key: "sso_start_url", value: session.startURL))
        edits.append(.set(key: "sso_region", value: session.region))
      }
      edits.append(.set(key: "sso_account_id", value: accountID))
      edits.append(.set(key: "sso_role_name", value: roleName))
      if let region, !region.isEmpty { edits.append(.set(key: "region", value: region)) }
      return edits
    }

    /// See ``ProfileWriter/describeConflict(_:with:)``.
    public func conflict(with section: ConfigDocument.Section) -> String? {
      ProfileWriter.describeConflict(section, with: self)
    }

    /// The other ways to get credentials, and the other kind of sign-in.
    public var replacedKeys: [String] {
      ProfileWriter.competingKeys
        + (session.isLegacy ? ["sso_session"] : ["sso_start_url", "sso_region"])
    }
  }

  /// What to write for a role assumed from another profile — the profile form of role
  /// chaining, which every SDK resolves by itself (spec §17.4):
  ///
  /// ```ini
  /// [profile Acme-Prod/Deploy]
  /// role_arn = arn:aws:iam::210987654321:role/Deploy
  /// source_profile = Acme-Management/AdministratorAccess
  /// external_id = …
  /// ```
  public struct ChainedRequest: Shape, Equatable {
    /// The profile's name.
    public var name: String
    /// `role_arn`.
    public var roleARN: String
    /// `source_profile`: the profile whose credentials assume the role.
    public var sourceProfile: String
    /// `external_id`.
    public var externalID: String?
    /// `role_session_name`.
    public var roleSessionName: String?
    /// `duration_seconds`.
    public var durationSeconds: Int?
    /// `mfa_serial`.
    public var mfaSerial: String?
    /// `region`.
    public var region: String?

    /// Creates a request.
    public init(
      name: String, roleARN: String, sourceProfile: String, externalID: String? = nil,
      roleSessionName: String? = nil, durationSeconds: Int? = nil, mfaSerial: String? = nil,
      region: String? = nil
    ) {
      self.name = name
      self.roleARN = roleARN
      self.sourceProfile = sourceProfile
      self.externalID = externalID
      self.roleSessionName = roleSessionName
      self.durationSeconds = durationSeconds
      self.mfaSerial = mfaSerial
      self.region = region
    }

    /// `role_arn`, `source_profile`, then the optional keys botocore reads, in that order.
    public var edits: [ConfigEdit] {
      var edits: [ConfigEdit] = [
        .set(key: "role_arn", value: roleARN), .set(key: "source_profile", value: sourceProfile),
      ]
      let optional: [(String, String?)] = [
        ("external_id", externalID), ("role_session_name", roleSessionName),
        ("duration_seconds", durationSeconds.map(String.init)), ("mfa_serial", mfaSerial),
        ("region", region),
      ]
      for (key, value) in optional {
        if let value, !value.isEmpty { edits.append(.set(key: key, value: value)) }
      }
      return edits
    }

    /// The section is this profile when it assumes the same role from the same source and
    /// gets credentials no other way.
    public func conflict(with section: ConfigDocument.Section) -> String? {
      if section.entries.isEmpty { return nil }
      let others = ProfileWriter.competingKeys.filter {
        !["role_arn", "source_profile", "external_id", "role_session_name", "mfa_serial"]
          .contains($0)
      }
      let sso = ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name"]
      if section.value("role_arn")?.string == roleARN,
        section.value("source_profile")?.string == sourceProfile,
        !(others + sso).contains(where: { section.value($0) != nil })
      {
        return nil
      }
      if let arn = section.value("role_arn")?.string { return "an assume-role profile for \(arn)" }
      if let account = section.value("sso_account_id")?.string,
        let role = section.value("sso_role_name")?.string
      {
        return "account \(account), role \(role)"
      }
      if section.value("credential_process") != nil { return "a credential_process profile" }
      if section.value("aws_access_key_id") != nil { return "a profile with access keys" }
      return "a profile that is not for this role"
    }

    /// Every other way to get credentials, SSO included.
    public var replacedKeys: [String] {
      ProfileWriter.competingKeys + [
        "sso_session", "sso_start_url", "sso_region", "sso_account_id", "sso_role_name",
        "duration_seconds",
      ]
    }
  }

  /// What `write` did.
  public struct Result: Sendable, Equatable {
    /// The profile's name.
    public var name: String
    /// What changed in the file (empty when the profile was already as requested).
    public var change: ConfigChange
    /// The config file.
    public var file: String
  }

  /// Keys that make a profile get credentials some other way; removed when `overwrite`
  /// replaces a different profile.
  static let competingKeys = [
    "role_arn", "source_profile", "credential_source", "credential_process",
    "web_identity_token_file", "role_session_name", "external_id", "mfa_serial",
    "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_security_token",
    "login_session",
  ]

  /// Writes the profile (see the type's documentation); the result says what changed, for
  /// callers that report it.
  @discardableResult
  public func write(_ request: some Shape, overwrite: Bool = false) async throws -> Result {
    let store = ConfigFileStore(path: configFile, flavor: .config, timeSource: timeSource)
    let change = try await store.update { document in
      try Self.apply(request, to: &document, overwrite: overwrite)
    }
    return Result(name: request.name, change: change, file: configFile)
  }

  /// What writing `request` into a document would do: the one decision that both the
  /// writer and anything previewing it (the picker's detail line) use, so a preview can
  /// never promise what the writer then refuses.
  public enum Plan: Sendable, Equatable {
    /// No profile of that name: it is created.
    case create
    /// The profile is this role's: only keys that differ change.
    case update
    /// The profile is this role's and already holds every requested value.
    case upToDate
    /// A different profile of that name is replaced (`overwrite`); `existing` says what it
    /// was.
    case replace(existing: String)
    /// A different profile of that name is in the way (no `overwrite`): nothing is written.
    case refuse(existing: String, line: Int)
  }

  /// The plan for `request` in `document`.
  public static func plan(_ request: some Shape, in document: ConfigDocument, overwrite: Bool)
    -> Plan
  {
    guard let existing = document.section(.profile(request.name)) else { return .create }
    if let conflict = request.conflict(with: existing) {
      return overwrite
        ? .replace(existing: conflict) : .refuse(existing: conflict, line: existing.line)
    }
    let same = request.edits.allSatisfy { edit in
      guard case .set(let key, let value) = edit else { return true }
      return existing.value(key)?.string == value
    }
    return same ? .upToDate : .update
  }

  /// The edit `write` makes, on a document in memory (the result says what changed).
  @discardableResult
  public static func apply(
    _ request: some Shape, to document: inout ConfigDocument, overwrite: Bool
  ) throws -> ConfigChange {
    let section = ConfigSectionName.profile(request.name)
    var edits = request.edits
    switch plan(request, in: document, overwrite: overwrite) {
    case .refuse(let conflict, let line):
      throw OutputError.profileExists(
        name: request.name, file: document.path, line: line, existing: conflict)
    case .replace:
      guard let existing = document.section(section) else { break }
      let written = Set(
        edits.compactMap { edit -> String? in
          if case .set(let key, _) = edit { return key }
          return nil
        })
      edits += request.replacedKeys.filter { existing.value($0) != nil && !written.contains($0) }
        .map { ConfigEdit.remove(key: $0) }
    case .create, .update, .upToDate:
      break
    }
    return try document.update(section, edits)
  }

  /// Why `section` is not the profile `request` describes, or `nil` when it is (or is
  /// empty).
  static func describeConflict(_ section: ConfigDocument.Section, with request: Request)
    -> String?
  {
    let account = section.value("sso_account_id")?.string
    let role = section.value("sso_role_name")?.string
    let sessionName = section.value("sso_session")?.string
    let startURL = section.value("sso_start_url")?.string
    if section.entries.isEmpty { return nil }
    let sameSession =
      request.session.name.map { sessionName == $0 }
      ?? (sessionName == nil && startURL == request.session.startURL)
    if account == request.accountID, role == request.roleName, sameSession,
      !competingKeys.contains(where: { section.value($0) != nil })
    {
      return nil
    }
    if let account, let role {
      let via = sessionName.map { "sso-session \($0)" } ?? startURL ?? "no sign-in"
      return "account \(account), role \(role), \(via)"
    }
    if section.value("role_arn") != nil { return "an assume-role profile" }
    if section.value("credential_process") != nil { return "a credential_process profile" }
    if section.value("aws_access_key_id") != nil { return "a profile with access keys" }
    return "a profile that is not for this role"
  }
}
