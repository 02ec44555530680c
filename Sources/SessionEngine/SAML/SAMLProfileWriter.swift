import Foundation

/// Writes (or updates) a SAML profile's keys in `~/.aws/config` for `ssopick saml configure`,
/// through the lossless config engine under the file's lock, so nothing else in the file
/// changes:
///
/// ```ini
/// [profile acme-prod]
/// azure_tenant_id = 0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b
/// azure_app_id_uri = https://signin.aws.amazon.com/saml\#2
/// azure_default_username = jane.doe@acme.example
/// azure_default_role_arn = arn:aws:iam::210987654321:role/PlatformAdmin
/// azure_default_duration_hours = 8
/// region = eu-central-1
/// ```
///
/// Values are written the way aws-azure-login writes them (``AzureINIValue``: `#` and `;`
/// escaped, JSON quotes when needed), so aws-azure-login and ssopick read the same thing. Keys
/// not given are left as they are. An existing SAML profile of that name is updated in place
/// (its `credential_process`, `output` and comments are kept); a profile that gets
/// credentials some other way (`sso_*`, `role_arn`, static keys, …) is never touched unless
/// `overwrite` is true, and then those settings are removed.
public struct SAMLProfileWriter: Sendable {
  /// The config file (`ConfigLocations.configFile`).
  public var configFile: String
  /// The clock used while waiting for the file's lock.
  public var timeSource: any TimeSource

  /// Creates a writer for `configFile`.
  public init(configFile: String, timeSource: any TimeSource = SystemTimeSource()) {
    self.configFile = configFile
    self.timeSource = timeSource
  }

  /// What to write; `nil` leaves a key as it is.
  public struct Request: Sendable, Equatable {
    /// The profile's name.
    public var name: String
    /// `azure_tenant_id`.
    public var tenantID: String
    /// `azure_app_id_uri` (keep any `#N`).
    public var appIDURI: String
    /// `azure_default_username`.
    public var username: String?
    /// `azure_default_role_arn` (one ARN or a comma list).
    public var defaultRoleARN: String?
    /// `azure_default_duration_hours` (1–12).
    public var durationHours: Int?
    /// `region`.
    public var region: String?
    /// `saml_idp_url`.
    public var idpURL: String?
    /// `saml_assertion_source`.
    public var assertionSource: SAMLProfile.AssertionSource?
    /// `saml_principal_arn`.
    public var principalARN: String?

    /// Creates a request.
    public init(
      name: String, tenantID: String, appIDURI: String, username: String? = nil,
      defaultRoleARN: String? = nil, durationHours: Int? = nil, region: String? = nil,
      idpURL: String? = nil, assertionSource: SAMLProfile.AssertionSource? = nil,
      principalARN: String? = nil
    ) {
      self.name = name
      self.tenantID = tenantID
      self.appIDURI = appIDURI
      self.username = username
      self.defaultRoleARN = defaultRoleARN
      self.durationHours = durationHours
      self.region = region
      self.idpURL = idpURL
      self.assertionSource = assertionSource
      self.principalARN = principalARN
    }

    /// Checks the values as ``SharedConfig/samlProfile(named:environment:)`` will read them.
    ///
    /// - Throws: `ConfigError.invalidValue` for the first problem.
    public func validate() throws(ConfigError) {
      func fail(_ key: String, _ reason: String) -> ConfigError {
        .invalidValue(key: key, reason: reason)
      }
      guard !tenantID.isEmpty, !tenantID.contains(where: { $0.isWhitespace || "/?#".contains($0) })
      else { throw fail(SAMLProfile.Key.tenantID, "a tenant is a GUID or a domain name") }
      guard !appIDURI.isEmpty, !appIDURI.contains(where: \.isNewline) else {
        throw fail(SAMLProfile.Key.appIDURI, "it is the app's identifier URI, on one line")
      }
      if let durationHours, !SAMLProfile.durationHours.contains(durationHours) {
        throw fail(SAMLProfile.Key.defaultDurationHours, "it must be 1–12 hours")
      }
      if let defaultRoleARN {
        let roles = defaultRoleARN.split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        guard !roles.isEmpty, roles.allSatisfy({ SAMLRole.iamResource($0, type: "role") != nil })
        else {
          throw fail(
            SAMLProfile.Key.defaultRoleARN,
            "it must be a role ARN (or a comma list) such as arn:aws:iam::123456789012:role/NAME")
        }
      }
      if let principalARN, SAMLRole.iamResource(principalARN, type: "saml-provider") == nil {
        throw fail(
          SAMLProfile.Key.principalARN,
          "it must be a SAML provider ARN such as arn:aws:iam::123456789012:saml-provider/NAME")
      }
      if let idpURL, let reason = SharedConfig.idpURLProblem(idpURL) {
        throw fail(SAMLProfile.Key.idpURL, reason)
      }
      if let username, username.contains(where: \.isNewline) {
        throw fail(SAMLProfile.Key.defaultUsername, "it must be on one line")
      }
      if let region, region.isEmpty || region.contains(where: { $0.isWhitespace }) {
        throw ConfigError.invalidRegion(region)
      }
    }

    /// The keys written, in order.
    var edits: [ConfigEdit] {
      var edits: [ConfigEdit] = [
        .set(key: SAMLProfile.Key.tenantID, value: AzureINIValue.encode(tenantID)),
        .set(key: SAMLProfile.Key.appIDURI, value: AzureINIValue.encode(appIDURI)),
      ]
      func add(_ key: String, _ value: String?) {
        if let value { edits.append(.set(key: key, value: AzureINIValue.encode(value))) }
      }
      add(SAMLProfile.Key.defaultUsername, username)
      add(SAMLProfile.Key.defaultRoleARN, defaultRoleARN)
      add(SAMLProfile.Key.defaultDurationHours, durationHours.map(String.init))
      if let region { edits.append(.set(key: SAMLProfile.Key.region, value: region)) }
      add(SAMLProfile.Key.idpURL, idpURL)
      add(SAMLProfile.Key.assertionSource, assertionSource?.rawValue)
      add(SAMLProfile.Key.principalARN, principalARN)
      return edits
    }
  }

  /// What `write` did.
  public struct Result: Sendable, Equatable {
    /// The profile's name.
    public var name: String
    /// What changed in the file (empty when it already held every value).
    public var change: ConfigChange
    /// The config file.
    public var file: String
  }

  /// Writes the profile (see the type's documentation).
  @discardableResult
  public func write(_ request: Request, overwrite: Bool = false) async throws -> Result {
    try request.validate()
    let store = ConfigFileStore(path: configFile, flavor: .config, timeSource: timeSource)
    let change = try await store.update { document in
      try Self.apply(request, to: &document, overwrite: overwrite)
    }
    return Result(name: request.name, change: change, file: configFile)
  }

  /// Keys that make a profile get credentials some other way; a profile with any of them
  /// and no SAML key is someone else's.
  static let competingKeys =
    ProfileWriter.competingKeys.filter { $0 != "credential_process" } + [
      "sso_session", "sso_start_url", "sso_region", "sso_account_id", "sso_role_name",
      "credential_process",
    ]

  /// The plan for `request` in `document` (the same decision `apply` makes, for previews).
  public static func plan(_ request: Request, in document: ConfigDocument, overwrite: Bool)
    -> ProfileWriter.Plan
  {
    guard let existing = document.section(.profile(request.name)) else { return .create }
    if let conflict = describeConflict(existing) {
      return overwrite
        ? .replace(existing: conflict) : .refuse(existing: conflict, line: existing.line)
    }
    let same = request.edits.allSatisfy { edit in
      guard case .set(let key, let value) = edit else { return true }
      return existing.value(key)?.string == value
    }
    return same ? .upToDate : .update
  }

  /// The edit `write` makes, on a document in memory.
  ///
  /// - Throws: `OutputError.profileExists` when a different profile is in the way and
  ///   `overwrite` is false; `ConfigError` for a value that cannot be written.
  @discardableResult
  public static func apply(_ request: Request, to document: inout ConfigDocument, overwrite: Bool)
    throws -> ConfigChange
  {
    try request.validate()
    let section = ConfigSectionName.profile(request.name)
    var edits = request.edits
    switch plan(request, in: document, overwrite: overwrite) {
    case .refuse(let conflict, let line):
      throw OutputError.profileExists(
        name: request.name, file: document.path, line: line, existing: conflict)
    case .replace:
      if let existing = document.section(section) {
        edits += competingKeys.filter { existing.value($0) != nil }.map {
          ConfigEdit.remove(key: $0)
        }
      }
    case .create, .update, .upToDate:
      break
    }
    return try document.update(section, edits)
  }

  /// Why `section` is not a SAML profile ssopick may update, or `nil` when it is one (or has
  /// no credential settings at all).
  static func describeConflict(_ section: ConfigDocument.Section) -> String? {
    if SAMLProfile.Key.markers.contains(where: { section.value($0) != nil }) { return nil }
    if section.value("sso_session") != nil || section.value("sso_start_url") != nil {
      return "an IAM Identity Center profile"
    }
    if section.value("role_arn") != nil { return "an assume-role profile" }
    if section.value("credential_process") != nil { return "a credential_process profile" }
    if section.value("aws_access_key_id") != nil { return "a profile with access keys" }
    if competingKeys.contains(where: { section.value($0) != nil }) {
      return "a profile that gets credentials another way"
    }
    return nil
  }
}
