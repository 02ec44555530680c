import CNcursesShim
import Foundation
public import PickerCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real ``Terminal``: ncurses on `/dev/tty` (through `CNcursesShim`), so stdin and stdout
/// stay free for data and the result.
///
/// It only copies frames to the screen and decodes input; layout is `Picker.view`'s. Every
/// call except ``wake()`` must come from one thread (the run loop's); ``close()`` restores
/// the terminal and is safe to call more than once.
public final class CursesTerminal: Terminal, @unchecked Sendable {
  /// How to open the terminal.
  public struct Options: Sendable, Equatable {
    /// The terminal device.
    public var path: String
    /// The terminal type, or `nil` for `$TERM`.
    public var terminalType: String?
    /// Whether to ask for mouse-wheel and click events.
    public var mouse: Bool
    /// Whether colours may be used (`false` for `NO_COLOR`); attributes are used either way,
    /// and a terminal without colours gets attributes only.
    public var colors: Bool

    /// Creates options; by default `/dev/tty`, `$TERM`, mouse on, colours on.
    public init(
      path: String = "/dev/tty", terminalType: String? = nil, mouse: Bool = true,
      colors: Bool = true
    ) {
      self.path = path
      self.terminalType = terminalType
      self.mouse = mouse
      self.colors = colors
    }
  }

  /// The curses screen; valid until ``close()``.
  private let handle: OpaquePointer
  /// Whether ``close()`` has not run yet. ``wake()`` (any thread) and ``close()`` call
  /// curses under this lock, so a wake never touches a screen being closed.
  private let isOpen = Mutex(true)
  private let palette: Palette

  /// Opens the terminal and starts curses on it (alternate screen, raw mode, keypad).
  public init(options: Options = Options()) throws(TerminalError) {
    var error: Int32 = 0
    var systemError: Int32 = 0
    let opened: OpaquePointer? = options.path.withCString { path in
      if let type = options.terminalType {
        return type.withCString { cncs_open(path, $0, options.mouse ? 1 : 0, &error, &systemError) }
      }
      return cncs_open(path, nil, options.mouse ? 1 : 0, &error, &systemError)
    }
    guard let opened else {
      throw TerminalError(code: error, systemError: systemError, options: options)
    }
    handle = opened
    let colorCount = cncs_color_count(opened)
    palette = Palette(colors: options.colors && colorCount >= 8, richColors: colorCount >= 16)
    palette.definePairs(on: opened)
  }

  deinit { close() }

  /// Restores the terminal (leaves the alternate screen, shows the cursor, resets modes).
  public func close() {
    isOpen.withLock { open in
      guard open else { return }
      cncs_close(handle)
      open = false
    }
  }

  /// The screen while open. Only the run loop's thread calls this, and only that thread
  /// closes the screen, so the pointer stays valid for as long as the caller uses it.
  private var screen: OpaquePointer? {
    isOpen.withLock { $0 } ? handle : nil
  }

  /// Whether the palette uses colours (not for `NO_COLOR` or a monochrome terminal).
  public var usesColors: Bool { palette.colors }

  /// The current size.
  public var size: TerminalSize {
    guard let screen else { return TerminalSize(rows: 0, columns: 0) }
    return TerminalSize(rows: Int(cncs_rows(screen)), columns: Int(cncs_cols(screen)))
  }

  /// Copies `frame` to the screen (curses sends only what changed).
  public func draw(_ frame: Frame) {
    guard let screen else { return }
    cncs_erase(screen)
    let columns = min(frame.size.columns, Int(cncs_cols(screen)))
    for row in 0..<min(frame.size.rows, Int(cncs_rows(screen))) {
      drawRow(frame.row(row), row: row, columns: columns, on: screen)
    }
    if let cursor = frame.cursor {
      cncs_move_cursor(screen, Int32(cursor.row), Int32(cursor.column))
      cncs_show_cursor(screen, 1)
    } else {
      cncs_show_cursor(screen, 0)
    }
    cncs_refresh(screen)
  }

  /// Draws runs of equally styled cells: an ASCII run in one call, other characters one by
  /// one at the column the frame gives them (so a terminal whose idea of a character's
  /// width differs from ours misplaces only that character).
  private func drawRow(
    _ cells: ArraySlice<Frame.Cell>, row: Int, columns: Int, on screen: OpaquePointer
  ) {
    let base = cells.startIndex
    var column = 0
    while column < columns {
      let style = cells[base + column].style
      var end = column
      var ascii = true
      var blank = true
      while end < columns, cells[base + end].style == style {
        let text = cells[base + end].text
        if text != " " { blank = false }
        if text.utf8.count != 1 || (text.utf8.first ?? 0) >= 0x80 { ascii = false }
        end += 1
      }
      let attributes = palette.attributes(for: style)
      if blank && attributes == 0 {
        // Erased cells are already blank.
      } else if ascii {
        var text = ""
        for index in column..<end { text += cells[base + index].text }
        put(text, row: row, column: column, attributes: attributes, on: screen)
      } else {
        for index in column..<end where !cells[base + index].isContinuation {
          put(cells[base + index].text, row: row, column: index, attributes: attributes, on: screen)
        }
      }
      column = end
    }
  }

  private func put(
    _ text: String, row: Int, column: Int, attributes: UInt32, on screen: OpaquePointer
  ) {
    var text = text
    text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { characters in
        guard let start = characters.baseAddress else { return }
        cncs_draw_text(
          screen, Int32(row), Int32(column), start, Int32(characters.count), attributes)
      }
    }
  }

  /// Waits for input (see ``Terminal/nextEvent(timeout:)``).
  public func nextEvent(timeout: Duration?) -> TerminalEvent? {
    guard let screen else { return .signal(1) }
    var milliseconds: Int32 = -1
    if let timeout {
      let parts = timeout.components
      let total = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
      milliseconds = Int32(clamping: max(0, total))
    }
    var event = cncs_event()
    _ = cncs_read_event(screen, milliseconds, &event)
    return Self.decode(event)
  }

  /// Ends a wait in ``nextEvent(timeout:)`` from any thread.
  public func wake() {
    isOpen.withLock { open in
      if open { cncs_wake(handle) }
    }
  }

  /// The picker's input for a shim event.
  static func decode(_ event: cncs_event) -> TerminalEvent? {
    switch event.kind {
    case Int32(CNCS_EVENT_TEXT):
      return decodeText(event.code)
    case Int32(CNCS_EVENT_KEY):
      return decodeKey(event.code).map(TerminalEvent.key)
    case Int32(CNCS_EVENT_RESIZE):
      return .resize(TerminalSize(rows: Int(event.y), columns: Int(event.x)))
    case Int32(CNCS_EVENT_MOUSE):
      switch event.code {
      case Int32(CNCS_MOUSE_WHEEL_UP): return .mouse(.wheelUp)
      case Int32(CNCS_MOUSE_WHEEL_DOWN): return .mouse(.wheelDown)
      case Int32(CNCS_MOUSE_CLICK): return .mouse(.click(row: Int(event.y), column: Int(event.x)))
      default: return nil
      }
    case Int32(CNCS_EVENT_SIGNAL):
      return .signal(event.code)
    default:
      return nil
    }
  }

  /// A character from the keyboard: control characters become keys, the rest text.
  static func decodeText(_ code: Int32) -> TerminalEvent? {
    switch code {
    case 27: return .key(.escape)
    case 9: return .key(.tab)
    case 10, 13: return .key(.enter)
    case 8, 127: return .key(.backspace)
    case 1...26:
      guard let scalar = Unicode.Scalar(UInt32(96 + code)) else { return nil }
      return .key(.control(Character(scalar)))
    case 0, 28...31, 0x80..<0xA0: return nil
    default:
      guard code > 0, let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
      return .key(.character(Character(scalar)))
    }
  }

  private static func decodeKey(_ code: Int32) -> Key? {
    switch code {
    case Int32(CNCS_KEY_UP): .up
    case Int32(CNCS_KEY_DOWN): .down
    case Int32(CNCS_KEY_LEFT): .left
    case Int32(CNCS_KEY_RIGHT): .right
    case Int32(CNCS_KEY_HOME): .home
    case Int32(CNCS_KEY_END): .end
    case Int32(CNCS_KEY_PAGE_UP): .pageUp
    case Int32(CNCS_KEY_PAGE_DOWN): .pageDown
    case Int32(CNCS_KEY_BACKSPACE): .backspace
    case Int32(CNCS_KEY_DELETE): .delete
    case Int32(CNCS_KEY_ENTER): .enter
    case Int32(CNCS_KEY_BACK_TAB): .backTab
    case Int32(CNCS_KEY_F1)...Int32(CNCS_KEY_F12): .function(Int(code - Int32(CNCS_KEY_F1)) + 1)
    default: nil
    }
  }
}

extension CursesTerminal {
  /// Checks that `path` (normally `/dev/tty`) can be opened as a terminal, without starting
  /// curses: a command can fail early, before it signs in or lists anything.
  public static func checkAvailable(path: String = "/dev/tty") throws(TerminalError) {
    let options = Options(path: path)
    let fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard fd >= 0 else {
      throw TerminalError(code: Int32(CNCS_ERR_OPEN_TTY), systemError: errno, options: options)
    }
    defer { closeDescriptor(fd) }
    guard isatty(fd) == 1 else {
      throw TerminalError(code: Int32(CNCS_ERR_NOT_A_TTY), systemError: 0, options: options)
    }
  }
}

// `close` is shadowed inside `CursesTerminal`; this reaches the C function.
private func closeDescriptor(_ fd: Int32) {
  _ = close(fd)
}
