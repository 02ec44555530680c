#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes role credentials as static keys into `~/.aws/credentials` (spec §9.7), the way
/// aws-azure-login and yawsso users expect:
///
/// ```ini
/// [acme-admin]
/// # ssopick: temporary credentials for account 210987654321, role PlatformAdmin; they expire at 2026-01-01T01:00:00Z
/// aws_access_key_id = ASIA…
/// aws_secret_access_key = …
/// aws_session_token = …
/// ```
///
/// Through the lossless engine, under the file's lock: every other line keeps its bytes.
/// The comment right after the header is replaced on every write (the file format has no
/// expiry field, so the comment is the only place a person can see when the keys go stale).
/// A new file is created with mode 0600; an existing file readable by group or others is
/// tightened to 0600 before secrets are written into it (the AWS CLI only warns).
///
/// A section holding keys that ssopick did not write (long-term `AKIA…` keys, say) is
/// not overwritten unless `overwrite` is true: replacing someone's permanent keys with
/// one-hour ones would lose them.
public struct CredentialsFileWriter: Sendable {
  /// The credentials file (`ConfigLocations.credentialsFile`).
  public var credentialsFile: String
  /// The clock used while waiting for the file's lock.
  public var timeSource: any TimeSource

  /// The start of ssopick's comment line.
  static let commentPrefix = "# ssopick: temporary credentials"

  /// Creates a writer for `credentialsFile`.
  public init(credentialsFile: String, timeSource: any TimeSource = SystemTimeSource()) {
    self.credentialsFile = credentialsFile
    self.timeSource = timeSource
  }

  /// What `write` did.
  public struct Result: Sendable, Equatable {
    /// What changed.
    public var change: ConfigChange
    /// Whether the file's mode was tightened to 0600.
    public var tightenedMode: Bool
  }

  /// Writes `credentials` for `roleName` into section `[profile]`; the result says what
  /// changed, for callers that report it.
  @discardableResult
  ///
  /// With `expirationKey`, `aws_expiration` is written too (ISO 8601 with milliseconds, as
  /// aws-azure-login writes it), so tools that read it keep working.
  public func write(
    _ credentials: RoleCredentials, profile: String, roleName: String, overwrite: Bool = false,
    expirationKey: Bool = false
  ) async throws -> Result {
    let store = ConfigFileStore(path: credentialsFile, flavor: .credentials, timeSource: timeSource)
    var tightened = false
    let change = try await store.update { document in
      tightened = try tightenMode()
      return try Self.apply(
        credentials, profile: profile, roleName: roleName, to: &document, overwrite: overwrite,
        expirationKey: expirationKey)
    }
    return Result(change: change, tightenedMode: tightened)
  }

  /// The edit `write` makes, on a document in memory (the result says what changed).
  @discardableResult
  public static func apply(
    _ credentials: RoleCredentials, profile: String, roleName: String,
    to document: inout ConfigDocument, overwrite: Bool, expirationKey: Bool = false
  ) throws -> ConfigChange {
    let section = ConfigSectionName.profile(profile)
    // Temporary keys (a session token or aws-azure-login's expiry beside them) are made to be
    // replaced; only long-term keys are protected.
    if let existing = document.section(section), existing.value("aws_access_key_id") != nil,
      existing.value("aws_session_token") == nil, existing.value("aws_expiration") == nil,
      !overwrite, !hasOurComment(document, sectionLine: existing.line)
    {
      throw OutputError.profileExists(
        name: profile, file: document.path, line: existing.line,
        existing: "it holds access keys that ssopick did not write")
    }
    var edited = document
    let change = try edited.update(
      section,
      [
        .set(key: "aws_access_key_id", value: credentials.accessKeyID),
        .set(key: "aws_secret_access_key", value: credentials.secretAccessKey),
        .set(key: "aws_session_token", value: credentials.sessionToken),
        .remove(key: "aws_security_token"),
      ]
        + (expirationKey
          ? [
            .set(
              key: "aws_expiration",
              value: AWSTimestamp.formatWithMilliseconds(credentials.expiration))
          ]
          : []))
    let comment =
      "\(commentPrefix) for account \(credentials.accountID), role \(roleName); "
      + "they expire at \(AWSTimestamp.format(credentials.expiration))"
    document = try replacingComment(in: edited, section: section, with: comment)
    return change
  }

  /// Whether the section whose header is on 1-based line `sectionLine` has ssopick's comment.
  static func hasOurComment(_ document: ConfigDocument, sectionLine: Int) -> Bool {
    let lines = document.lines
    var index = sectionLine
    while index < lines.count {
      if case .sectionHeader = lines[index].kind { return false }
      if lines[index].kind == .comment, isOurComment(lines[index].text) { return true }
      index += 1
    }
    return false
  }

  private static func isOurComment(_ text: String) -> Bool {
    PythonText.strip(text).hasPrefix(commentPrefix)
  }

  /// `document` with ssopick's comment lines in `section` removed and `comment` put right
  /// after its header. Works on the lines' text and re-parses, then checks that every
  /// section still holds exactly the same values.
  static func replacingComment(
    in document: ConfigDocument, section: ConfigSectionName, with comment: String
  ) throws -> ConfigDocument {
    guard let target = document.section(section) else { return document }
    var lines = document.lines.map { (text: $0.text, terminator: $0.terminator, kind: $0.kind) }
    let header = target.line - 1
    var end = header + 1
    while end < lines.count {
      if case .sectionHeader = lines[end].kind { break }
      end += 1
    }
    for index in stride(from: end - 1, to: header, by: -1)
    where lines[index].kind == .comment && isOurComment(lines[index].text) {
      lines.remove(at: index)
    }
    var inserted = (text: comment, terminator: document.newline, kind: ConfigLine.Kind.comment)
    if lines[header].terminator == .none {
      lines[header].terminator = document.newline
      inserted.terminator = .none
    }
    lines.insert(inserted, at: header + 1)
    var bytes: [UInt8] = document.hasByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    for line in lines {
      bytes += Array(line.text.utf8) + Array(line.terminator.rawValue.utf8)
    }
    let result = try ConfigDocument(parsing: bytes, path: document.path, flavor: document.flavor)
    try result.validate()
    let before = document.rawSections().map { [$0.header: $0.values] }
    let after = result.rawSections().map { [$0.header: $0.values] }
    guard before == after else {
      throw ConfigError.editWouldBreakFile(
        file: document.path, problem: "the expiration comment would change a value")
    }
    return result
  }

  /// Removes group and other permissions from an existing file; true when it did.
  private func tightenMode() throws -> Bool {
    let target = try AtomicFile.resolvingSymbolicLinks(credentialsFile)
    var info = stat()
    guard stat(target, &info) == 0, info.st_mode & 0o077 != 0 else { return false }
    guard chmod(target, info.st_mode & 0o7700) == 0 else {
      throw FileError.cannotWrite(path: credentialsFile, reason: FileError.reason(errno))
    }
    return true
  }
}
