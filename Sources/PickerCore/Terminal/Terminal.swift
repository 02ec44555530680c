/// A screen and keyboard the picker runs on. `CursesTerminal` (PickerCurses) is the real one;
/// `ScriptedTerminal` (in `SSOPickTestSupport`) plays scripted input and keeps the frames, for
/// tests without a tty.
///
/// Every method except ``wake()`` is called from the run loop's thread only.
public protocol Terminal: AnyObject {
  /// The current size.
  var size: TerminalSize { get }
  /// Shows `frame`.
  func draw(_ frame: Frame)
  /// Waits up to `timeout` (`nil`: for ever) for input and returns it, or `nil` when the
  /// time passed or ``wake()`` was called.
  func nextEvent(timeout: Duration?) -> TerminalEvent?
  /// Makes a waiting ``nextEvent(timeout:)`` return at once. May be called from any thread.
  func wake()
}

/// Input from a terminal.
public enum TerminalEvent: Hashable, Sendable {
  /// A key.
  case key(Key)
  /// The mouse.
  case mouse(MouseEvent)
  /// The terminal's new size.
  case resize(TerminalSize)
  /// A signal that asks the program to stop (its number).
  case signal(Int32)

  /// The message for `update`.
  public var message: PickerMsg {
    switch self {
    case .key(let key): .key(key)
    case .mouse(let mouse): .mouse(mouse)
    case .resize(let size): .resize(size)
    case .signal(let number): .signal(number)
    }
  }
}
