import Foundation
public import SessionEngine
import Synchronization

/// How far to trust the cached catalog: `--cached`, `--refresh`, `--max-age`.
public struct CatalogFreshnessRequest: Sendable, Equatable {
  /// `--cached`: the cache whatever its age, never the network.
  public var cachedOnly: Bool
  /// `--refresh`: list again even if the cache is fresh.
  public var refresh: Bool
  /// `--max-age` (else `SSOPICK_CATALOG_MAX_AGE`, else 1 h).
  public var maxAge: String?

  /// Creates a request.
  public init(cachedOnly: Bool = false, refresh: Bool = false, maxAge: String? = nil) {
    self.cachedOnly = cachedOnly
    self.refresh = refresh
    self.maxAge = maxAge
  }

  /// The freshness for `CatalogSource`.
  public func freshness(environment: Environment) throws -> CatalogSource.Freshness {
    if cachedOnly { return .cachedOnly }
    if refresh { return .refresh }
    return .automatic(maxAge: try CatalogSource.maxAge(flag: maxAge, environment: environment))
  }
}

/// The one listing path for commands that need the whole catalog (`list`, `populate`):
/// the session's `CatalogSource` — the cache when fresh, else the concurrent,
/// rate-controlled catalog loader with its guards — read to the end, with progress on a
/// terminal and every account that could not be listed remembered by name.
public struct CatalogReader: Sendable {
  /// The run's files and connections.
  public let workspace: Workspace
  /// The session listed.
  public let session: SessionContext
  /// At most this many requests at once.
  public let maxInFlight: Int?
  /// Whether a progress line is drawn on stderr when it is a terminal (not when several
  /// sessions are read at once: their lines would overwrite each other).
  public let showsProgress: Bool

  /// A reader for `session`.
  public init(
    workspace: Workspace, session: SessionContext, maxInFlight: Int? = nil,
    showsProgress: Bool = true
  ) {
    self.workspace = workspace
    self.session = session
    self.maxInFlight = maxInFlight
    self.showsProgress = showsProgress
  }

  /// Reads the catalog with `freshness` to its end. The loader (and its sign-in) is built
  /// only when the network is needed; it signs in when a person is there to see the prompt.
  public func read(_ freshness: CatalogSource.Freshness) async -> CatalogReading {
    let workspace = workspace
    let session = session
    let maxInFlight = maxInFlight
    let built = Mutex<SessionAuthenticator?>(nil)
    let cache = workspace.catalogCache(for: session)
    let console = workspace.console
    let source = CatalogSource(
      cache: cache, sessionName: session.displayName, time: workspace.context.time,
      makeLoader: {
        let authenticator = workspace.authenticator(
          for: session, login: .whenPersonPresent, maxConnections: maxInFlight)
        built.withLock { $0 = authenticator }
        return workspace.loader(for: session, tokens: authenticator, maxInFlight: maxInFlight)
      },
      onSaveError: { error in
        console.say("Warning: the catalog was listed but not cached: \(error)")
      })
    let progress = ListProgressLine(
      console: console, enabled: showsProgress && workspace.context.terminal.errors)
    var reading = CatalogReading(session: session, cachePath: cache.path)
    for await event in source.open(freshness).events {
      switch event {
      case .cached(let catalog):
        reading.cached = catalog
      case .accounts, .roles:
        reading.listed = true
      case .progress(let value):
        reading.listed = true
        reading.lastProgress = value
        progress.show(value)
      case .throttled:
        progress.noteThrottled()
      case .accountFailed(let accountID, let message):
        reading.failedAccounts.append((accountID, message))
      case .finished(let catalog, let changes):
        reading.finished = (catalog, changes)
      case .failed(let message):
        reading.failure = message
      }
    }
    progress.clear()
    reading.authenticator = built.withLock { $0 }
    return reading
  }
}

/// What one read of the catalog saw, and how it is reported.
public struct CatalogReading: Sendable {
  /// The session.
  public var session: SessionContext
  /// The cache file.
  public var cachePath: String
  /// The cached catalog, when there was one.
  public var cached: Catalog?
  /// The final catalog and what changed.
  public var finished: (catalog: Catalog, changes: CatalogChanges)?
  /// Why the listing stopped, if it did.
  public var failure: String?
  /// Accounts whose roles could not be listed, with why.
  public var failedAccounts: [(accountID: String, message: String)] = []
  /// Whether the portal was used.
  public var listed = false
  /// The last progress seen.
  public var lastProgress: CatalogProgress?
  /// The authenticator the loader used (for `--verbose` notes), if one was built.
  public var authenticator: SessionAuthenticator?

  init(session: SessionContext, cachePath: String) {
    self.session = session
    self.cachePath = cachePath
  }

  /// Whether some accounts' roles are missing.
  public var isIncomplete: Bool { !failedAccounts.isEmpty }

  /// The catalog, or the error to exit 2 with (naming `--cached` when a cache exists).
  public func catalog() throws -> Catalog {
    if let finished { return finished.catalog }
    var message = failure ?? "The catalog listing was interrupted."
    if let cached {
      message +=
        " (`ssopick list --cached` prints the cached catalog from "
        + "\(AWSTimestamp.format(cached.fetchedAt)).)"
    }
    throw CatalogError.listingFailed(message: message)
  }

  /// The name of `accountID` as listed, for messages.
  func accountLabel(_ accountID: String) -> String {
    let accounts = finished?.catalog.accounts ?? cached?.accounts ?? []
    guard let account = accounts.first(where: { $0.accountID == accountID }),
      account.accountName != accountID
    else { return accountID }
    return "\(UntrustedText.escaped(account.accountName)) (\(accountID))"
  }

  /// Names the accounts whose roles could not be listed (all with `verbose`, else 10),
  /// saying what became of them (`consequence`, e.g. "they are left out").
  public func reportFailedAccounts(on console: Console, verbose: Bool, consequence: String) {
    guard !failedAccounts.isEmpty else { return }
    let count = failedAccounts.count
    console.say(
      "ssopick: the roles of \(count) account\(count == 1 ? "" : "s") could not be listed; "
        + "\(consequence):")
    let shown = verbose ? failedAccounts[...] : failedAccounts.prefix(10)
    for failure in shown {
      console.say("  \(accountLabel(failure.accountID)): \(failure.message)")
    }
    if shown.count < count {
      console.say("  … and \(count - shown.count) more (--verbose lists them all).")
    }
  }

  /// One line about the catalog: what a listing changed, or (with `verbose`) where the
  /// catalog came from.
  public func summarize(on console: Console, verbose: Bool) {
    guard let finished else { return }
    let catalog = finished.catalog
    let roles = catalog.roles.values.reduce(0) { $0 + $1.count }
    let size = "\(catalog.accounts.count) accounts, \(roles) roles"
    guard listed else {
      if verbose {
        console.say(
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
      line += "; \(progress.requestsSent) requests, \(progress.throttledResponses) throttled"
    }
    console.say(line)
  }

  private static func count(_ value: Int, _ noun: String, _ verb: String) -> String? {
    value == 0 ? nil : "\(value) \(noun)\(value == 1 ? "" : "s") \(verb)"
  }
}

/// A one-line progress indicator on stderr, redrawn in place (`\r`, erase line), at most
/// ten times a second. Does nothing unless stderr is a terminal.
final class ListProgressLine: Sendable {
  private struct State {
    var lastDrawn: ContinuousClock.Instant?
    var throttledNotes = 0
    var drawn = false
  }

  private let console: Console
  private let enabled: Bool
  private let state = Mutex(State())

  init(console: Console, enabled: Bool) {
    self.console = console
    self.enabled = enabled
  }

  func show(_ progress: CatalogProgress) {
    guard enabled else { return }
    let now = ContinuousClock.now
    let throttledNotes = state.withLock { state -> Int? in
      if let last = state.lastDrawn, now - last < .milliseconds(100) { return nil }
      state.lastDrawn = now
      state.drawn = true
      return state.throttledNotes
    }
    guard let throttledNotes else { return }
    var text = "Listing \(progress.accountsListed) accounts"
    text += progress.accountListComplete ? "" : " (more to come)"
    text += ": roles of \(progress.accountsWithRoles)/\(progress.accountsListed) done"
    if progress.throttledResponses > 0 || throttledNotes > 0 {
      text += " (the portal is throttling; pacing requests)"
    }
    console.writeRawToMessages("\r\u{1B}[K" + text)
  }

  func noteThrottled() {
    state.withLock { $0.throttledNotes += 1 }
  }

  func clear() {
    guard enabled, state.withLock({ $0.drawn }) else { return }
    console.writeRawToMessages("\r\u{1B}[K")
    state.withLock { $0.drawn = false }
  }
}
