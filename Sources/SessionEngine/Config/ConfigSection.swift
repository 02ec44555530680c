/// Where a value was read: file and 1-based line.
public struct ConfigOrigin: Sendable, Equatable, CustomStringConvertible {
  /// The file's path.
  public var file: String
  /// The 1-based line number.
  public var line: Int

  /// Creates an origin.
  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }

  /// `FILE, line N`.
  public var description: String { "\(file), line \(line)" }
}

/// A section as the AWS SDKs see it after reading both files: keys lower-cased, values
/// read, and (for profiles) the credentials file's keys merged in.
///
/// A section built by `SharedConfig` keeps pointing at its lines in the parsed file and reads
/// a key only when asked (`string(_:)`, `bool(_:)`), so loading a file with thousands of
/// profiles does not build thousands of dictionaries. `values` and `keyOrigins` build the
/// full dictionaries on each read; setting either keeps the dictionaries from then on.
public struct ConfigSection: Sendable, Equatable {
  /// What the section is.
  public var name: ConfigSectionName
  /// Where its header is (the config file's header when a profile is in both files).
  public var origin: ConfigOrigin
  /// Key (lower-cased) to value.
  public var values: [String: ConfigValue] {
    get { contents.read().values }
    set { contents = .read(values: newValue, keyOrigins: keyOrigins) }
  }
  /// Key (lower-cased) to where it was read.
  public var keyOrigins: [String: ConfigOrigin] {
    get { contents.read().keyOrigins }
    set { contents = .read(values: values, keyOrigins: newValue) }
  }

  private var contents: Contents

  /// Creates a section.
  public init(
    name: ConfigSectionName, origin: ConfigOrigin, values: [String: ConfigValue] = [:],
    keyOrigins: [String: ConfigOrigin] = [:]
  ) {
    self.name = name
    self.origin = origin
    self.contents = .read(values: values, keyOrigins: keyOrigins)
  }

  /// A section whose keys are read from `lines` when asked for.
  init(name: ConfigSectionName, origin: ConfigOrigin, lines: ConfigSectionLines) {
    self.name = name
    self.origin = origin
    self.contents = .lines(lines)
  }

  /// The string value of `key` (case-insensitive), or `nil` when absent or nested.
  public func string(_ key: String) -> String? {
    value(forKey: key)?.string
  }

  /// Whether `key` is set to `true` (case-insensitive), as botocore's `ensure_boolean` reads it.
  public func bool(_ key: String) -> Bool? {
    string(key).map { $0.lowercased() == "true" }
  }

  /// The value of `key` (case-insensitive), same as `values[key.lowercased()]`.
  func value(forKey key: String) -> ConfigValue? {
    switch contents {
    case .read(let values, _): return values[key.lowercased()]
    case .lines(let lines): return lines.entry(forKey: key.lowercased())?.value
    }
  }

  /// Where `key` (case-insensitive) was read, same as `keyOrigins[key.lowercased()]`.
  func keyOrigin(_ key: String) -> ConfigOrigin? {
    switch contents {
    case .read(_, let origins): return origins[key.lowercased()]
    case .lines(let lines): return lines.entry(forKey: key.lowercased())?.origin
    }
  }

  /// `false` when the section certainly has neither `sso_start_url` nor `sso_region`, i.e.
  /// cannot be a legacy SSO profile; `true` means "maybe" (`SessionSelector` then checks).
  var mayHaveLegacySSOSettings: Bool {
    switch contents {
    case .read(let values, _):
      return ConfigSectionLines.legacySSOKeys.contains { values[$0] != nil }
    case .lines(let lines): return lines.mayHaveLegacySSOSettings
    }
  }

  /// Two sections are equal when they have the same name, origin, values and key origins.
  public static func == (lhs: ConfigSection, rhs: ConfigSection) -> Bool {
    guard lhs.name == rhs.name, lhs.origin == rhs.origin else { return false }
    let left = lhs.contents.read()
    let right = rhs.contents.read()
    return left.values == right.values && left.keyOrigins == right.keyOrigins
  }

  private enum Contents: Sendable {
    /// The keys as dictionaries.
    case read(values: [String: ConfigValue], keyOrigins: [String: ConfigOrigin])
    /// The keys still in their file.
    case lines(ConfigSectionLines)

    func read() -> (values: [String: ConfigValue], keyOrigins: [String: ConfigOrigin]) {
      switch self {
      case .read(let values, let keyOrigins): return (values, keyOrigins)
      case .lines(let lines): return lines.read()
      }
    }
  }
}
