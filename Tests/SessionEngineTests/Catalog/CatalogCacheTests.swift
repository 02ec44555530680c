import Foundation
import Testing

@testable import SessionEngine

@Suite("CatalogCache")
struct CatalogCacheTests {
  static let session = SSOSession(
    name: "acme", startURL: "https://d-1234567890.awsapps.com/start", region: "eu-central-1")

  static let sample = Catalog(
    accounts: [
      AccountInfo(accountID: "012345678901", accountName: "Zürich & Co (EU)", emailAddress: "a@x"),
      AccountInfo(accountID: "210987654321", accountName: "acme-prod", emailAddress: ""),
      AccountInfo(accountID: "333333333333", accountName: "日本 tab\there", emailAddress: "c@x"),
      AccountInfo(accountID: "444444444444", accountName: "no roles yet", emailAddress: "d@x"),
    ],
    roles: [
      "012345678901": ["ReadOnly", "Admin"], "210987654321": [],
      "333333333333": ["Rôle\nwith newline", ""],
    ],
    fetchedAt: Date(timeIntervalSince1970: 1_767_225_600.123))

  func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-catalog-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  func mode(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
  }

  @Test func roundTripsInASessionFolderThatOnlyTheUserCanRead() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let directories = try CacheDirectories(
      environment: Environment(["HOME": root + "/home", "XDG_CACHE_HOME": root + "/xdg"]))
    let cache = CatalogCache(directories: directories, session: Self.session)
    #expect(cache.path.hasPrefix(root + "/xdg/ssopick/sessions/"))
    #expect(cache.path.hasSuffix("/catalog.bin"))
    #expect(cache.load() == nil)

    try cache.save(Self.sample)
    let loaded = try #require(cache.load())
    #expect(loaded.accounts == Self.sample.accounts)
    #expect(loaded.roles == Self.sample.roles)
    #expect(abs(loaded.fetchedAt.timeIntervalSince(Self.sample.fetchedAt)) < 0.001)
    #expect(loaded.roles["444444444444"] == nil)
    #expect(!loaded.isComplete)
    #expect(try mode(cache.path) == 0o600)
    #expect(try mode((cache.path as NSString).deletingLastPathComponent) == 0o700)
  }

  @Test func savingTightensLoosePermissions() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let folder = root + "/session"
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    let path = folder + "/catalog.bin"
    #expect(
      FileManager.default.createFile(
        atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
    let cache = CatalogCache(path: path, session: Self.session)
    #expect(cache.load() == nil)
    try cache.save(Self.sample)
    #expect(try mode(path) == 0o600)
    #expect(try mode(folder) == 0o700)
    #expect(cache.load()?.accounts.count == 4)
  }

  @Test func everyTruncationAndAnyFlippedByteReadsAsNoCache() throws {
    let identity = CatalogCodec.Identity(startURL: Self.session.startURL, sessionName: "acme")
    let bytes = CatalogCodec.encode(Self.sample, identity: identity)
    #expect(CatalogCodec.decode(bytes, identity: identity) != nil)
    for length in 0..<bytes.count {
      #expect(CatalogCodec.decode(Array(bytes[0..<length]), identity: identity) == nil)
    }
    #expect(CatalogCodec.decode(bytes + [0], identity: identity) == nil)
    for index in stride(from: 0, to: bytes.count, by: 7) {
      var corrupt = bytes
      corrupt[index] ^= 0x40
      #expect(CatalogCodec.decode(corrupt, identity: identity) == nil, "byte \(index)")
    }
    #expect(CatalogCodec.decode(Array(repeating: 0xFF, count: 4_096), identity: identity) == nil)
  }

  @Test func anotherFormatVersionReadsAsNoCache() throws {
    let identity = CatalogCodec.Identity(startURL: Self.session.startURL, sessionName: "acme")
    var bytes = CatalogCodec.encode(Self.sample, identity: identity)
    bytes[8] = 2  // version 2, little-endian u32 after the 8-byte magic
    let body = Array(bytes.dropLast(8))
    let sum = CatalogCodec.checksum(body)
    bytes = body + withUnsafeBytes(of: sum.littleEndian) { Array($0) }
    #expect(CatalogCodec.decode(bytes, identity: identity) == nil)
    bytes[8] = 1
    let again = Array(bytes.dropLast(8))
    bytes = again + withUnsafeBytes(of: CatalogCodec.checksum(again).littleEndian) { Array($0) }
    #expect(CatalogCodec.decode(bytes, identity: identity) != nil)
  }

  @Test func aRoleIndexBeyondTheTableReadsAsNoCache() {
    let identity = CatalogCodec.Identity(startURL: "u", sessionName: "s")
    let catalog = Catalog(
      accounts: [AccountInfo(accountID: "1", accountName: "a", emailAddress: "")],
      roles: ["1": ["R"]], fetchedAt: Date(timeIntervalSince1970: 0))
    var body = Array(CatalogCodec.encode(catalog, identity: identity).dropLast(8))
    #expect(Array(body.suffix(4)) == [0, 0, 0, 0])  // the one role's index
    body[body.count - 4] = 1
    let forged = body + withUnsafeBytes(of: CatalogCodec.checksum(body).littleEndian) { Array($0) }
    #expect(CatalogCodec.decode(forged, identity: identity) == nil)
  }

  @Test func aFileWrittenForAnotherStartURLOrSessionReadsAsNoCache() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/catalog.bin"
    try CatalogCache(path: path, session: Self.session).save(Self.sample)
    var moved = Self.session
    moved.startURL = "https://d-0000000000.awsapps.com/start"
    #expect(CatalogCache(path: path, session: moved).load() == nil)
    var renamed = Self.session
    renamed.name = nil
    #expect(CatalogCache(path: path, session: renamed).load() == nil)
  }

  @Test func aFolderWhereTheFileShouldBeIsAnErrorOnSaveAndNoCacheOnLoad() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/catalog.bin"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let cache = CatalogCache(path: path, session: Self.session)
    #expect(cache.load() == nil)
    #expect(throws: FileError.self) { try cache.save(Self.sample) }
  }

  @Test func twentyThousandRowsRoundTrip() throws {
    let accounts = (0..<5_000).map {
      AccountInfo(
        accountID: String(100_000_000_000 + $0), accountName: "account-\($0)",
        emailAddress: "aws+\($0)@example.com")
    }
    let roles = Dictionary(
      uniqueKeysWithValues: accounts.map {
        ($0.accountID, ["AdministratorAccess", "Billing", "PowerUserAccess", "ReadOnlyAccess"])
      })
    let catalog = Catalog(accounts: accounts, roles: roles, fetchedAt: Date())
    let identity = CatalogCodec.Identity(startURL: "u", sessionName: "s")
    let decoded = try #require(
      CatalogCodec.decode(CatalogCodec.encode(catalog, identity: identity), identity: identity))
    #expect(decoded.entries.count == 20_000)
    #expect(decoded.accounts == catalog.accounts)
    #expect(decoded.roles == catalog.roles)
  }

  @Test func staleWhenOldIncompleteOrFromTheFuture() {
    let now = Date(timeIntervalSince1970: 2_000_000)
    func catalog(age: TimeInterval, complete: Bool = true) -> Catalog {
      Catalog(
        accounts: [AccountInfo(accountID: "1", accountName: "a", emailAddress: "")],
        roles: complete ? ["1": ["R"]] : [:], fetchedAt: now.addingTimeInterval(-age))
    }
    #expect(!CatalogCache.isStale(catalog(age: 3_599), maxAge: .seconds(3_600), now: now))
    #expect(CatalogCache.isStale(catalog(age: 3_600), maxAge: .seconds(3_600), now: now))
    #expect(
      CatalogCache.isStale(catalog(age: 10, complete: false), maxAge: .seconds(3_600), now: now))
    #expect(CatalogCache.isStale(catalog(age: -3_600), maxAge: .seconds(3_600), now: now))
    #expect(CatalogCache.isStale(catalog(age: 0), maxAge: .zero, now: now))
  }
}
