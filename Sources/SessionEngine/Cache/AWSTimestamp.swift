public import Foundation

/// Timestamps in the AWS cache files (spec §7.2): written as `YYYY-MM-DDTHH:MM:SSZ` in UTC,
/// read leniently because other SDKs write fractional seconds, `+00:00` offsets or the
/// legacy `UTC` suffix.
public enum AWSTimestamp {
  /// `date` as `YYYY-MM-DDTHH:MM:SSZ` (UTC, fractional seconds truncated).
  public static func format(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let (days, secondOfDay) = floorDivide(seconds, 86_400)
    let (year, month, day) = civilDate(fromDays: days)
    let hour = secondOfDay / 3600
    let minute = (secondOfDay % 3600) / 60
    let second = secondOfDay % 60
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
      + "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
  }

  /// `date` as ISO 8601 with a `+00:00` offset, as `aws configure export-credentials` and
  /// credential_process output use (spec §10).
  public static func formatWithOffset(_ date: Date) -> String {
    String(format(date).dropLast()) + "+00:00"
  }

  /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, as JavaScript's `Date.toISOString()` writes it
  /// (aws-azure-login's `aws_expiration`).
  public static func formatWithMilliseconds(_ date: Date) -> String {
    let whole = date.timeIntervalSince1970.rounded(.down)
    let milliseconds = min(999, Int(((date.timeIntervalSince1970 - whole) * 1000).rounded(.down)))
    return String(format(date).dropLast()) + "." + pad(milliseconds, 3) + "Z"
  }

  /// Parses `YYYY-MM-DD[T ]HH:MM:SS[.fraction](Z|UTC|±HH:MM|±HHMM)`. A value without a zone
  /// is rejected: botocore cannot compare it either (spec §7.2).
  public static func parse(_ text: String) -> Date? {
    let scalars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
    var index = 0
    func number(_ width: Int) -> Int? {
      guard index + width <= scalars.count else { return nil }
      var value = 0
      for byte in scalars[index..<index + width] {
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      index += width
      return value
    }
    func expect(_ separator: Unicode.Scalar) -> Bool {
      guard index < scalars.count, scalars[index] == UInt8(ascii: separator) else { return false }
      index += 1
      return true
    }
    guard let year = number(4), expect("-"), let month = number(2), expect("-"),
      let day = number(2)
    else { return nil }
    guard index < scalars.count, scalars[index] == UInt8(ascii: "T") || scalars[index] == 32
    else { return nil }
    index += 1
    guard let hour = number(2), expect(":"), let minute = number(2), expect(":"),
      let second = number(2)
    else { return nil }
    var fraction = 0.0
    if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
      index += 1
      var scale = 0.1
      while index < scalars.count, scalars[index] >= 48, scalars[index] <= 57 {
        fraction += Double(scalars[index] - 48) * scale
        scale /= 10
        index += 1
      }
    }
    let rest = String(decoding: scalars[index...], as: UTF8.self)
    let offsetSeconds: Int
    switch rest {
    case "Z", "z", "UTC", " UTC", "+00:00", "-00:00", "+0000", "GMT", " GMT": offsetSeconds = 0
    default:
      guard let parsed = parseOffset(rest) else { return nil }
      offsetSeconds = parsed
    }
    guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let total = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    return Date(timeIntervalSince1970: Double(total) + fraction)
  }

  private static func parseOffset(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
      return nil
    }
    let digits = bytes.dropFirst().filter { $0 != UInt8(ascii: ":") }
    guard digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    let values = digits.map { Int($0 - 48) }
    let seconds = (values[0] * 10 + values[1]) * 3600 + (values[2] * 10 + values[3]) * 60
    return sign == UInt8(ascii: "+") ? seconds : -seconds
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int, Int) {
    var quotient = value / divisor
    var remainder = value % divisor
    if remainder < 0 {
      quotient -= 1
      remainder += divisor
    }
    return (Int(quotient), Int(remainder))
  }

  // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian
  // calendar, no Calendar/TimeZone (and no ICU) needed on the hot start-up path.
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func civilDate(fromDays days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex + (monthIndex < 10 ? 3 : -9)
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
