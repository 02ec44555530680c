/// A value as botocore reads it: a string, or a nested sub-section (`s3 =` followed by
/// indented `name = value` lines) read as a map whose names keep their case.
public enum ConfigValue: Sendable, Equatable, CustomStringConvertible {
  /// A plain (possibly multi-line, `\n`-joined) value.
  case string(String)
  /// A nested sub-section.
  case nested([String: String])

  /// The string, or `nil` for a nested value.
  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The nested map, or `nil` for a plain value.
  public var nested: [String: String]? {
    if case .nested(let map) = self { return map }
    return nil
  }

  /// The value as it would print in Python (nested maps in key order).
  public var description: String {
    switch self {
    case .string(let value): return value
    case .nested(let map):
      return "{"
        + map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        .joined(separator: ", ") + "}"
    }
  }

  /// Builds the value botocore reads from an entry's own value and its following lines
  /// (`nil` for a comment line, which Python drops, `""` for a blank line). The parser has
  /// already rejected nested lines without `=`; such a line is skipped here.
  static func read(own: String, following: [String?]) -> ConfigValue {
    var parts = [own]
    for part in following {
      if let part { parts.append(part) }
    }
    let joined = PythonText.rstrip(parts.joined(separator: "\n"))
    guard joined.hasPrefix("\n") else { return .string(joined) }
    var map: [String: String] = [:]
    for part in following {
      guard let part else { continue }
      let line = PythonText.strip(part)
      let scalars = line.unicodeScalars
      guard let equals = scalars.firstIndex(of: "=") else { continue }
      map[PythonText.strip(String(scalars[..<equals]))] = PythonText.strip(
        String(scalars[scalars.index(after: equals)...]))
    }
    return .nested(map)
  }
}
