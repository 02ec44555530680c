/// One change to one key of a section.
public enum ConfigEdit: Sendable, Equatable {
  /// Sets `key` to the string `value` (replacing a multi-line or nested value entirely).
  case set(key: String, value: String)
  /// Updates the nested sub-section `key` (e.g. `sso` in a `[services]` section): each
  /// name with a value is set, each name with `nil` removed; other names are kept.
  case setNested(key: String, values: [ConfigNestedEdit])
  /// Removes `key` and its continuation lines.
  case remove(key: String)

  /// The key this edit touches.
  public var key: String {
    switch self {
    case .set(let key, _), .setNested(let key, _), .remove(let key): return key
    }
  }
}

/// One name inside a nested sub-section: a value to set, or `nil` to remove it.
public struct ConfigNestedEdit: Sendable, Equatable {
  /// The nested name (case-sensitive, as botocore keeps it).
  public var name: String
  /// The value to write, or `nil` to remove the name.
  public var value: String?

  /// Creates a nested edit.
  public init(name: String, value: String?) {
    self.name = name
    self.value = value
  }
}

/// What an edit did, for telling the user ("Created …", "Updated sso_region in …").
public struct ConfigChange: Sendable, Equatable {
  /// The section edited.
  public var section: ConfigSectionName
  /// Whether the section was created.
  public var createdSection = false
  /// Whether the section was removed.
  public var removedSection = false
  /// Keys that existed and now have a different value.
  public var changedKeys: [String] = []
  /// Keys that were added to an existing section (or written into a new one).
  public var addedKeys: [String] = []
  /// Keys that were removed.
  public var removedKeys: [String] = []

  /// Creates an empty change record for `section`.
  public init(section: ConfigSectionName) {
    self.section = section
  }

  /// Whether nothing changed (the file need not be written).
  public var isEmpty: Bool {
    !createdSection && !removedSection && changedKeys.isEmpty && addedKeys.isEmpty
      && removedKeys.isEmpty
  }
}
