import Foundation

/// Reads and writes one session's token and client-registration files in the AWS CLI v2
/// cache (spec §7), atomically and with mode 0600 (folder 0700 when created).
///
/// A corrupt or partial file is treated as absent, never a crash; `problems` keeps a note
/// of each one for `--verbose`.
public struct TokenStore: Sendable {
  /// The session the files belong to.
  public let session: SSOSession
  /// The token file's path.
  public let tokenPath: String
  /// The registration file's path.
  public let registrationPath: String

  /// The store for `session` under `directories`.
  public init(session: SSOSession, directories: CacheDirectories) {
    self.session = session
    tokenPath = directories.tokenFile(for: session)
    registrationPath = directories.registrationFile(for: session)
  }

  /// What reading found.
  public enum Read<Value: Sendable>: Sendable {
    /// No file.
    case absent
    /// A file that is not a valid document of its kind (treated as absent).
    case corrupt(path: String)
    /// A readable document.
    case found(Value)

    /// The value, if one was read.
    public var value: Value? {
      if case .found(let value) = self { return value }
      return nil
    }
  }

  /// Reads the token file.
  public func readToken() throws(FileError) -> Read<SSOToken> {
    guard let bytes = try AtomicFile.read(tokenPath) else { return .absent }
    guard let token = SSOToken.decode(Data(bytes)) else { return .corrupt(path: tokenPath) }
    return .found(token)
  }

  /// Writes the token file atomically.
  public func writeToken(_ token: SSOToken) throws(FileError) {
    try AtomicFile.write(token.encoded(), to: tokenPath)
  }

  /// Removes the token file; a missing file is not an error.
  public func removeToken() throws(FileError) {
    if unlink(tokenPath) != 0, errno != ENOENT {
      throw .cannotWrite(path: tokenPath, reason: FileError.reason(errno))
    }
  }

  /// Reads the registration file.
  public func readRegistration() throws(FileError) -> Read<ClientRegistration> {
    guard let bytes = try AtomicFile.read(registrationPath) else { return .absent }
    guard let registration = RegistrationRecord.decode(Data(bytes)) else {
      return .corrupt(path: registrationPath)
    }
    return .found(registration)
  }

  /// Writes the registration file atomically.
  public func writeRegistration(_ registration: ClientRegistration) throws(FileError) {
    try AtomicFile.write(RegistrationRecord.encode(registration), to: registrationPath)
  }
}
