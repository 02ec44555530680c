import CNcursesShim
import Foundation
import PickerCore
import SSOPickTestSupport
import Testing

@testable import PickerCurses

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `CursesTerminal` on a pseudo-terminal: frames reach the screen, keys and signals come
/// back as picker input, another thread can end a wait. (An extension of the serialized
/// shim suite: only one curses screen may be open at a time.)
extension CNcursesShimSmokeTests {
  private func open(_ pty: PseudoTerminal, colors: Bool = false) throws -> CursesTerminal {
    try CursesTerminal(
      options: CursesTerminal.Options(
        path: pty.path, terminalType: "xterm-256color", mouse: false, colors: colors))
  }

  @Test func framesAreDrawnWithWideCharactersAndAttributes() throws {
    let pty = try PseudoTerminal(rows: 5, columns: 30)
    let terminal = try open(pty)
    defer { terminal.close() }
    #expect(terminal.size == TerminalSize(rows: 5, columns: 30))
    #expect(terminal.usesColors == false)
    var frame = Frame(size: TerminalSize(rows: 5, columns: 30))
    frame.put("東京 Analytics", row: 1, column: 2, style: .plain)
    frame.fill(row: 2, column: 0, count: 30, style: .selected)
    frame.put("Cafe\u{301} Ops", row: 2, column: 2, style: .selected)
    frame.cursor = (0, 3)
    terminal.draw(frame)
    let output = pty.readUntil("Ops")
    #expect(output.contains("東京 Analytics"))
    #expect(output.contains("7m  Caf"))  // reverse video (SGR 7) for the highlighted row
    #expect(output.contains("Cafe\u{301} Ops") || output.contains("Café Ops"))
  }

  @Test func keysArriveAsPickerInput() throws {
    let pty = try PseudoTerminal()
    let terminal = try open(pty)
    defer { terminal.close() }
    let cases: [(String, Key)] = [
      ("\u{10}", .control("p")), ("\u{0E}", .control("n")), ("x", .character("x")),
      ("?", .character("?")), ("é", .character("é")), ("\u{7F}", .backspace), ("\r", .enter),
      ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}OP", .function(1)),
      ("\u{1B}OH", .home), ("\u{1B}OF", .end), ("\u{1B}OB", .down), ("\u{15}", .control("u")),
      ("\u{17}", .control("w")), ("\u{03}", .control("c")), ("\u{1B}", .escape),
    ]
    for (typed, key) in cases {
      pty.type(typed)
      #expect(terminal.nextEvent(timeout: .seconds(5)) == .key(key), "\(typed.debugDescription)")
    }
    #expect(terminal.nextEvent(timeout: .milliseconds(10)) == nil)
  }

  @Test func aWakeEndsAWaitAndIsNotLostWhenItComesFirst() throws {
    let pty = try PseudoTerminal()
    let terminal = try open(pty)
    defer { terminal.close() }
    let clock = ContinuousClock()
    terminal.wake()
    var started = clock.now
    #expect(terminal.nextEvent(timeout: .seconds(30)) == nil)
    #expect(clock.now - started < .seconds(10))
    let waker = Thread { terminal.wake() }
    started = clock.now
    waker.start()
    #expect(terminal.nextEvent(timeout: .seconds(30)) == nil)
    #expect(clock.now - started < .seconds(10))
  }

  @Test func aResizeArrivesAsAnEvent() throws {
    let pty = try PseudoTerminal(rows: 24, columns: 80)
    let terminal = try open(pty)
    defer { terminal.close() }
    try pty.resize(rows: 10, columns: 40)
    kill(getpid(), SIGWINCH)
    var event: TerminalEvent?
    for _ in 0..<10 where event == nil {
      event = terminal.nextEvent(timeout: .seconds(2))
    }
    #expect(event == .resize(TerminalSize(rows: 10, columns: 40)))
    #expect(terminal.size == TerminalSize(rows: 10, columns: 40))
  }

  @Test func stopSignalsArriveAsEvents() throws {
    let pty = try PseudoTerminal()
    let terminal = try open(pty)
    defer { terminal.close() }
    for number in [SIGTERM, SIGHUP, SIGINT] {
      kill(getpid(), number)
      // A wait may also end with no event (another signal, such as a child's SIGCHLD while
      // other suites run programs, interrupts it): ask again.
      var event: TerminalEvent?
      for _ in 0..<10 where event == nil {
        event = terminal.nextEvent(timeout: .seconds(2))
      }
      #expect(event == .signal(number))
    }
  }

  @Test func closingTwiceIsHarmlessAndLaterCallsDoNothing() throws {
    let pty = try PseudoTerminal()
    let terminal = try open(pty)
    terminal.close()
    terminal.close()
    terminal.wake()
    terminal.draw(Frame(size: TerminalSize(rows: 1, columns: 1)))
    #expect(terminal.size == TerminalSize(rows: 0, columns: 0))
    #expect(terminal.nextEvent(timeout: .zero) == .signal(1))
  }

  @Test func colorsFollowTheOptionAndTheTerminal() throws {
    let pty = try PseudoTerminal()
    let colored = try open(pty, colors: true)
    #expect(colored.usesColors)
    colored.close()
    let dumb = try CursesTerminal(
      options: CursesTerminal.Options(path: pty.path, terminalType: "vt100", mouse: false))
    #expect(dumb.usesColors == false)
    dumb.close()
  }

  @Test func aMissingTerminalIsAClearError() {
    #expect {
      _ = try CursesTerminal(options: CursesTerminal.Options(path: "/nonexistent/tty"))
    } throws: { error in
      guard let error = error as? TerminalError else { return false }
      return error.reason == .cannotOpen && error.description.contains("ssopick list")
    }
    #expect {
      _ = try CursesTerminal(options: CursesTerminal.Options(path: "/dev/null"))
    } throws: { error in
      (error as? TerminalError)?.reason == .notATerminal
    }
  }
}

/// How styles look with and without colours.
struct PaletteTests {
  @Test func monochromeUsesAttributesOnly() {
    let palette = Palette(colors: false, richColors: false)
    let reverse = UInt32(CNCS_ATTR_REVERSE)
    #expect(palette.attributes(for: .selected) == reverse)
    #expect(palette.attributes(for: .plain) == 0)
    #expect(palette.attributes(for: .match) == UInt32(CNCS_ATTR_BOLD | CNCS_ATTR_UNDERLINE))
    for style in CellStyle.allCases {
      #expect(palette.attributes(for: style) >> 16 == 0, "\(style) uses a colour pair")
    }
  }

  @Test func coloursUsePairsButTheHighlightStaysReverse() {
    let palette = Palette(colors: true, richColors: true)
    #expect(palette.attributes(for: .selected) == UInt32(CNCS_ATTR_REVERSE))
    #expect(palette.attributes(for: .match) >> 16 != 0)
    #expect(palette.attributes(for: .error) >> 16 != 0)
  }

  @Test func controlCharactersDecodeToKeys() {
    #expect(CursesTerminal.decodeText(1) == .key(.control("a")))
    #expect(CursesTerminal.decodeText(26) == .key(.control("z")))
    #expect(CursesTerminal.decodeText(9) == .key(.tab))
    #expect(CursesTerminal.decodeText(0) == nil)
    #expect(CursesTerminal.decodeText(0x9B) == nil)
    #expect(CursesTerminal.decodeText(0x6771) == .key(.character("東")))
  }
}
