public import Foundation

/// HTTP dates (RFC 9110 §5.6.7), as servers send them in `Date`: only the preferred
/// IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT`, which every AWS service uses.
public enum HTTPDate {
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// The moment `text` names, or `nil` when it is not an IMF-fixdate.
  public static func parse(_ text: String) -> Date? {
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    guard words.count == 6, words[0].hasSuffix(","), words[5] == "GMT",
      let day = Int(words[1]), words[1].count == 2,
      let month = months.firstIndex(of: String(words[2])),
      let year = Int(words[3]), words[3].count == 4
    else { return nil }
    let time = words[4].split(separator: ":", omittingEmptySubsequences: false)
    guard time.count == 3, time.allSatisfy({ $0.count == 2 }), let hour = Int(time[0]),
      let minute = Int(time[1]), let second = Int(time[2]), (1...31).contains(day),
      hour < 24, minute < 60, second < 61
    else { return nil }
    let text = String(
      format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month + 1, day, hour, minute, second)
    return AWSTimestamp.parse(text)
  }
}
