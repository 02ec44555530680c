public import Foundation
public import SessionEngine

/// The accounts and roles chosen lately in one session, most recent first:
/// `recent.json` in the session's folder under `$XDG_CACHE_HOME/ssopick/` (default
/// `~/.cache/ssopick/`). The picker ranks them first when the query is empty and prefers
/// them among equally good matches.
///
/// The file is small JSON (`{"version":1,"recent":[{"accountId":…,"roleName":…,
/// "chosenAt":…}]}`), replaced atomically (file 0600, folder 0700). A missing, unreadable or
/// malformed file reads as "nothing chosen yet": losing recents must never stop the picker.
/// Two processes recording at the same moment may lose one of the two entries (last writer
/// wins); nothing worse.
public struct RecentChoices: Sendable {
  /// The file name inside the session folder.
  public static let fileName = "recent.json"
  /// How many choices are kept.
  public static let capacity = 50

  /// One remembered choice.
  public struct Entry: Hashable, Sendable, Codable {
    /// The account id.
    public var accountID: String
    /// The role name.
    public var roleName: String
    /// When it was chosen.
    public var chosenAt: Date

    /// Creates an entry.
    public init(accountID: String, roleName: String, chosenAt: Date) {
      self.accountID = accountID
      self.roleName = roleName
      self.chosenAt = chosenAt
    }

    enum CodingKeys: String, CodingKey {
      case accountID = "accountId"
      case roleName
      case chosenAt
    }
  }

  private struct Document: Codable {
    var version: Int
    var recent: [Entry]
  }

  /// The file.
  public let path: String

  /// The recents of `session`, in its folder from `directories`.
  public init(directories: CacheDirectories, session: SSOSession) {
    self.init(path: directories.sessionFolder(for: session) + "/" + Self.fileName)
  }

  /// The recents kept at `path`.
  public init(path: String) {
    self.path = path
  }

  /// The remembered choices, most recent first (empty when there is no usable file).
  public func load() -> [Entry] {
    guard let bytes = try? AtomicFile.read(path) else { return [] }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    guard let document = try? decoder.decode(Document.self, from: Data(bytes)),
      document.version == 1
    else { return [] }
    return Array(document.recent.prefix(Self.capacity))
  }

  /// Puts `choice` first (once) and saves.
  public func record(_ choice: PickerChoice, at date: Date) throws(FileError) {
    try save(Self.adding(choice, at: date, to: load()))
  }

  /// `entries` with `choice` first and no other entry for the same account and role, at
  /// most ``capacity`` long.
  public static func adding(_ choice: PickerChoice, at date: Date, to entries: [Entry]) -> [Entry] {
    let entry = Entry(
      accountID: choice.account.accountID, roleName: choice.roleName, chosenAt: date)
    let others = entries.filter {
      $0.accountID != entry.accountID || $0.roleName != entry.roleName
    }
    return Array(([entry] + others).prefix(capacity))
  }

  /// Replaces the file with `entries`.
  public func save(_ entries: [Entry]) throws(FileError) {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys]
    guard
      let data = try? encoder.encode(
        Document(version: 1, recent: Array(entries.prefix(Self.capacity))))
    else { return }
    try AtomicFile.write(Array(data) + [0x0A], to: path)
  }
}
