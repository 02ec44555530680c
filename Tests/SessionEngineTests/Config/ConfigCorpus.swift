import Foundation
import Testing

@testable import SessionEngine

/// The files in `Fixtures/config-corpus`: hand-written configs in every shape found in the
/// wild. `bad-*` files are ones botocore cannot parse; `edits/` holds expected outputs.
enum ConfigCorpus {
  static var folder: URL {
    get throws {
      let fixtures = try #require(
        Bundle.module.url(forResource: "Fixtures", withExtension: nil),
        "the test bundle has no Fixtures folder")
      return fixtures.appendingPathComponent("config-corpus")
    }
  }

  /// Every corpus file name (not `edits/`, not dotfiles), sorted.
  static func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".config") || $0.hasSuffix(".credentials")) }
      .sorted()
  }

  /// The files AWS tools should be able to read (possibly with duplicates or a BOM).
  static func goodNames() throws -> [String] {
    try names().filter { !$0.hasPrefix("bad-") }
  }

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }

  static func path(_ name: String) throws -> String {
    try folder.appendingPathComponent(name).path
  }

  static func flavor(_ name: String) -> ConfigDocument.Flavor {
    name.hasSuffix(".credentials") ? .credentials : .config
  }

  static func document(_ name: String) throws -> ConfigDocument {
    try ConfigDocument(parsing: bytes(name), path: name, flavor: flavor(name))
  }

  static func expected(_ name: String) throws -> [UInt8] {
    [UInt8](
      try Data(contentsOf: folder.appendingPathComponent("edits").appendingPathComponent(name)))
  }
}

/// Shows bytes with line breaks visible, for failure messages.
func visible(_ bytes: [UInt8]) -> String {
  String(decoding: bytes, as: UTF8.self)
    .replacingOccurrences(of: "\r", with: "\\r")
    .replacingOccurrences(of: "\n", with: "\\n\n")
}

/// A fresh temporary folder, removed by the caller with `removeTemporaryFolder`.
func makeTemporaryFolder() throws -> String {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("ssopick-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}

func removeTemporaryFolder(_ path: String) {
  try? FileManager.default.removeItem(atPath: path)
}
