import CNcursesShim
import SSOPickTestSupport
import Testing

/// Proves the C shim links against ncursesw and really drives a terminal: it draws wide
/// characters, decodes keys and restores the terminal, on a pseudo-terminal (no real tty
/// needed, so it runs in CI).
@Suite(.serialized)
struct CNcursesShimSmokeTests {
  @Test func drawsUnicodeReadsKeysAndRestoresTheTerminal() throws {
    let pty = try PseudoTerminal(rows: 24, columns: 80)
    var error: Int32 = 0
    var systemError: Int32 = 0
    let opened = cncs_open(pty.path, "xterm-256color", 0, &error, &systemError)
    let screen = try #require(opened, "cncs_open failed: \(error)/\(systemError)")

    #expect(cncs_rows(screen) == 24)
    #expect(cncs_cols(screen) == 80)

    let text = "héllo wörld 東京"
    text.withCString { cncs_draw_text(screen, 2, 3, $0, Int32(text.utf8.count), 0) }
    cncs_refresh(screen)
    let drawn = pty.readUntil("東京")
    #expect(drawn.contains("héllo wörld 東京"))

    var event = cncs_event()
    pty.type("\u{1b}OA")  // xterm's "cursor up" in keypad (application) mode
    #expect(cncs_read_event(screen, 2000, &event) == 0)
    #expect(event.kind == Int32(CNCS_EVENT_KEY) && event.code == Int32(CNCS_KEY_UP))

    pty.type("é")
    _ = cncs_read_event(screen, 2000, &event)
    #expect(event.kind == Int32(CNCS_EVENT_TEXT) && event.code == 0xE9)

    pty.type("\u{10}")  // Ctrl-P arrives as a control character, not a signal
    _ = cncs_read_event(screen, 2000, &event)
    #expect(event.kind == Int32(CNCS_EVENT_TEXT) && event.code == 0x10)

    pty.type("\r")
    _ = cncs_read_event(screen, 2000, &event)
    #expect(event.kind == Int32(CNCS_EVENT_KEY) && event.code == Int32(CNCS_KEY_ENTER))

    #expect(cncs_read_event(screen, 10, &event) == 0)
    #expect(event.kind == Int32(CNCS_EVENT_NONE))

    cncs_close(screen)
    // rmcup: the alternate screen is left, so the user's scrollback comes back.
    #expect(pty.readUntil("\u{1b}[?1049l").contains("\u{1b}[?1049l"))
  }

  @Test func refusesSomethingThatIsNotATerminal() {
    var error: Int32 = 0
    var systemError: Int32 = 0
    #expect(cncs_open("/dev/null", "xterm", 0, &error, &systemError) == nil)
    #expect(error == Int32(CNCS_ERR_NOT_A_TTY))
    #expect(cncs_open("/nonexistent/tty", "xterm", 0, &error, &systemError) == nil)
    #expect(error == Int32(CNCS_ERR_OPEN_TTY))
  }

  @Test func reportsTheNcursesVersionItWasBuiltWith() {
    #expect(cncs_version() >= 50_000)
  }
}
