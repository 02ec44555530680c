import Foundation
import Testing

@testable import SessionEngine

@Suite("Reading and rewriting config files on disk")
struct ConfigFileStoreTests {
  @Test("update creates a 0600 file and rewrites only when something changed")
  func createAndUpdate() async throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    let store = ConfigFileStore(path: root + "/aws/config", flavor: .config)
    try await store.update { try $0.update(.profile("a"), [.set(key: "region", value: "r")]) }
    #expect(
      try String(contentsOfFile: root + "/aws/config", encoding: .utf8)
        == "[profile a]\nregion = r\n")
    #expect(try mode(root + "/aws/config") == 0o600)
    #expect(try mode(root + "/aws") == 0o700)
    let inode =
      try FileManager.default.attributesOfItem(atPath: root + "/aws/config")[.systemFileNumber]
      as? Int
    try await store.update { try $0.update(.profile("a"), [.set(key: "region", value: "r")]) }
    let after =
      try FileManager.default.attributesOfItem(atPath: root + "/aws/config")[.systemFileNumber]
      as? Int
    #expect(inode == after, "an unchanged document must not be rewritten")
  }

  @Test("a file that cannot be parsed is never rewritten")
  func refusesMalformed() async throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    let path = root + "/config"
    let broken = "[default]\nregion = x\nthis line is broken\n"
    try broken.write(toFile: path, atomically: false, encoding: .utf8)
    let store = ConfigFileStore(path: path, flavor: .config)
    await #expect(
      throws: ConfigError.malformedLine(
        file: path, line: 3, problem: "expected \"key = value\" but the line has no '=' or ':'")
    ) {
      try await store.update { try $0.update(.profile("a"), [.set(key: "k", value: "v")]) }
    }
    try "[a]\nx = 1\n[a]\ny = 2\n".write(toFile: path, atomically: false, encoding: .utf8)
    await #expect(
      throws: ConfigError.duplicateSection(file: path, line: 3, section: "a", firstLine: 1)
    ) {
      try await store.update { try $0.update(.profile("b"), [.set(key: "k", value: "v")]) }
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "[a]\nx = 1\n[a]\ny = 2\n")
  }

  @Test("concurrent updates through separate stores all land")
  func concurrentUpdates() async throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    let path = root + "/config"
    try await withThrowingTaskGroup(of: Void.self) { group in
      for writer in 0..<4 {
        group.addTask {
          let store = ConfigFileStore(path: path, flavor: .config, timeSource: YieldingClock())
          for index in 0..<25 {
            try await store.update {
              try $0.update(.profile("w\(writer)-\(index)"), [.set(key: "n", value: "\(index)")])
            }
          }
        }
      }
      try await group.waitForAll()
    }
    let shared = try SharedConfig(config: ConfigFileStore(path: path, flavor: .config).load())
    #expect(shared.profiles.count == 100)
  }

  @Test("SharedConfig.load reads both files; missing files are empty")
  func loadBoth() throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    try "[profile a]\nregion = r\n".write(
      toFile: root + "/config", atomically: false, encoding: .utf8)
    let shared = try SharedConfig.load(
      from: ConfigLocations(configFile: root + "/config", credentialsFile: root + "/missing"))
    #expect(shared.profiles["a"]?.string("region") == "r")
    #expect(shared.credentialsFile == root + "/missing")
  }
}
