import Foundation
import SessionEngine
import Testing

struct AWSTimestampTests {
  @Test func formatsUTCWithoutFractions() {
    #expect(
      AWSTimestamp.format(Date(timeIntervalSince1970: 1_767_225_600.9)) == "2026-01-01T00:00:00Z")
    #expect(AWSTimestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    #expect(AWSTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    #expect(
      AWSTimestamp.formatWithOffset(Date(timeIntervalSince1970: 1_767_229_200))
        == "2026-01-01T01:00:00+00:00")
  }

  @Test(arguments: [
    "2026-01-01T08:00:00Z", "2026-01-01T08:00:00UTC", "2026-01-01T08:00:00+00:00",
    "2026-01-01 08:00:00Z", "2026-01-01T09:00:00+01:00", "2026-01-01T03:00:00-0500",
  ])
  func parsesTheSpellingsSDKsWrite(text: String) {
    #expect(AWSTimestamp.parse(text) == Date(timeIntervalSince1970: 1_767_254_400))
  }

  @Test func keepsFractionalSeconds() {
    #expect(
      AWSTimestamp.parse("2026-01-01T08:00:00.250Z")
        == Date(timeIntervalSince1970: 1_767_254_400.25))
  }

  @Test(arguments: ["2026-01-01T08:00:00", "", "garbage", "2026-13-01T00:00:00Z", "2026-01-01"])
  func rejectsValuesWithoutAZoneOrMalformed(text: String) {
    #expect(AWSTimestamp.parse(text) == nil)
  }

  @Test func roundTripsEveryDayForFourHundredYears() {
    var seconds: Int64 = -2_208_988_800  // 1900-01-01
    while seconds < 10_413_792_000 {  // 2300-01-01
      let date = Date(timeIntervalSince1970: Double(seconds))
      #expect(AWSTimestamp.parse(AWSTimestamp.format(date)) == date)
      seconds += 86_400 * 7 + 3_661
    }
  }
}
