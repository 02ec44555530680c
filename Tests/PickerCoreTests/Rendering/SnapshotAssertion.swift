import Foundation
import PickerCore
import Testing

/// Compares a frame with its stored text dump under `Tests/PickerCoreTests/Snapshots/`.
///
/// `RECORD_SNAPSHOTS=1` writes the dump instead — and fails the test, so a new baseline is
/// never accepted without a person reading it and running the tests again. A missing
/// snapshot fails too (CI never records one by itself).
enum SnapshotAssertion {
  static var folder: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Snapshots")
  }

  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

  static func check(
    _ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = folder.appendingPathComponent(name + ".txt")
    let actual = frame.snapshot
    if recording {
      do {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
          "Recorded \(url.lastPathComponent); read it, then run the tests without RECORD_SNAPSHOTS.",
          sourceLocation: sourceLocation)
      } catch {
        Issue.record("Could not write \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "No snapshot \(url.lastPathComponent); record it with RECORD_SNAPSHOTS=1.\n\(actual)",
        sourceLocation: sourceLocation)
      return
    }
    guard expected != actual else { return }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var differences: [String] = []
    for index in 0..<max(expectedLines.count, actualLines.count) {
      let old = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
      let new = index < actualLines.count ? String(actualLines[index]) : "<none>"
      if old != new {
        differences.append("line \(index + 1):\n  expected \(old)\n  actual   \(new)")
      }
    }
    let message: String =
      "\(url.lastPathComponent) differs (re-record with RECORD_SNAPSHOTS=1 if intended):\n"
      + differences.prefix(12).joined(separator: "\n")
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }
}
