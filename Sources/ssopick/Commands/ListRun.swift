import Foundation
import SessionEngine

/// What one `ssopick list` saw on the catalog stream, and how it is reported.
struct ListRun {
  var cached: Catalog?
  var finished: (catalog: Catalog, changes: CatalogChanges)?
  var failure: String?
  var failedAccounts: [(accountID: String, message: String)] = []
  /// Whether the portal was used (any listing event arrived).
  var listed = false
  var lastProgress: CatalogProgress?

  /// Reads `listing` to its end, showing progress.
  static func consume(_ listing: CatalogListing, progress: ListProgressLine) async -> ListRun {
    var run = ListRun()
    for await event in listing.events {
      switch event {
      case .cached(let catalog):
        run.cached = catalog
      case .accounts, .roles:
        run.listed = true
      case .progress(let value):
        run.listed = true
        run.lastProgress = value
        progress.show(value)
      case .throttled:
        progress.noteThrottled()
      case .accountFailed(let accountID, let message):
        run.failedAccounts.append((accountID, message))
      case .finished(let catalog, let changes):
        run.finished = (catalog, changes)
      case .failed(let message):
        run.failure = message
      }
    }
    progress.clear()
    return run
  }

  /// The catalog to print, or the error to exit 2 with.
  func catalog(cachePath: String) throws -> Catalog {
    if let finished { return finished.catalog }
    var message = failure ?? "The catalog listing was interrupted."
    if let cached {
      message +=
        " (`ssopick list --cached` prints the cached catalog from "
        + "\(AWSTimestamp.format(cached.fetchedAt)).)"
    }
    throw CatalogError.listingFailed(message: message)
  }

  /// Names the accounts whose roles could not be listed (all with --verbose, else 10).
  func reportFailedAccounts(verbose: Bool) {
    guard !failedAccounts.isEmpty else { return }
    let count = failedAccounts.count
    StandardError.write(
      "ssopick: the roles of \(count) account\(count == 1 ? "" : "s") could not be listed; "
        + "\(count == 1 ? "it is" : "they are") left out:")
    let shown = verbose ? failedAccounts[...] : failedAccounts.prefix(10)
    for failure in shown {
      StandardError.write("  \(failure.accountID): \(failure.message)")
    }
    if shown.count < count {
      StandardError.write("  … and \(count - shown.count) more (--verbose lists them all).")
    }
  }

  /// One line about the catalog: what a listing changed, or (with --verbose) where the
  /// catalog came from.
  func summarize(verbose: Bool, cachePath: String) {
    guard let finished else { return }
    let catalog = finished.catalog
    let roles = catalog.roles.values.reduce(0) { $0 + $1.count }
    let size = "\(catalog.accounts.count) accounts, \(roles) roles"
    guard listed else {
      if verbose {
        StandardError.write(
          "ssopick: cached catalog from \(AWSTimestamp.format(catalog.fetchedAt)) (\(size)); "
            + "\(cachePath)")
      }
      return
    }
    let changes = finished.changes
    var line: String
    if cached == nil && changes.isEmpty {
      guard verbose else { return }
      line = "ssopick: listed \(size)"
    } else if changes.isEmpty {
      guard verbose else { return }
      line = "ssopick: catalog refreshed, no changes (\(size))"
    } else {
      line =
        "ssopick: catalog refreshed: "
        + [
          Self.count(changes.addedAccounts.count, "account", "added"),
          Self.count(changes.removedAccounts.count, "account", "removed"),
          Self.count(changes.addedRoles.count, "role", "added"),
          Self.count(changes.removedRoles.count, "role", "removed"),
        ].compactMap { $0 }.joined(separator: ", ") + " (\(size))"
    }
    if verbose, let progress = lastProgress {
      line +=
        "; \(progress.requestsSent) requests, \(progress.throttledResponses) throttled"
    }
    StandardError.write(line)
  }

  private static func count(_ value: Int, _ noun: String, _ verb: String) -> String? {
    value == 0 ? nil : "\(value) \(noun)\(value == 1 ? "" : "s") \(verb)"
  }
}
