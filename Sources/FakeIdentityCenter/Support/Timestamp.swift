import Foundation

/// The timestamp text of the AWS CLI's cache files: `YYYY-MM-DDTHH:MM:SSZ`, UTC, fractional
/// seconds truncated (spec §7.2).
enum Timestamp {
  static func cacheFormat(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second],
      from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    func two(_ value: Int?) -> String {
      let number = value ?? 0
      return number < 10 ? "0\(number)" : "\(number)"
    }
    let year = parts.year ?? 1970
    return "\(year)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):"
      + "\(two(parts.minute)):\(two(parts.second))Z"
  }

  static func epochSeconds(_ date: Date) -> Int64 {
    Int64(date.timeIntervalSince1970.rounded(.down))
  }

  static func epochMilliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
  }

  /// `date` as an HTTP date, `Thu, 01 Jan 2026 00:00:00 GMT` (RFC 9110 IMF-fixdate).
  static func httpDate(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let text = cacheFormat(date)  // YYYY-MM-DDTHH:MM:SSZ
    let scalars = Array(text)
    let year = String(scalars[0..<4])
    let month = Int(String(scalars[5..<7])) ?? 1
    let day = String(scalars[8..<10])
    let time = String(scalars[11..<19])
    let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
    // 1970-01-01 was a Thursday.
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    return "\(weekday), \(day) \(months[max(0, min(11, month - 1))]) \(year) \(time) GMT"
  }

  /// `date` as SigV4's `YYYYMMDDTHHMMSSZ`.
  static func sigV4(_ date: Date) -> String {
    String(cacheFormat(date).filter { $0 != "-" && $0 != ":" })
  }

  /// Parses SigV4's `YYYYMMDDTHHMMSSZ`.
  static func parseSigV4(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z")
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (48...57).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
      let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar.date(
      from: DateComponents(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second))
  }
}
