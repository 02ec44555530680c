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
public struct ConfigSection: Sendable, Equatable {
  /// What the section is.
  public var name: ConfigSectionName
  /// Where its header is (the config file's header when a profile is in both files).
  public var origin: ConfigOrigin
  /// Key (lower-cased) to value.
  public var values: [String: ConfigValue]
  /// Key (lower-cased) to where it was read.
  public var keyOrigins: [String: ConfigOrigin]

  /// Creates a section.
  public init(
    name: ConfigSectionName, origin: ConfigOrigin, values: [String: ConfigValue] = [:],
    keyOrigins: [String: ConfigOrigin] = [:]
  ) {
    self.name = name
    self.origin = origin
    self.values = values
    self.keyOrigins = keyOrigins
  }

  /// The string value of `key` (case-insensitive), or `nil` when absent or nested.
  public func string(_ key: String) -> String? {
    values[key.lowercased()]?.string
  }

  /// Whether `key` is set to `true` (case-insensitive), as botocore's `ensure_boolean` reads it.
  public func bool(_ key: String) -> Bool? {
    string(key).map { $0.lowercased() == "true" }
  }
}
