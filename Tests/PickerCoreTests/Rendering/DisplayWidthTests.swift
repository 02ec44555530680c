import Foundation
import PickerCore
import SessionEngine
import Testing

/// Display width: CJK and emoji take two columns, combining marks none.
struct DisplayWidthTests {
  @Test(arguments: [
    ("a", 1), ("é", 1), ("e\u{301}", 1), ("東", 2), ("ｱ", 1), ("Ａ", 2), ("한", 2), ("😀", 2),
    ("👩‍💻", 2), ("❤\u{FE0F}", 2), ("❤", 1), ("🇩🇪", 2), ("\u{301}", 0), ("\u{200B}", 0),
    ("\u{1B}", 1), ("Ω", 1), ("ﬁ", 1),
  ])
  func widthOfOneCharacter(text: String, width: Int) {
    #expect(text.count == 1)
    #expect(DisplayWidth.of(Character(text)) == width)
  }

  @Test func widthOfText() {
    #expect(DisplayWidth.of("東京 Analytics") == 14)
    #expect(DisplayWidth.of("Cafe\u{301} Ops") == 8)
    #expect(DisplayWidth.of("") == 0)
  }

  @Test func controlCharactersAreNeutralised() {
    #expect(DisplayWidth.sanitized("a\u{1B}[31mb\tc\u{9B}") == "a\u{FFFD}[31mb c\u{FFFD}")
    #expect(DisplayWidth.sanitized("plain") == "plain")
  }

  @Test func truncationCountsColumnsNotCharacters() {
    #expect(Formatting.truncated("東京 Analytics", toWidth: 6) == "東京 …")
    #expect(Formatting.truncated("東京 Analytics", toWidth: 4) == "東…")
    #expect(Formatting.truncated("Production", toWidth: 10) == "Production")
    #expect(Formatting.truncated("Production", toWidth: 5) == "Prod…")
  }

  @Test func numbersAndDurations() {
    #expect(Formatting.count(0) == "0")
    #expect(Formatting.count(812) == "812")
    #expect(Formatting.count(1204) == "1,204")
    #expect(Formatting.count(20_000_000) == "20,000,000")
    let now = Fixtures.start
    #expect(Formatting.timeLeft(until: now.addingTimeInterval(30), now: now) == "less than 1 min")
    #expect(Formatting.timeLeft(until: now.addingTimeInterval(52 * 60 + 59), now: now) == "52 min")
    #expect(
      Formatting.timeLeft(until: now.addingTimeInterval(7 * 3600 + 720), now: now) == "7 h 12 min")
  }
}
