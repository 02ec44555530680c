public import Foundation
import SessionEngine

/// The picker's logic: `update` folds messages into the model and asks for effects; `view`
/// draws the model (see `Picker+View.swift`). Neither touches a terminal or the network.
///
/// ```swift
/// var model = PickerModel(configuration: configuration, size: size, now: now)
/// var effects = Picker.start(&model)
/// effects += Picker.update(&model, [.key(.character("p")), .catalog(event)])
/// let frame = Picker.view(model)
/// ```
///
/// `update(_:_:)` in its pure form (model in, model and effects out) is what tests use. The
/// run loop uses the `inout` form: the model owns the matcher's large arrays, and the pure
/// form would copy them on every keystroke.
///
/// Messages take effect in order, whether they come in one batch or one at a time: a key
/// acts on the list as every message before it left it. Editing the query or receiving rows
/// only marks the list as out of date; it is filtered again when a command needs it (a
/// move, Enter, a click) and at the end of the batch, so a pasted line costs one filter pass,
/// not one per character.
public enum Picker {
  /// How many rows the mouse wheel moves.
  public static let wheelStep = 3
  /// How long a notice stays on the status line.
  public static let noticeDuration: TimeInterval = 4

  /// Updates `model` with `msg` and returns it with the effects asked for.
  public static func update(_ model: PickerModel, _ msg: PickerMsg) -> (
    PickerModel, [PickerEffect]
  ) {
    var copy = model
    let effects = update(&copy, CollectionOfOne(msg))
    return (copy, effects)
  }

  /// Updates `model` in place with `msg`.
  public static func update(_ model: inout PickerModel, _ msg: PickerMsg) -> [PickerEffect] {
    update(&model, CollectionOfOne(msg))
  }

  /// Updates `model` in place with every message of `msgs` in order, each acting on the state
  /// the ones before it left (the list is filtered again only when a message needs it, and
  /// once at the end). Messages after the outcome is decided are ignored.
  public static func update(_ model: inout PickerModel, _ msgs: some Sequence<PickerMsg>)
    -> [PickerEffect]
  {
    var effects: [PickerEffect] = []
    for msg in msgs {
      guard model.outcome == nil else { break }
      apply(msg, to: &model, effects: &effects)
    }
    settle(&model, effects: &effects)
    return effects
  }

  /// Work to do while nothing else happens: hands new rows to the matcher, so the next
  /// keystroke only filters. Returns whether there was any. Over several sessions it waits
  /// until every session's first rows are in (their caches, usually a few milliseconds
  /// apart), so the first frame showing them all is not held up by indexing part of them.
  @discardableResult
  public static func idle(_ model: inout PickerModel) -> Bool {
    guard model.store.needsFlush else { return false }
    if model.sessions.count > 1, model.sessions.contains(where: { $0.loading.phase == .starting }) {
      return false
    }
    model.store.flush()
    return true
  }

  /// Brings a new model's list up to date (the initial query) and returns the first effects.
  public static func start(_ model: inout PickerModel) -> [PickerEffect] {
    update(&model, EmptyCollection())
  }

  // MARK: Messages

  private static func apply(
    _ msg: PickerMsg, to model: inout PickerModel, effects: inout [PickerEffect]
  ) {
    switch msg {
    case .key(let key):
      if model.showsHelp {
        handleHelpKey(key, model: &model, effects: &effects)
        return
      }
      if model.selectOnePending && model.selection != .settled {
        // `--select-1` may choose on the rows that arrived before this key.
        settle(&model, effects: &effects)
        guard model.outcome == nil else { return }
      }
      model.selectOnePending = false
      guard let command = KeyTable.command(for: key) else { return }
      perform(command, key: key, mouse: nil, model: &model, effects: &effects)
    case .mouse(let mouse):
      guard !model.showsHelp, let command = KeyTable.command(for: mouse) else { return }
      perform(command, key: nil, mouse: mouse, model: &model, effects: &effects)
    case .resize(let size):
      model.size = size
      keepCursorOnScreen(&model)
    case .tick(let date):
      model.now = date
      if model.loading.isLoading { model.spinnerPhase &+= 1 }
      if let notice = model.notice, notice.until <= date { model.notice = nil }
      for source in model.sessions.indices {
        if let until = model.sessions[source].loading.throttledUntil, until <= date {
          model.sessions[source].loading.throttledUntil = nil
        }
      }
    case .catalog(let event, let source):
      guard model.sessions.indices.contains(source) else { return }
      apply(event, source: source, to: &model)
    case .catalogEnded(let source):
      guard model.sessions.indices.contains(source) else { return }
      if model.sessions[source].loading.isLoading {
        model.sessions[source].loading.phase = .failed(
          "The listing stopped before it finished; press Ctrl-R to try again.")
        model.sessions[source].loading.throttledUntil = nil
      }
    case .login(let date, let renewable, let source):
      guard model.sessions.indices.contains(source) else { return }
      model.sessions[source].loginExpiresAt = date
      model.sessions[source].loginRenewable = renewable
    case .signal(let number):
      finish(.interrupted(signal: number), model: &model, effects: &effects)
    }
  }

  private static func handleHelpKey(
    _ key: Key, model: inout PickerModel, effects: inout [PickerEffect]
  ) {
    if key == .control("c") {
      finish(.cancelled, model: &model, effects: &effects)
    } else if key == .escape || key == .enter || KeyTable.command(for: key) == .toggleHelp {
      model.showsHelp = false
    }
  }

  private static func apply(_ event: CatalogEvent, source: Int, to model: inout PickerModel) {
    switch event {
    case .cached(let catalog):
      model.sessions[source].loading.fromCache = true
      model.sessions[source].loading.phase = .loading
      model.store.load(catalog, source: source)
      changedRows(&model)
    case .accounts(let page, _):
      model.sessions[source].loading.phase = .loading
      for account in page { model.store.addAccount(account, source: source) }
      changedRows(&model)
    case .roles(let accountID, let roleNames):
      model.sessions[source].loading.failedAccounts[accountID] = nil
      model.store.setRoles(roleNames, ofAccount: accountID, source: source)
      changedRows(&model)
    case .accountFailed(let accountID, let message):
      model.sessions[source].loading.failedAccounts[accountID] = message
      model.store.markFailed(accountID, message: message, source: source)
      changedRows(&model)
    case .progress(let progress):
      model.sessions[source].loading.progress = progress
      if model.sessions[source].loading.phase == .starting {
        model.sessions[source].loading.phase = .loading
      }
    case .throttled(let retryIn):
      model.sessions[source].loading.throttledUntil = model.now.addingTimeInterval(
        Formatting.seconds(retryIn))
    case .finished(let catalog, let changes):
      let failures = model.sessions[source].loading.failedAccounts
      model.store.load(catalog, source: source) { failures[$0] ?? "Its roles could not be listed." }
      model.store.compact()
      if model.sessions[source].loading.fromCache, let summary = describe(changes) {
        let prefix = model.configuration.isMultiSession ? model.sessionName(source) + ": " : ""
        notice(prefix + summary, isError: false, model: &model)
      }
      model.sessions[source].loading.phase = .finished
      model.sessions[source].loading.throttledUntil = nil
      model.sessions[source].loading.fromCache = false
      // The portal answered: the session's sign-in works.
      model.sessions[source].signedIn = true
      changedRows(&model)
    case .failed(let message):
      model.sessions[source].loading.phase = .failed(message)
      model.sessions[source].loading.throttledUntil = nil
    }
  }

  // MARK: Commands

  private static func perform(
    _ command: PickerCommand, key: Key?, mouse: MouseEvent?, model: inout PickerModel,
    effects: inout [PickerEffect]
  ) {
    if readsList(command) { refilter(&model) }
    let page = max(1, model.layout.listHeight)
    switch command {
    case .type:
      guard case .character(let character) = key else { return }
      model.query.append(character)
      queryChanged(&model)
    case .moveUp: moveCursor(by: -1, model: &model)
    case .moveDown: moveCursor(by: 1, model: &model)
    case .pageUp: moveCursor(by: -page, model: &model)
    case .pageDown: moveCursor(by: page, model: &model)
    case .first: moveCursor(to: 0, model: &model)
    case .last: moveCursor(to: model.visible.count - 1, model: &model)
    case .scrollUp: moveCursor(by: -wheelStep, model: &model)
    case .scrollDown: moveCursor(by: wheelStep, model: &model)
    case .pointAt:
      guard case .click(let row, _) = mouse else { return }
      let layout = model.layout
      let offset = row - layout.listTop
      guard offset >= 0, offset < layout.listHeight, model.scroll + offset < model.visible.count
      else { return }
      moveCursor(to: model.scroll + offset, model: &model)
    case .choose:
      choose(&model, intent: .use, effects: &effects)
    case .openConsole:
      choose(&model, intent: .console, effects: &effects)
    case .deleteBackward:
      guard !model.query.isEmpty else { return }
      model.query.removeLast()
      queryChanged(&model)
    case .deleteWord:
      guard !model.query.isEmpty else { return }
      while model.query.last?.isWhitespace == true { model.query.removeLast() }
      while let last = model.query.last, !last.isWhitespace { model.query.removeLast() }
      queryChanged(&model)
    case .clearQuery:
      guard !model.query.isEmpty else { return }
      model.query = ""
      queryChanged(&model)
    case .refresh:
      effects.append(.reloadCatalog)
      for source in model.sessions.indices {
        model.sessions[source].loading.phase = .loading
        model.sessions[source].loading.progress = nil
        model.sessions[source].loading.throttledUntil = nil
      }
      model.prioritized = []
      model.lastPrioritized = nil
      notice("Listing accounts and roles again…", isError: false, model: &model)
    case .signIn:
      signIn(&model, effects: &effects)
    case .toggleHelp:
      model.showsHelp.toggle()
    case .cancel:
      finish(.cancelled, model: &model, effects: &effects)
    }
  }

  /// Whether `command` acts on the list (so it must be up to date with the query and rows).
  private static func readsList(_ command: PickerCommand) -> Bool {
    switch command {
    case .moveUp, .moveDown, .pageUp, .pageDown, .first, .last, .scrollUp, .scrollDown,
      .pointAt, .choose, .openConsole:
      true
    case .type, .deleteBackward, .deleteWord, .clearQuery, .refresh, .signIn, .toggleHelp,
      .cancel:
      false
    }
  }

  private static func choose(
    _ model: inout PickerModel, intent: PickerChoice.Intent, effects: inout [PickerEffect]
  ) {
    // The screen only asks for a larger window: nothing is shown, so nothing is chosen.
    guard model.layout.listHeight > 0 else { return }
    guard let row = model.highlightedRow else {
      finish(.nothingChosen, model: &model, effects: &effects)
      return
    }
    switch row.kind {
    case .role(let name):
      finish(
        .chosen(
          PickerChoice(account: row.account, roleName: name, intent: intent, source: row.source)),
        model: &model, effects: &effects)
    case .loading:
      let name = DisplayWidth.sanitized(row.account.accountName)
      notice("The roles of \(name) are still loading.", isError: false, model: &model)
      effects.append(.prioritize(accountID: row.account.accountID, source: row.source))
      model.lastPrioritized = accountKey(row)
    case .failed(let message):
      notice(message, isError: true, model: &model)
    }
  }

  /// Ctrl-L: ends the picker asking the caller to sign in to the highlighted row's session
  /// when it needs it, else to the first session that does.
  private static func signIn(_ model: inout PickerModel, effects: inout [PickerEffect]) {
    let now = model.now
    var target: Int?
    if let row = model.highlightedRow, model.sessions.indices.contains(row.source),
      model.sessions[row.source].needsSignIn(now: now)
    {
      target = row.source
    } else {
      target = model.sessions.firstIndex { $0.needsSignIn(now: now) }
    }
    guard let target else {
      let text =
        model.configuration.isMultiSession ? "Every session is signed in." : "Already signed in."
      notice(text, isError: false, model: &model)
      return
    }
    finish(.signIn(source: target), model: &model, effects: &effects)
  }

  /// Makes a model that ended with ``PickerOutcome/signIn(source:)`` ready to run again: the
  /// outcome cleared, session `source` (when the sign-in worked) marked signed in (its
  /// listing starts again with the new program), `notice` on the status line (why the
  /// sign-in failed), the highlight kept on its row.
  public static func resume(
    _ model: inout PickerModel, signedIn source: Int?, notice text: String? = nil
  ) {
    model.outcome = nil
    if let text { notice(text, isError: true, model: &model) }
    if let source, model.sessions.indices.contains(source) {
      model.sessions[source].signedIn = true
      model.sessions[source].loading = LoadingStatus()
      model.sessions[source].loginExpiresAt = nil
    }
    model.prioritized = []
    model.lastPrioritized = nil
    model.selection = .keep(model.highlightedRow?.key, line: model.cursor - model.scroll)
  }

  private static func accountKey(_ row: PickerRow) -> PickerRow.Key {
    PickerRow.Key(accountID: row.account.accountID, roleName: nil, source: row.source)
  }

  private static func finish(
    _ outcome: PickerOutcome, model: inout PickerModel, effects: inout [PickerEffect]
  ) {
    guard model.outcome == nil else { return }
    model.outcome = outcome
    effects.append(.finish(outcome))
  }

  private static func notice(_ text: String, isError: Bool, model: inout PickerModel) {
    model.notice = PickerModel.Notice(
      text: text, isError: isError, until: model.now.addingTimeInterval(noticeDuration))
  }

  private static func moveCursor(by delta: Int, model: inout PickerModel) {
    moveCursor(to: model.cursor + delta, model: &model)
  }

  private static func moveCursor(to position: Int, model: inout PickerModel) {
    model.cursor = position
    keepCursorOnScreen(&model)
  }

  private static func queryChanged(_ model: inout PickerModel) {
    model.selection = .top
  }

  private static func changedRows(_ model: inout PickerModel) {
    guard model.selection == .settled else { return }
    // Until the user moves, the highlight stays on the first row; after that it follows
    // its row while rows arrive around it.
    let untouched = model.cursor == 0 && model.scroll == 0
    model.selection = .keep(
      untouched ? nil : model.highlightedRow?.key, line: model.cursor - model.scroll)
  }

  private static func describe(_ changes: CatalogChanges) -> String? {
    var parts: [String] = []
    func count(_ number: Int, _ noun: String, _ verb: String) {
      guard number > 0 else { return }
      parts.append("\(Formatting.count(number)) \(noun)\(number == 1 ? "" : "s") \(verb)")
    }
    count(changes.addedAccounts.count, "account", "added")
    count(changes.removedAccounts.count, "account", "removed")
    count(changes.addedRoles.count, "role", "added")
    count(changes.removedRoles.count, "role", "removed")
    return parts.isEmpty ? nil : "Updated from AWS: " + parts.joined(separator: ", ") + "."
  }

  // MARK: Settling

  /// Brings the list up to date at the end of a batch and asks for what it needs.
  private static func settle(_ model: inout PickerModel, effects: inout [PickerEffect]) {
    if model.selection == .settled {
      // Highlights need every row in the matcher; with no query there are none, and the
      // run loop flushes while idle (so the first frame is not delayed by it).
      if !model.search.isEmpty { model.store.flush() }
    }
    refilter(&model)
    guard model.outcome == nil else { return }
    selectOne(&model, effects: &effects)
    prioritizeVisible(&model, effects: &effects)
  }

  /// Filters the rows again if the query or the rows changed since the list was made, and
  /// keeps the cursor on a row and on screen.
  private static func refilter(_ model: inout PickerModel) {
    if model.selection != .settled, model.search.text != model.query {
      model.search = SearchQuery(model.query)
    }
    switch model.selection {
    case .settled:
      break
    case .top:
      model.visible = model.store.matches(model.search)
      model.cursor = 0
      model.scroll = 0
    case .keep(let key, let line):
      model.visible = model.store.matches(model.search)
      if let key, let position = position(of: key, in: model) {
        // The row stays where the eye left it, however many rows arrived above it.
        model.cursor = position
        model.scroll = position - line
      }
    }
    model.selection = .settled
    keepCursorOnScreen(&model)
  }

  /// Keeps the cursor on a row of the list and scrolls so that it is on screen (as
  /// `visibleScroll` draws it), so a click after a move in the same batch finds its row.
  private static func keepCursorOnScreen(_ model: inout PickerModel) {
    model.cursor = min(max(0, model.cursor), max(0, model.visible.count - 1))
    let height = max(1, model.layout.listHeight)
    if model.cursor < model.scroll { model.scroll = model.cursor }
    if model.cursor >= model.scroll + height { model.scroll = model.cursor - height + 1 }
    model.scroll = max(0, min(model.scroll, model.visible.count - height))
  }

  /// The position of `key`'s row, or of the first row of its account (a loading row that
  /// became roles).
  private static func position(of key: PickerRow.Key, in model: PickerModel) -> Int? {
    var sameAccount: Int?
    for (position, index) in model.visible.enumerated() {
      let row = model.store.row(index)
      guard row.account.accountID == key.accountID, row.source == key.source else { continue }
      if row.roleName == key.roleName { return position }
      if sameAccount == nil { sameAccount = position }
    }
    return sameAccount
  }

  private static func selectOne(_ model: inout PickerModel, effects: inout [PickerEffect]) {
    guard model.selectOnePending, model.loading.phase == .finished else { return }
    model.selectOnePending = false
    guard model.visible.count == 1, let row = model.highlightedRow, let role = row.roleName
    else { return }
    finish(
      .chosen(PickerChoice(account: row.account, roleName: role, source: row.source)),
      model: &model, effects: &effects)
  }

  /// Asks the loader for the roles of loading rows on screen, the highlighted one last
  /// (most urgent).
  private static func prioritizeVisible(
    _ model: inout PickerModel, effects: inout [PickerEffect]
  ) {
    guard model.loading.isLoading, !model.visible.isEmpty else { return }
    let end = min(model.visible.count, model.scroll + max(1, model.layout.listHeight))
    var onScreen: [PickerRow.Key] = []
    for position in model.scroll..<max(model.scroll, end) {
      let row = model.store.row(model.visible[position])
      if row.kind == .loading, !model.prioritized.contains(accountKey(row)) {
        onScreen.append(accountKey(row))
      }
    }
    for key in onScreen.reversed() {
      model.prioritized.insert(key)
      effects.append(.prioritize(accountID: key.accountID, source: key.source))
    }
    if let first = onScreen.first { model.lastPrioritized = first }
    guard let row = model.highlightedRow, row.kind == .loading else { return }
    let key = accountKey(row)
    // The last request is the most urgent: ask again for the highlighted account unless it
    // was just asked for.
    let lastAsked = onScreen.first ?? model.lastPrioritized
    if lastAsked != key {
      effects.append(.prioritize(accountID: key.accountID, source: key.source))
    }
    model.prioritized.insert(key)
    model.lastPrioritized = key
  }
}
