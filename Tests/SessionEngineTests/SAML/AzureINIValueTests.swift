import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// aws-azure-login reads and writes its keys with the npm `ini` package; that package (npm
/// bundles it) is the judge of `AzureINIValue`.
struct NodeFailure: Error, CustomStringConvertible {
  var description: String
}

@Suite("AzureINIValue against npm's ini")
struct AzureINIValueTests {
  /// Values as they may stand after `=` in a config file.
  static let written = [
    "https://signin.aws.amazon.com/saml\\#2", "https://signin.aws.amazon.com/saml#2",
    "\"https://signin.aws.amazon.com/saml#3\"", "'jane@acme.example'", "acme.example ; tenant",
    "urn:x\\;y\\\\z\\q", "\"not json", "'x'y'", "trailing\\", "\"a\\u00e9\\\"b\"", "plain",
  ]
  /// Values ssopick may write.
  static let values = [
    "https://signin.aws.amazon.com/saml#2", "a;b#c", "https://idp/saml2?tenant=x&y=z", " padded ",
    "\"quoted\"", "'single'", "[bracket", "back\\slash", "é and ü", "plain",
  ]

  /// Runs `script` with node, `ini` resolvable wherever this machine's npm keeps it.
  static func node(_ script: String, _ arguments: [String]) async throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    guard
      let node = path.split(separator: ":").map({ "\($0)/node" }).first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else {
      throw NodeFailure(
        description: "No node on PATH: run scripts/bootstrap --test (it installs Node.js and "
          + "npm, whose bundled ini package judges these tests).")
    }
    let root = URL(fileURLWithPath: node).deletingLastPathComponent().deletingLastPathComponent()
    let modules = [
      root.appendingPathComponent("lib/node_modules/npm/node_modules").path,
      "/usr/share/nodejs", "/usr/lib/nodejs", "/usr/lib/node_modules/npm/node_modules",
    ].joined(separator: ":")
    let output = try await ChildProcess.run(
      node, ["-e", script] + arguments, environment: ["NODE_PATH": modules, "PATH": path])
    guard output.status == 0 else {
      throw NodeFailure(description: "node exited \(output.status): \(output.stderr)")
    }
    return output.stdout
  }

  @Test func readsWhatNpmIniReads() async throws {
    let output = try await Self.node(
      """
      const ini = require("ini");
      for (const raw of process.argv.slice(1)) {
        console.log(JSON.stringify(ini.parse("[s]\\nk = " + raw + "\\n").s.k));
      }
      """, Self.written)
    let expected = try output.split(separator: "\n").map {
      try JSONDecoder().decode(String.self, from: Data($0.utf8))
    }
    #expect(expected.count == Self.written.count)
    for (raw, wanted) in zip(Self.written, expected) {
      #expect(AzureINIValue.decode(raw).value == wanted, "\(raw)")
    }
  }

  @Test func writesWhatNpmIniWritesAndReadsBack() async throws {
    let output = try await Self.node(
      """
      const ini = require("ini");
      for (const value of process.argv.slice(1)) {
        const text = ini.stringify({ k: value });
        console.log(JSON.stringify([text.slice(2).trimEnd(), ini.parse(text).k]));
      }
      """, Self.values)
    let lines = output.split(separator: "\n")
    #expect(lines.count == Self.values.count)
    for (value, line) in zip(Self.values, lines) {
      let pair = try JSONDecoder().decode([String].self, from: Data(line.utf8))
      #expect(AzureINIValue.encode(value) == pair[0], "\(value)")
      #expect(pair[1] == value, "npm ini reads \(value) back")
      #expect(AzureINIValue.decode(AzureINIValue.encode(value)).value == value)
    }
  }
}
