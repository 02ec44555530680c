public import Foundation

/// The AWS CLI's role-credential cache (spec §8), shared with the CLI — and, under names the
/// CLI never computes, the credentials of roles chained from those roles (`--assume`): the same file names
/// (`~/.aws/cli/cache/<sha1>.json`, key from `CacheKey.roleCredentials`), the same content,
/// mode 0600, and the CLI's reuse rule — cached credentials are used while they are valid
/// for at least 15 more minutes.
///
/// `credentials(for:fetch:)` is what `ssopick credential-process` calls:
/// 1. read the file without locking; fresh enough → done (the fast path: one small read);
/// 2. otherwise take an exclusive lock for this key, read again (another process may have
///    just fetched), and only if it is still stale call `fetch` and write the file.
///
/// So 20 processes that start together with an empty cache make one GetRoleCredentials
/// call; the other 19 wait for the lock and read its result. The lock is a file in
/// ssopick's own cache folder (`~/.cache/ssopick/locks/.role-<key>.ssopick-lock`), never in
/// `~/.aws/cli/cache`, which the AWS CLI's `sso logout` sweeps. The file is replaced
/// atomically (the CLI truncates and rewrites in place; readers of either see whole files
/// from us).
public struct RoleCredentialCache: Sendable {
  /// The cache folders.
  public let directories: CacheDirectories
  /// The clock that decides freshness and paces lock waits.
  public let time: any TimeSource
  /// How long to wait for another process's fetch (it may include a sign-in).
  public var lockTimeout: Duration = .seconds(11 * 60)

  /// The AWS CLI's rule: reuse while valid for more than this (15 minutes).
  public static let reuseWindow: TimeInterval = 15 * 60

  /// Creates the cache.
  public init(directories: CacheDirectories, time: any TimeSource = SystemTimeSource()) {
    self.directories = directories
    self.time = time
  }

  /// Which credentials: account, role and the session they come from.
  public struct Key: Sendable, Hashable {
    /// The account id.
    public var accountID: String
    /// The role name.
    public var roleName: String
    /// The sso-session name, or `nil` for a legacy profile.
    public var sessionName: String?
    /// The configured start URL (keys legacy profiles).
    public var startURL: String

    /// Creates a key.
    public init(accountID: String, roleName: String, sessionName: String?, startURL: String) {
      self.accountID = accountID
      self.roleName = roleName
      self.sessionName = sessionName
      self.startURL = startURL
    }

    /// The key for `session`.
    public init(accountID: String, roleName: String, session: SSOSession) {
      self.init(
        accountID: accountID, roleName: roleName, sessionName: session.name,
        startURL: session.startURL)
    }

    /// Roles assumed from this one, in order (`--assume`): empty for the Identity Center
    /// role itself.
    public var chain: [ChainLink] = []

    /// A SAML role's credentials (AssumeRoleWithSAML) for `profile`: `roleName` holds the
    /// role's ARN and `sessionName` names the profile, so the file name is one the AWS CLI
    /// never computes.
    public static func saml(profile: String, accountID: String, roleARN: String) -> Key {
      var key = Key(
        accountID: accountID, roleName: roleARN, sessionName: "saml:" + profile, startURL: "")
      key.providerType = "saml"
      return key
    }

    /// The file's `ProviderType`: `sso` for an Identity Center role, `assume-role` for a
    /// chain, `saml` for a SAML role.
    public var providerType: String {
      get { chain.isEmpty ? storedProviderType : "assume-role" }
      set { storedProviderType = newValue }
    }
    private var storedProviderType = "sso"

    /// This key's role with `link` assumed from it.
    public func assuming(_ link: ChainLink) -> Key {
      var key = self
      key.chain.append(link)
      return key
    }

    /// The file name's stem (40 hex digits): the AWS CLI's key for the role itself (so the
    /// two share the file); for a chain, the SHA-1 of the same JSON with the chain added,
    /// a name the AWS CLI never computes.
    public var hash: String {
      guard !chain.isEmpty else {
        return CacheKey.roleCredentials(
          accountID: accountID, roleName: roleName, sessionName: sessionName, startURL: startURL)
      }
      var members: [(String, PythonJSON)] = [
        ("accountId", .string(accountID)), ("roleName", .string(roleName)),
        ("chain", .array(chain.map(\.json))),
      ]
      if let sessionName {
        members.append(("sessionName", .string(sessionName)))
      } else {
        members.append(("startUrl", .string(startURL)))
      }
      return CacheKey.sha1Hex(PythonJSON.object(members).rendered(style: .compact, sortKeys: true))
    }
  }

  /// One role assumed in a chain, as far as it decides which credentials come back (the
  /// MFA code does not: it only proves who asks).
  public struct ChainLink: Sendable, Hashable {
    /// The role assumed.
    public var roleARN: String
    /// `RoleSessionName`.
    public var sessionName: String
    /// `ExternalId`, if any.
    public var externalID: String?
    /// `DurationSeconds`, if given.
    public var durationSeconds: Int?
    /// The MFA device, if any.
    public var mfaSerial: String?

    /// Creates a link.
    public init(
      roleARN: String, sessionName: String, externalID: String? = nil,
      durationSeconds: Int? = nil, mfaSerial: String? = nil
    ) {
      self.roleARN = roleARN
      self.sessionName = sessionName
      self.externalID = externalID
      self.durationSeconds = durationSeconds
      self.mfaSerial = mfaSerial
    }

    var json: PythonJSON {
      var members: [(String, PythonJSON)] = [
        ("RoleArn", .string(roleARN)), ("RoleSessionName", .string(sessionName)),
      ]
      if let externalID { members.append(("ExternalId", .string(externalID))) }
      if let durationSeconds { members.append(("DurationSeconds", .int(durationSeconds))) }
      if let mfaSerial { members.append(("SerialNumber", .string(mfaSerial))) }
      return .object(members)
    }
  }

  /// The cache file for `key`.
  public func path(for key: Key) -> String {
    directories.cliCache + "/" + key.hash + ".json"
  }

  /// The file whose lock serialises fetches for `key`.
  public func lockFile(for key: Key) -> String {
    directories.ssopickCache + "/locks/role-" + key.hash
  }

  /// The cached credentials for `key` when they are valid for at least `minimumLifetime`
  /// more (the CLI refreshes when fewer than 15 minutes are left); `nil` when absent,
  /// unreadable or too old.
  public func cached(_ key: Key, minimumLifetime: TimeInterval = reuseWindow) -> RoleCredentials? {
    guard let bytes = try? AtomicFile.read(path(for: key)),
      let credentials = Self.decode(
        bytes, accountID: key.accountID, providerType: key.providerType),
      credentials.expiration.timeIntervalSince(time.now) >= minimumLifetime
    else { return nil }
    return credentials
  }

  /// Cached credentials if fresh enough, else `fetch()`ed under the lock and written.
  public func credentials(
    for key: Key, minimumLifetime: TimeInterval = reuseWindow,
    fetch: () async throws -> RoleCredentials
  ) async throws -> RoleCredentials {
    if let hit = cached(key, minimumLifetime: minimumLifetime) { return hit }
    return try await FileLock.withExclusiveLock(
      for: lockFile(for: key), timeout: lockTimeout, timeSource: time
    ) {
      if let hit = cached(key, minimumLifetime: minimumLifetime) { return hit }
      let fresh = try await fetch()
      try AtomicFile.write(
        Array(Self.encode(fresh, providerType: key.providerType).utf8),
        to: path(for: key))
      return fresh
    }
  }

  /// Writes `credentials` for `key` (under the lock), replacing what is cached: for
  /// credentials just obtained some other way (a SAML sign-in).
  public func store(_ credentials: RoleCredentials, for key: Key) async throws {
    try await FileLock.withExclusiveLock(
      for: lockFile(for: key), timeout: lockTimeout, timeSource: time
    ) {
      try AtomicFile.write(
        Array(Self.encode(credentials, providerType: key.providerType).utf8),
        to: path(for: key))
    }
  }

  /// The file's content, exactly as the AWS CLI writes it (Python `json.dumps`, no final
  /// line break).
  /// Chained credentials are written the same way with `ProviderType` `assume-role`.
  public static func encode(_ credentials: RoleCredentials, providerType: String = "sso")
    -> String
  {
    PythonJSON.object([
      ("ProviderType", .string(providerType)),
      (
        "Credentials",
        .object([
          ("AccessKeyId", .string(credentials.accessKeyID)),
          ("SecretAccessKey", .string(credentials.secretAccessKey)),
          ("SessionToken", .string(credentials.sessionToken)),
          ("Expiration", .string(AWSTimestamp.format(credentials.expiration))),
          ("AccountId", .string(credentials.accountID)),
        ])
      ),
    ]).rendered()
  }

  /// Reads a cache file's content; `nil` unless it holds credentials of `providerType`
  /// (SSO: or none, as older CLIs write) with every field. Files written by older CLIs lack
  /// `AccountId`; `accountID` fills it in.
  public static func decode(_ bytes: [UInt8], accountID: String, providerType: String = "sso")
    -> RoleCredentials?
  {
    guard let file = try? JSONDecoder().decode(Wire.self, from: Data(bytes)),
      file.providerType == providerType || (file.providerType == nil && providerType == "sso"),
      let expiration = AWSTimestamp.parse(file.credentials.expiration)
    else { return nil }
    let wire = file.credentials
    return RoleCredentials(
      accessKeyID: wire.accessKeyID, secretAccessKey: wire.secretAccessKey,
      sessionToken: wire.sessionToken, expiration: expiration,
      accountID: wire.accountID ?? accountID)
  }

  private struct Wire: Decodable {
    var providerType: String?
    var credentials: CredentialsWire

    enum CodingKeys: String, CodingKey {
      case providerType = "ProviderType"
      case credentials = "Credentials"
    }

    struct CredentialsWire: Decodable {
      var accessKeyID: String
      var secretAccessKey: String
      var sessionToken: String
      var expiration: String
      var accountID: String?

      enum CodingKeys: String, CodingKey {
        case accessKeyID = "AccessKeyId"
        case secretAccessKey = "SecretAccessKey"
        case sessionToken = "SessionToken"
        case expiration = "Expiration"
        case accountID = "AccountId"
      }
    }
  }
}
