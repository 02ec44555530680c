import Foundation

extension CatalogSource {
  /// The variable that sets the maximum age when `--max-age` is not given.
  public static let maxAgeVariable = "SSOPICK_CATALOG_MAX_AGE"

  /// The maximum age to use: `flag` (from `--max-age`) if given, else
  /// `SSOPICK_CATALOG_MAX_AGE` if set and not empty, else `defaultMaxAge` (1 hour).
  public static func maxAge(flag: String?, environment: Environment) throws(CatalogError)
    -> Duration
  {
    if let flag {
      guard let value = parseDuration(flag) else {
        throw .invalidMaxAge(text: flag, source: "--max-age")
      }
      return value
    }
    if let text = environment.nonEmpty(maxAgeVariable) {
      guard let value = parseDuration(text) else {
        throw .invalidMaxAge(text: text, source: maxAgeVariable)
      }
      return value
    }
    return defaultMaxAge
  }

  /// Reads `90`, `90s`, `30m`, `1h`, `2d` or a sum such as `1h30m` (seconds, minutes,
  /// hours, days). `nil` for anything else.
  public static func parseDuration(_ text: String) -> Duration? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    if let seconds = Int64(trimmed), seconds >= 0 { return .seconds(seconds) }
    var total: Int64 = 0
    var number: Int64?
    for character in trimmed {
      if let digit = character.wholeNumberValue, character.isASCII {
        let (product, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
        guard !overflow else { return nil }
        number = product + Int64(digit)
        continue
      }
      let unit: Int64
      switch character {
      case "s": unit = 1
      case "m": unit = 60
      case "h": unit = 3_600
      case "d": unit = 86_400
      default: return nil
      }
      guard let value = number else { return nil }
      let (part, overflow) = value.multipliedReportingOverflow(by: unit)
      guard !overflow, total <= Int64.max - part else { return nil }
      total += part
      number = nil
    }
    guard number == nil else { return nil }
    return .seconds(total)
  }
}
