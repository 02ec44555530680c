public import Foundation
import SessionEngine
import Synchronization

/// Runs the picker on a terminal until it has an outcome.
///
/// Data flow (one thread, the caller's, owns the terminal and the model):
///
/// ```
///  terminal input ──────────────► ┐
///  catalog events (a task) ─► mailbox ─► Picker.update ─► effects ─► listing.prioritize
///  ticks (the loop's clock) ──────► ┘          │                   └► reload / finish
///                                               └► Picker.view ─► Frame ─► terminal.draw
/// ```
///
/// Input that is already waiting is read in one go and folded into the model together with
/// every catalog event that arrived, then one frame is drawn (only if it differs from the
/// last): a burst of keys or of catalog pages costs one redraw. Ticks come every 100 ms
/// while loading (the spinner), else every second (the time left on the login). When idle,
/// new rows are handed to the matcher, so the first frame never waits for it.
///
/// `run()` blocks: call it on a `Thread` of its own (``runOnOwnThread()`` does), never on the
/// concurrency pool or a global dispatch queue — the catalog task needs the pool, and a
/// 2-core machine has only two of its threads.
public final class PickerProgram: @unchecked Sendable {
  private var model: PickerModel
  private let terminal: any Terminal
  private let feeds: [any CatalogFeed]
  private let clock: @Sendable () -> Date
  private let onDraw: ((PickerModel, Frame) -> Void)?
  private let loginStatus: (@Sendable (Int) async -> LoginStatus)?
  private let mailbox: Mailbox
  private var listings: [CatalogListing] = []
  private var consumers: [Task<Void, Never>] = []
  private var generation = 0
  private var lastFrame: Frame?

  /// When the access token expires and whether it renews itself.
  public struct LoginStatus: Sendable, Equatable {
    /// The access token's expiry, if known.
    public var expiresAt: Date?
    /// Whether a refresh token renews it without the user.
    public var renewable: Bool

    /// Creates a value.
    public init(expiresAt: Date?, renewable: Bool) {
      self.expiresAt = expiresAt
      self.renewable = renewable
    }
  }

  /// Creates a program.
  ///
  /// - Parameters:
  ///   - clock: the time for ticks (tests pass a fixed clock).
  ///   - loginStatus: read at the start and whenever a listing ends (the loader may have
  ///     refreshed the token meanwhile); `nil` shows no login time.
  ///   - onDraw: called after each frame is drawn (the first-frame probe, tests).
  public convenience init(
    model: PickerModel, terminal: any Terminal, feed: any CatalogFeed,
    clock: @escaping @Sendable () -> Date = { Date() },
    loginStatus: (@Sendable () async -> LoginStatus)? = nil,
    onDraw: ((PickerModel, Frame) -> Void)? = nil
  ) {
    var perSession: (@Sendable (Int) async -> LoginStatus)?
    if let loginStatus {
      perSession = { @Sendable _ in await loginStatus() }
    }
    self.init(
      model: model, terminal: terminal, feeds: [feed], clock: clock, loginStatus: perSession,
      onDraw: onDraw)
  }

  /// Creates a program over several sessions: `feeds[i]` is the catalog of the model's
  /// session `i` (``PickerConfiguration/sessions``), all listed at once (each session's
  /// loader paces itself against its own service); `loginStatus` is asked per session.
  public init(
    model: PickerModel, terminal: any Terminal, feeds: [any CatalogFeed],
    clock: @escaping @Sendable () -> Date = { Date() },
    loginStatus: (@Sendable (Int) async -> LoginStatus)? = nil,
    onDraw: ((PickerModel, Frame) -> Void)? = nil
  ) {
    self.model = model
    self.terminal = terminal
    self.feeds = feeds
    self.clock = clock
    self.loginStatus = loginStatus
    self.onDraw = onDraw
    self.mailbox = Mailbox(waker: TerminalWaker(terminal))
  }

  /// The model as it is now (after `run()`, as it ended).
  public var currentModel: PickerModel { model }

  /// Runs ``run()`` on a new thread and returns its outcome; the program must not be used
  /// otherwise meanwhile.
  public func runOnOwnThread() async -> PickerOutcome {
    await withCheckedContinuation { continuation in
      let thread = Thread { continuation.resume(returning: self.run()) }
      thread.name = "ssopick picker"
      thread.start()
    }
  }

  /// Runs until the picker has an outcome and returns it. The terminal is left open; the
  /// caller closes it.
  public func run() -> PickerOutcome {
    model.size = terminal.size
    startListing(refresh: false)
    var effects = Picker.start(&model)
    effects += Picker.update(&model, .tick(clock()))
    perform(effects)
    drawIfChanged()
    var nextTick = clock().addingTimeInterval(tickInterval)
    while model.outcome == nil {
      var timeout = max(0, nextTick.timeIntervalSince(clock()))
      if Picker.idle(&model) { timeout = 0 }
      var messages: [PickerMsg] = []
      if let event = terminal.nextEvent(timeout: .milliseconds(Int(timeout * 1000))) {
        messages.append(event.message)
        // Take whatever else is already waiting, so a burst is one update and one frame.
        while messages.count < 256, let more = terminal.nextEvent(timeout: .zero) {
          messages.append(more.message)
        }
      }
      messages += mailbox.take(generation: generation)
      let now = clock()
      if now >= nextTick {
        messages.append(.tick(now))
        nextTick = now.addingTimeInterval(tickInterval)
      }
      guard !messages.isEmpty else { continue }
      perform(Picker.update(&model, messages))
      if model.outcome == nil { drawIfChanged() }
    }
    stopListing()
    return model.outcome ?? .cancelled
  }

  private var tickInterval: TimeInterval { model.loading.isLoading ? 0.1 : 1 }

  private func perform(_ effects: [PickerEffect]) {
    for effect in effects {
      switch effect {
      case .prioritize(let accountID, let source):
        if listings.indices.contains(source) { listings[source].prioritize(accountID: accountID) }
      case .reloadCatalog:
        stopListing()
        startListing(refresh: true)
      case .finish: break
      }
    }
  }

  private func drawIfChanged() {
    let frame = Picker.view(model)
    guard frame != lastFrame else { return }
    terminal.draw(frame)
    lastFrame = frame
    onDraw?(model, frame)
  }

  private func startListing(refresh: Bool) {
    generation += 1
    let mailbox = mailbox
    let generation = generation
    let loginStatus = loginStatus
    for (source, feed) in feeds.enumerated() {
      let listing = feed.open(refresh: refresh)
      listings.append(listing)
      if let loginStatus {
        Task.detached {
          let status = await loginStatus(source)
          mailbox.post(
            .login(expiresAt: status.expiresAt, renewable: status.renewable, source: source),
            generation: generation)
        }
      }
      consumers.append(
        Task.detached {
          for await event in listing.events {
            mailbox.post(.catalog(event, source: source), generation: generation)
          }
          if let loginStatus, !Task.isCancelled {
            let status = await loginStatus(source)
            mailbox.post(
              .login(expiresAt: status.expiresAt, renewable: status.renewable, source: source),
              generation: generation)
          }
          mailbox.post(.catalogEnded(source: source), generation: generation)
        })
    }
  }

  private func stopListing() {
    for listing in listings { listing.cancel() }
    for consumer in consumers { consumer.cancel() }
    listings = []
    consumers = []
  }
}

/// Messages from other threads for the run loop, tagged with the listing they belong to
/// (events of a listing that was replaced by Ctrl-R are dropped).
final class Mailbox: Sendable {
  private let messages = Mutex<[(generation: Int, message: PickerMsg)]>([])
  private let waker: TerminalWaker

  init(waker: TerminalWaker) {
    self.waker = waker
  }

  func post(_ message: PickerMsg, generation: Int) {
    let wasEmpty = messages.withLock { messages in
      defer { messages.append((generation, message)) }
      return messages.isEmpty
    }
    if wasEmpty { waker.wake() }
  }

  func take(generation: Int) -> [PickerMsg] {
    messages.withLock { messages in
      defer { messages.removeAll() }
      return messages.filter { $0.generation == generation }.map(\.message)
    }
  }
}

/// Lets other threads wake the terminal's wait (``Terminal/wake()`` is thread-safe).
final class TerminalWaker: @unchecked Sendable {
  private let terminal: any Terminal

  init(_ terminal: any Terminal) {
    self.terminal = terminal
  }

  func wake() { terminal.wake() }
}
