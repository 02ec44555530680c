import SessionEngine
import Testing

@testable import PickerCore

/// Placing text in a frame by display width.
struct FrameTests {
  @Test func wideCharactersFillTwoCellsAndCombiningMarksNone() {
    var frame = Frame(size: TerminalSize(rows: 1, columns: 12))
    let end = frame.put("東京e\u{301}x", row: 0, column: 1, style: .plain)
    #expect(end == 7)
    #expect(frame[0, 1].text == "東")
    #expect(frame[0, 2].isContinuation)
    #expect(frame[0, 3].text == "京")
    #expect(frame[0, 5].text == "e\u{301}")
    #expect(frame[0, 6].text == "x")
    #expect(frame.text(ofRow: 0) == " 東京e\u{301}x     ")
    #expect(DisplayWidth.of(frame.text(ofRow: 0)) == 12)
  }

  @Test func aWideCharacterThatDoesNotFitBecomesASpace() {
    var frame = Frame(size: TerminalSize(rows: 1, columns: 4))
    let end = frame.put("ab東", row: 0, column: 1, style: .match)
    #expect(end == 4)
    #expect(frame.text(ofRow: 0) == " ab ")
    #expect(frame[0, 3].style == .match)
  }

  @Test func writingOverHalfAWideCharacterBlanksTheOtherHalf() {
    var frame = Frame(size: TerminalSize(rows: 1, columns: 6))
    frame.put("東京", row: 0, column: 0, style: .plain)
    frame.put("x", row: 0, column: 1, style: .plain)
    #expect(frame.text(ofRow: 0) == " x京  ")
    frame.put("y", row: 0, column: 2, style: .plain)
    #expect(frame.text(ofRow: 0) == " xy   ")
  }

  @Test func controlCharactersNeverReachTheScreen() {
    var frame = Frame(size: TerminalSize(rows: 1, columns: 8))
    frame.put("a\u{1B}b\r\nc", row: 0, column: 0, style: .plain)
    #expect(frame.text(ofRow: 0) == "a\u{FFFD}b\u{FFFD}c   ")
  }

  @Test func aLongQueryShowsTheEndThatFits() {
    // What the query line showed before it was measured from the end: drop characters from
    // the front until the rest fits.
    func reference(_ query: String, _ width: Int) -> String {
      var shown = Substring(DisplayWidth.sanitized(query))
      while DisplayWidth.of(shown) > width, !shown.isEmpty { shown = shown.dropFirst() }
      return String(shown)
    }
    let queries = [
      "", "prod", "production admin", "東京 analytics 東京", "cafe\u{301} e\u{301}\u{301}x",
      "tab\there\r\nand\u{1B}[31m", "\u{301}lead", "😀👍🏽 ok",
      String(repeating: "payments prod 東京 ", count: 20),
    ]
    for query in queries {
      for width in [-1, 0, 1, 2, 3, 5, 10, 40, 200] {
        let tail = Picker.queryTail(query, width: width)
        #expect(String(tail) == reference(query, width), "\(query.debugDescription) in \(width)")
        #expect(DisplayWidth.of(tail) <= max(0, width))
      }
    }
  }

  @Test func textOutsideTheFrameIsIgnored() {
    var frame = Frame(size: TerminalSize(rows: 2, columns: 3))
    frame.put("abcdef", row: 1, column: 1, style: .plain)
    frame.put("zz", row: 5, column: 0, style: .plain)
    #expect(frame.plainText == "\n ab")
  }

  @Test func theSnapshotShowsTextStylesAndCursor() {
    var frame = Frame(size: TerminalSize(rows: 2, columns: 4))
    frame.put("東a", row: 0, column: 0, style: .match)
    frame.cursor = (1, 2)
    #expect(
      frame.snapshot == "frame 4x2 cursor 1,2\ntext:\n|東a |\n|    |\nstyle:\n|MMM.|\n|....|\n")
  }
}
