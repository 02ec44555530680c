import Foundation
import Testing

@testable import SessionEngine

func mode(_ path: String) throws -> Int {
  let attributes = try FileManager.default.attributesOfItem(atPath: path)
  return try #require(attributes[.posixPermissions] as? Int)
}

@Suite("Atomic file writes")
struct AtomicFileTests {
  @Test("a new file is 0600 in new 0700 folders")
  func newFile() throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    let path = root + "/a/b/config"
    #expect(try AtomicFile.read(path) == nil)
    try AtomicFile.write(Array("hello\n".utf8), to: path)
    #expect(try AtomicFile.read(path) == Array("hello\n".utf8))
    #expect(try mode(path) == 0o600)
    #expect(try mode(root + "/a") == 0o700)
    #expect(try mode(root + "/a/b") == 0o700)
    #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/a/b") == ["config"])
  }

  @Test("an existing file keeps its mode")
  func keepsMode() throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    let path = root + "/config"
    try AtomicFile.write(Array("one".utf8), to: path)
    chmod(path, 0o644)
    try AtomicFile.write(Array("two".utf8), to: path)
    #expect(try mode(path) == 0o644)
    #expect(try AtomicFile.read(path) == Array("two".utf8))
  }

  @Test("a symbolic link is followed: the target is replaced, the link stays")
  func followsSymlinks() throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    try FileManager.default.createDirectory(
      atPath: root + "/dotfiles", withIntermediateDirectories: true)
    try AtomicFile.write(Array("old".utf8), to: root + "/dotfiles/config")
    chmod(root + "/dotfiles/config", 0o640)
    try FileManager.default.createSymbolicLink(
      atPath: root + "/link2", withDestinationPath: "dotfiles/config")
    try FileManager.default.createSymbolicLink(
      atPath: root + "/config", withDestinationPath: root + "/link2")
    try AtomicFile.write(Array("new".utf8), to: root + "/config")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: root + "/config") == root + "/link2"
    )
    #expect(try AtomicFile.read(root + "/dotfiles/config") == Array("new".utf8))
    #expect(try mode(root + "/dotfiles/config") == 0o640)
    #expect(try AtomicFile.resolvingSymbolicLinks(root + "/config") == root + "/dotfiles/config")
    // A dangling link creates its target.
    try FileManager.default.createSymbolicLink(
      atPath: root + "/dangling", withDestinationPath: "made/here")
    try AtomicFile.write(Array("x".utf8), to: root + "/dangling")
    #expect(try AtomicFile.read(root + "/made/here") == Array("x".utf8))
  }

  @Test("a link loop is an error, not a hang")
  func linkLoop() throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    try FileManager.default.createSymbolicLink(atPath: root + "/a", withDestinationPath: "b")
    try FileManager.default.createSymbolicLink(atPath: root + "/b", withDestinationPath: "a")
    #expect(throws: FileError.tooManySymbolicLinks(path: root + "/a")) {
      try AtomicFile.write(Array("x".utf8), to: root + "/a")
    }
  }

  @Test("a failed write leaves no temporary file and says why")
  func failedWrite() throws {
    let root = try makeTemporaryFolder()
    defer { removeTemporaryFolder(root) }
    try FileManager.default.createDirectory(
      atPath: root + "/dir", withIntermediateDirectories: true)
    let error = #expect(throws: FileError.self) {
      try AtomicFile.write(Array("x".utf8), to: root + "/dir")
    }
    #expect(error?.description.hasPrefix("Cannot write \(root)/dir: ") == true)
    #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["dir"])
  }
}
