import Foundation
import SessionEngine

extension Picker {
  /// The spinner's frames, one per tick while loading.
  static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

  /// Draws `model` at its own size.
  public static func view(_ model: PickerModel) -> Frame {
    view(model, size: model.size)
  }

  /// Draws `model` on a screen of `size`.
  public static func view(_ model: PickerModel, size: TerminalSize) -> Frame {
    var frame = Frame(size: size)
    let layout = PickerLayout(size: size)
    if layout.isTooSmall {
      drawTooSmall(&frame)
      return frame
    }
    drawTitle(model, layout: layout, into: &frame)
    drawQuery(model, layout: layout, into: &frame)
    drawList(model, layout: layout, into: &frame)
    drawDetail(model, layout: layout, into: &frame)
    drawStatus(model, layout: layout, into: &frame)
    if model.showsHelp { drawHelp(layout: layout, into: &frame) }
    return frame
  }

  private static func drawTooSmall(_ frame: inout Frame) {
    guard frame.size.rows > 0 else { return }
    let long = "Window too small (20x5 at least)"
    let text = DisplayWidth.of(long) <= frame.size.columns ? long : "Too small"
    let column = max(0, (frame.size.columns - DisplayWidth.of(text)) / 2)
    frame.put(text, row: frame.size.rows / 2, column: column, style: .warning)
  }

  // MARK: Title

  private static func drawTitle(_ model: PickerModel, layout: PickerLayout, into frame: inout Frame)
  {
    let row = layout.titleRow
    let width = layout.size.columns
    frame.fill(row: row, column: 0, count: width, style: .title)
    let right = loadingSummary(model)
    let rightWidth = DisplayWidth.of(right.text)
    // The left part yields to the loading summary, which matters more while loading.
    let leftWidth = max(0, width - rightWidth - 2)
    if model.configuration.isMultiSession {
      drawSessionsTitle(model, width: leftWidth, row: row, into: &frame)
      frame.putRightAligned(
        right.text, row: row, end: width - 1, maxWidth: width - 2, style: right.style)
      return
    }
    let session = DisplayWidth.sanitized(model.configuration.sessionName)
    var login: [String] = []
    var expired = false
    if let expiry = model.loginExpiresAt {
      expired = expiry <= model.now
      let left = Formatting.timeLeft(until: expiry, now: model.now) + " left"
      if !expired {
        login = ["login " + left, left]
      } else if model.loginRenewable {
        login = ["login renews on use", "renews"]
        expired = false
      } else {
        login = ["login expired", "expired"]
      }
    }
    // The most complete wording that fits: the program's name goes first, then words.
    var choices: [(String, String?)] = login.map { ("ssopick · " + session, $0) }
    choices += login.map { (session, $0) }
    choices += [("ssopick · " + session, nil), (session, nil)]
    let (label, time) =
      choices.first { label, time in
        DisplayWidth.of(label) + (time.map { 3 + DisplayWidth.of($0) } ?? 0) <= leftWidth - 1
      } ?? (session, nil)
    var column = frame.putHighlighted(
      label, positions: [], row: row, column: 1, width: leftWidth - 1, style: .title,
      matchStyle: .title)
    if let time {
      column = frame.put(" · ", row: row, column: column, style: .title)
      frame.put(time, row: row, column: column, style: expired ? .error : .title)
    }
    frame.putRightAligned(
      right.text, row: row, end: width - 1, maxWidth: width - 2, style: right.style)
  }

  /// The title of a picker over several sessions: their names, and those not signed in
  /// (with the key that signs in) after them in the error style.
  private static func drawSessionsTitle(
    _ model: PickerModel, width: Int, row: Int, into frame: inout Frame
  ) {
    var signedIn: [String] = []
    var signedOut: [String] = []
    for (source, state) in model.sessions.enumerated() {
      let name = DisplayWidth.sanitized(model.sessionName(source))
      if state.isSignedOut(now: model.now) { signedOut.append(name) } else { signedIn.append(name) }
    }
    let names = signedIn.joined(separator: ", ")
    let key = KeyTable.bindings.first { $0.command == .signIn }?.keysText ?? "Ctrl-L"
    var outs: [String] = []
    if !signedOut.isEmpty {
      let list = signedOut.joined(separator: ", ")
      outs = [
        "not signed in: \(list) (\(key) signs in)", "not signed in: \(list) (\(key))",
        "\(list): \(key)", key,
      ]
    }
    let count = "\(model.sessions.count) sessions"
    let labels = ["ssopick · " + names, names, count]
    // The most complete wording that fits, what is not signed in mattering more than the
    // program's name or the other sessions' names.
    var choices: [(String, String?)] = outs.flatMap { out in labels.map { ($0, out) } }
    choices += labels.map { ($0, nil) }
    let (label, warning) =
      choices.first { label, warning in
        DisplayWidth.of(label) + (warning.map { 3 + DisplayWidth.of($0) } ?? 0) <= width - 1
      } ?? (count, nil)
    var column = frame.putHighlighted(
      label, positions: [], row: row, column: 1, width: width - 1, style: .title,
      matchStyle: .title)
    if let warning {
      column = frame.put(" · ", row: row, column: column, style: .title)
      frame.put(warning, row: row, column: column, style: .error)
    }
  }

  private static func loadingSummary(_ model: PickerModel) -> (text: String, style: CellStyle) {
    let accounts = Formatting.count(model.accountCount)
    switch model.loading.phase {
    case .starting:
      return (spinnerFrame(model) + " connecting…", .title)
    case .loading:
      let complete = model.loading.progress?.accountListComplete ?? model.loading.fromCache
      let settled = Formatting.count(model.settledAccountCount)
      let text = "\(spinnerFrame(model)) \(settled)/\(accounts)\(complete ? "" : "+") accounts"
      return (text, .title)
    case .finished:
      let roles = Formatting.count(model.roleRowCount)
      let accountWord = model.accountCount == 1 ? "account" : "accounts"
      let roleWord = model.roleRowCount == 1 ? "role" : "roles"
      return ("\(accounts) \(accountWord) · \(roles) \(roleWord)", .title)
    case .failed:
      return ("listing stopped", .error)
    }
  }

  private static func spinnerFrame(_ model: PickerModel) -> String {
    String(spinner[model.spinnerPhase % spinner.count])
  }

  // MARK: Query

  private static func drawQuery(_ model: PickerModel, layout: PickerLayout, into frame: inout Frame)
  {
    let row = layout.queryRow
    let width = layout.size.columns
    frame.put("> ", row: row, column: 0, style: .prompt)
    let counts = Formatting.count(model.visible.count) + "/" + Formatting.count(model.rowCount)
    let countsWidth = DisplayWidth.of(counts)
    let showsCounts = width >= 2 + countsWidth + 12
    let available = width - 2 - (showsCounts ? countsWidth + 2 : 0) - 1
    let end = frame.put(
      queryTail(model.query, width: available), row: row, column: 2, style: .plain)
    if showsCounts {
      frame.putRightAligned(counts, row: row, maxWidth: countsWidth, style: .muted)
    }
    if !model.showsHelp { frame.cursor = (row, min(end, width - 1)) }
  }

  /// The end of `query` that fits in `width` columns, made safe to show
  /// (`DisplayWidth.sanitized`): a long query shows its end, where the typing happens. Measured from the end, one character at
  /// a time, so the cost is the width shown, not the length of the query (a pasted page).
  static func queryTail(_ query: String, width: Int) -> Substring {
    let text = DisplayWidth.sanitized(query)
    var start = text.endIndex
    var used = 0
    while start > text.startIndex {
      let previous = text.index(before: start)
      used += DisplayWidth.of(text[previous])
      guard used <= width else { break }
      start = previous
    }
    return text[start...]
  }

  // MARK: List

  private static func drawList(_ model: PickerModel, layout: PickerLayout, into frame: inout Frame)
  {
    let height = layout.listHeight
    let scroll = visibleScroll(model, height: height)
    if model.visible.isEmpty {
      let message: String
      if model.loading.isLoading && model.rowCount == 0 {
        message = "Loading accounts…"
      } else if model.rowCount == 0 {
        message = "No accounts."
      } else {
        message = "No account or role matches the query."
      }
      frame.put(message, row: layout.listTop, column: layout.nameColumn, style: .muted)
      return
    }
    let badge = sessionBadgeWidth(model, layout: layout)
    for line in 0..<height {
      let position = scroll + line
      guard position < model.visible.count else { break }
      drawRow(
        model, index: model.visible[position], selected: position == model.cursor,
        row: layout.listTop + line, layout: layout, badge: badge, into: &frame)
    }
  }

  /// The first row on screen: the model's, moved if needed so the cursor is visible at
  /// this size.
  static func visibleScroll(_ model: PickerModel, height: Int) -> Int {
    var scroll = model.scroll
    if model.cursor < scroll { scroll = model.cursor }
    if model.cursor >= scroll + height { scroll = model.cursor - height + 1 }
    return max(0, min(scroll, model.visible.count - height))
  }

  /// One list row; `badge` is the session badge's width (``sessionBadgeWidth(_:layout:)``,
  /// 0 for none).
  private static func drawRow(
    _ model: PickerModel, index: Int, selected: Bool, row: Int, layout: PickerLayout,
    badge: Int, into frame: inout Frame
  ) {
    let item = model.row(index)
    let marks = model.highlights(ofRow: index)
    let base: CellStyle = selected ? .selected : .plain
    let secondary: CellStyle = selected ? .selected : .muted
    let match: CellStyle = selected ? .selectedMatch : .match
    if selected {
      frame.fill(row: row, column: 0, count: layout.size.columns, style: .selected)
      frame.put(">", row: row, column: 0, style: .selected)
    }
    if badge > 0 {
      let state = model.sessions[item.source]
      let stale = state.isSignedOut(now: model.now) || isFailed(state.loading.phase)
      let text = model.sessionName(item.source) + (stale ? "!" : "")
      frame.putHighlighted(
        text, positions: marks.session, row: row, column: layout.size.columns - badge + 1,
        width: badge - 1, style: selected ? .selected : (stale ? .warning : .muted),
        matchStyle: match)
    }
    let roleWidth = max(0, layout.roleWidth - badge)
    frame.putHighlighted(
      item.account.accountName, positions: marks.accountName, row: row,
      column: layout.nameColumn, width: layout.nameWidth, style: base, matchStyle: match)
    if layout.showsAccountIDColumn {
      frame.putHighlighted(
        item.account.accountID, positions: marks.accountId, row: row,
        column: layout.accountIDColumn, width: 12, style: secondary, matchStyle: match)
    }
    switch item.kind {
    case .role(let name):
      frame.putHighlighted(
        name, positions: marks.roleName, row: row, column: layout.roleColumn,
        width: roleWidth, style: base, matchStyle: match)
    case .loading:
      let loading = model.sessions[item.source].loading.isLoading
      let text = loading ? "loading roles…" : "roles not listed"
      frame.putHighlighted(
        text, positions: [], row: row, column: layout.roleColumn, width: roleWidth,
        style: selected ? .selected : (loading ? .loading : .muted),
        matchStyle: base)
    case .failed:
      frame.putHighlighted(
        "roles not listed", positions: [], row: row, column: layout.roleColumn,
        width: roleWidth, style: selected ? .selected : .error, matchStyle: base)
    }
  }

  /// The columns of the session badge at the end of each row (a space and the longest
  /// name, at most 16 and a fifth of the screen), 0 for a picker over one session.
  static func sessionBadgeWidth(_ model: PickerModel, layout: PickerLayout) -> Int {
    guard model.configuration.isMultiSession else { return 0 }
    let longest = model.configuration.sessions.map { DisplayWidth.of($0.name) + 1 }.max() ?? 0
    return min(longest, 16, layout.size.columns / 5) + 1
  }

  private static func isFailed(_ phase: LoadingStatus.Phase) -> Bool {
    if case .failed = phase { return true }
    return false
  }

  // MARK: Detail

  private static func drawDetail(
    _ model: PickerModel, layout: PickerLayout, into frame: inout Frame
  ) {
    let top = layout.detailTop
    let width = layout.size.columns
    guard let item = model.highlightedRow else { return }
    var parts = [item.account.accountID]
    if model.configuration.isMultiSession { parts.insert(model.sessionName(item.source), at: 0) }
    if !item.account.emailAddress.isEmpty { parts.append(item.account.emailAddress) }
    let action: (text: String, style: CellStyle)
    switch item.kind {
    case .role(let name):
      parts.append(name)
      let choice = PickerChoice(account: item.account, roleName: name, source: item.source)
      var text = "Enter: " + model.configuration.describeChoice(choice)
      if model.configuration.isMultiSession,
        model.sessions[item.source].isSignedOut(now: model.now)
      {
        text += " (signs in to \(model.sessionName(item.source)) first)"
      }
      action = (text, .plain)
    case .loading:
      parts.append(model.loading.isLoading ? "roles loading…" : "roles not listed")
      action = (
        model.loading.isLoading ? "Enter: wait for the roles" : "Ctrl-R: list again", .muted
      )
    case .failed(let message):
      parts.append("roles not listed")
      action = ("Roles not listed: " + message, .error)
    }
    let actionText = DisplayWidth.sanitized(action.text)
    guard layout.detailLineCount >= 2 else {
      // One line: the id (not in the list at this width) and what Enter does.
      let short = item.roleName != nil ? String(actionText.dropFirst("Enter: ".count)) : actionText
      var column = frame.putHighlighted(
        item.account.accountID, positions: [], row: top, column: 1, width: width - 2,
        style: .muted, matchStyle: .muted)
      column = frame.put(
        " · ", row: top, column: column, style: .muted, maxWidth: width - 1 - column)
      frame.putHighlighted(
        short, positions: [], row: top, column: column, width: width - 1 - column,
        style: action.style, matchStyle: action.style)
      return
    }
    let line = DisplayWidth.sanitized(parts.joined(separator: " · "))
    var column = frame.putHighlighted(
      DisplayWidth.sanitized(item.account.accountName), positions: [], row: top, column: 1,
      width: width - 2, style: .plain, matchStyle: .plain)
    column = frame.put(" · ", row: top, column: column, style: .muted, maxWidth: width - 1 - column)
    frame.putHighlighted(
      line, positions: [], row: top, column: column, width: width - 1 - column, style: .muted,
      matchStyle: .muted)
    frame.putHighlighted(
      actionText, positions: [], row: top + 1, column: 1, width: width - 2,
      style: action.style, matchStyle: action.style)
  }

  // MARK: Status

  private static func drawStatus(
    _ model: PickerModel, layout: PickerLayout, into frame: inout Frame
  ) {
    var status = statusLine(model)
    if status.text == hint { status.text = hint(fitting: layout.size.columns - 2) }
    frame.putHighlighted(
      DisplayWidth.sanitized(status.text), positions: [], row: layout.statusRow, column: 1,
      width: layout.size.columns - 2, style: status.style, matchStyle: status.style)
  }

  /// The status line: a notice, a failed listing, throttling, failed accounts, or the most
  /// useful keys, whichever comes first.
  static func statusLine(_ model: PickerModel) -> (text: String, style: CellStyle) {
    if let notice = model.notice, notice.until > model.now {
      return (notice.text, notice.isError ? .error : .plain)
    }
    if case .failed(let message) = model.loading.phase {
      return ("Listing stopped: \(message) Ctrl-R tries again.", .error)
    }
    if model.configuration.isMultiSession {
      // A session that stopped while the others listed (one not signed in is in the title).
      for (source, state) in model.sessions.enumerated() where !state.isSignedOut(now: model.now) {
        if case .failed(let message) = state.loading.phase {
          let name = model.sessionName(source)
          return ("Listing of \(name) stopped: \(message) Ctrl-R tries again.", .error)
        }
      }
    }
    if let until = model.loading.throttledUntil, until > model.now {
      let wait = max(1, Int(until.timeIntervalSince(model.now).rounded(.up)))
      return ("AWS is throttling requests; slowing down (next try in \(wait) s).", .warning)
    }
    let failed = model.loading.failedAccounts
    if !failed.isEmpty {
      let names = failed.keys.sorted().prefix(2).map { accountID in
        let name =
          model.sessions.indices.lazy.compactMap { model.store.account(accountID, source: $0) }
          .first?.accountName ?? accountID
        return "\(name): \(failed[accountID] ?? "")"
      }
      let noun = failed.count == 1 ? "account" : "accounts"
      let text =
        "Roles of \(Formatting.count(failed.count)) \(noun) not listed (\(names.joined(separator: "; "))"
        + (failed.count > 2 ? "; …)" : ")")
      return (text, .error)
    }
    return (hint, .muted)
  }

  /// The keys worth knowing, from the key table.
  static var hint: String { hint(fitting: .max) }

  /// The keys worth knowing that fit in `width` columns; the least useful go first.
  static func hint(fitting width: Int) -> String {
    // In the order shown, with how much each is worth when space is short.
    let wanted: [(command: PickerCommand, word: String, importance: Int)] = [
      (.moveUp, "move", 0), (.choose, "choose", 2), (.cancel, "cancel", 1),
      (.toggleHelp, "help", 3),
    ]
    var items = wanted.compactMap { item -> (text: String, importance: Int)? in
      guard let binding = KeyTable.bindings.first(where: { $0.command == item.command }),
        let trigger = binding.triggers.first
      else { return nil }
      let keys = item.command == .moveUp ? "↑↓" : trigger.description
      return ("\(keys) \(item.word)", item.importance)
    }
    while items.count > 1,
      DisplayWidth.of(items.map(\.text).joined(separator: " · ")) > width,
      let least = items.indices.min(by: { items[$0].importance < items[$1].importance })
    {
      items.remove(at: least)
    }
    return items.map(\.text).joined(separator: " · ")
  }

  // MARK: Help

  private static func drawHelp(layout: PickerLayout, into frame: inout Frame) {
    let size = layout.size
    // The help covers everything between the title and the status line.
    for row in layout.queryRow..<layout.statusRow {
      frame.fill(row: row, column: 0, count: size.columns, style: .plain)
    }
    frame.cursor = nil
    let bindings = KeyTable.bindings
    let keysWidth = bindings.map { DisplayWidth.of($0.keysText) }.max() ?? 0
    let helpWidth = bindings.map { DisplayWidth.of($0.help) }.max() ?? 0
    let available = layout.statusRow - layout.queryRow
    // Roomy: a blank line under the border and a closing line; cramped: only the keys.
    let roomy = available >= bindings.count + 4
    let height = min(available, bindings.count + (roomy ? 4 : 2))
    let width = min(size.columns, keysWidth + helpWidth + 7)
    guard width >= 10, height >= 3 else { return }
    let top = layout.queryRow + (available - height) / 2
    let left = (size.columns - width) / 2
    let horizontal = String(repeating: "─", count: width - 2)
    frame.put("┌" + horizontal + "┐", row: top, column: left, style: .border)
    frame.put("└" + horizontal + "┘", row: top + height - 1, column: left, style: .border)
    for row in top + 1..<top + height - 1 {
      frame.put("│", row: row, column: left, style: .border)
      frame.put("│", row: row, column: left + width - 1, style: .border)
    }
    let closeKeys = bindings.first { $0.command == .toggleHelp }?.triggers.first?.description ?? "?"
    let closing = "\(closeKeys) or Esc closes this help"
    frame.put(" Keys ", row: top, column: left + 2, style: .border)
    if !roomy {
      frame.put(
        " " + closing + " ", row: top + height - 1, column: left + 2, style: .border,
        maxWidth: width - 4)
    }
    let firstLine = top + (roomy ? 2 : 1)
    let lines = height - (roomy ? 4 : 2)
    let keyColumn = left + 2
    let helpColumn = min(keyColumn + keysWidth + 2, left + width / 2)
    for (line, binding) in bindings.prefix(max(0, lines)).enumerated() {
      let row = firstLine + line
      if line == lines - 1, bindings.count > lines {
        frame.put(
          "… (a larger window shows all)", row: row, column: keyColumn, style: .muted,
          maxWidth: width - 4)
        break
      }
      frame.putHighlighted(
        binding.keysText, positions: [], row: row, column: keyColumn,
        width: helpColumn - keyColumn - 1, style: .key, matchStyle: .key)
      frame.putHighlighted(
        binding.help, positions: [], row: row, column: helpColumn,
        width: left + width - 2 - helpColumn, style: .plain, matchStyle: .plain)
    }
    if roomy {
      frame.put(
        closing, row: top + height - 2, column: keyColumn, style: .muted, maxWidth: width - 4)
    }
  }
}
