import Foundation
import SessionEngine

/// A one-line progress indicator on stderr, redrawn in place (`\r`, erase line), at most
/// ten times a second. Does nothing unless stderr is a terminal.
final class ListProgressLine {
  private let enabled: Bool
  private var lastDrawn: ContinuousClock.Instant?
  private var throttledNotes = 0
  private var drawn = false

  init(enabled: Bool) {
    self.enabled = enabled
  }

  func show(_ progress: CatalogProgress) {
    guard enabled else { return }
    let now = ContinuousClock.now
    if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
    lastDrawn = now
    var text = "Listing \(progress.accountsListed) accounts"
    text += progress.accountListComplete ? "" : " (more to come)"
    text += ": roles of \(progress.accountsWithRoles)/\(progress.accountsListed) done"
    if progress.throttledResponses > 0 || throttledNotes > 0 {
      text += " (the portal is throttling; pacing requests)"
    }
    draw(text)
  }

  func noteThrottled() {
    throttledNotes += 1
  }

  func clear() {
    guard enabled, drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    drawn = false
  }

  private func draw(_ text: String) {
    drawn = true
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
  }
}
