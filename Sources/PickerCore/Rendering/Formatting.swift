public import Foundation
import SessionEngine

/// Numbers and durations as the picker writes them: deterministic, no locale.
public enum Formatting {
  /// `1204` as `1,204`.
  public static func count(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var grouped = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return (number < 0 ? "-" : "") + grouped
  }

  /// The time from `now` until `date`, e.g. `7 h 12 min`, `52 min`, `less than 1 min`.
  public static func timeLeft(until date: Date, now: Date) -> String {
    let seconds = Int(date.timeIntervalSince(now))
    if seconds < 60 { return "less than 1 min" }
    let minutes = seconds / 60
    if minutes < 60 { return "\(minutes) min" }
    return "\(minutes / 60) h \(minutes % 60) min"
  }

  /// `duration` in seconds.
  public static func seconds(_ duration: Duration) -> TimeInterval {
    let parts = duration.components
    return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
  }

  /// `text` cut to `width` columns, ending in `…` when it was cut.
  public static func truncated(_ text: String, toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    guard DisplayWidth.of(text) > width else { return text }
    var result = ""
    var used = 0
    for character in text {
      let characterWidth = DisplayWidth.of(character)
      if used + characterWidth > width - 1 { break }
      result.append(character)
      used += characterWidth
    }
    return result + "…"
  }
}
