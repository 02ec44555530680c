/// What a section means to botocore, independent of how its header is spelled:
/// `[profile "my dev"]`, `[profile 'my dev']` and `[profile  my\ dev]` are all `.profile("my dev")`.
public enum ConfigSectionName: Sendable, Hashable, CustomStringConvertible {
  /// A profile: `[default]` or `[profile NAME]` in the config file, `[NAME]` in the
  /// credentials file.
  case profile(String)
  /// `[sso-session NAME]` (config file only).
  case ssoSession(String)
  /// `[services NAME]`, a group of endpoint overrides (config file only).
  case services(String)
  /// Any other section, by its header text exactly (e.g. `plugins`, or `DEFAULT`).
  case other(String)

  /// How the section reads in a message, e.g. `[sso-session acme]`.
  public var description: String {
    "[\(header(for: .config) ?? "?")]"
  }

  /// What botocore makes of the header text `header` in a file of `flavor`, or `nil` when
  /// botocore ignores the section (e.g. `[profile a b]`, `[profile "x]`).
  ///
  /// In the config file, botocore tests the *prefix* of the header: any header starting with
  /// `profile` whose shell-style split gives exactly two words is a profile named by the
  /// second word (so even `[profiles x]` is profile `x`); likewise `sso-session` and
  /// `services`; `default` is profile `default`; anything else is kept as `.other`.
  public init?(header: String, flavor: ConfigDocument.Flavor) {
    if header == "DEFAULT" {
      self = .other(header)
      return
    }
    if flavor == .credentials {
      self = .profile(header)
      return
    }
    func secondWord() -> String? {
      guard let words = try? ShellWords.split(header), words.count == 2 else { return nil }
      return words[1]
    }
    if header.unicodeScalars.starts(with: "profile".unicodeScalars) {
      guard let name = secondWord() else { return nil }
      self = .profile(name)
    } else if header.unicodeScalars.starts(with: "sso-session".unicodeScalars) {
      guard let name = secondWord() else { return nil }
      self = .ssoSession(name)
    } else if header.unicodeScalars.starts(with: "services".unicodeScalars) {
      guard let name = secondWord() else { return nil }
      self = .services(name)
    } else if header == "default" {
      self = .profile("default")
    } else {
      self = .other(header)
    }
  }

  /// The header text ssopick writes for this section in a file of `flavor` (without the
  /// brackets), or `nil` when such a section cannot exist there (an sso-session in the
  /// credentials file). Names that need it are shell-quoted, e.g. `profile 'my dev'`.
  public func header(for flavor: ConfigDocument.Flavor) -> String? {
    switch (self, flavor) {
    case (.profile(let name), .credentials): return name
    case (.profile("default"), .config): return "default"
    case (.profile(let name), .config): return "profile " + ShellWords.quote(name)
    case (.ssoSession(let name), .config): return "sso-session " + ShellWords.quote(name)
    case (.services(let name), .config): return "services " + ShellWords.quote(name)
    case (.other(let name), _): return name
    case (.ssoSession, .credentials), (.services, .credentials): return nil
    }
  }

  /// The name inside the section kind (profile, session or services name, or header text).
  public var name: String {
    switch self {
    case .profile(let name), .ssoSession(let name), .services(let name), .other(let name):
      return name
    }
  }

  /// A word for error messages: "profile", "sso-session", "services" or "section".
  var kindWord: String {
    switch self {
    case .profile: return "a profile"
    case .ssoSession: return "an sso-session"
    case .services: return "a services"
    case .other: return "a section"
    }
  }

  /// The header ssopick writes for this section in a file of `flavor`, after checking that
  /// botocore reads it back as this same section. Throws `invalidName` for an empty name, a
  /// control character, or a name that cannot be written in this file.
  public func writableHeader(for flavor: ConfigDocument.Flavor) throws(ConfigError) -> String {
    let kind = kindWord
    guard let header = header(for: flavor) else {
      throw .invalidName(name, kind: kind, reason: "the credentials file has only profiles")
    }
    if name.isEmpty {
      throw .invalidName(name, kind: kind, reason: "it is empty")
    }
    if name.unicodeScalars.contains(where: PythonText.isForbiddenInWrittenText) {
      throw .invalidName(name, kind: kind, reason: "it contains a line break or control character")
    }
    guard PythonText.strip(header) == header, PythonText.sectionHeaderName("[\(header)]") == header,
      ConfigSectionName(header: header, flavor: flavor) == self
    else {
      throw .invalidName(name, kind: kind, reason: "AWS tools would read it differently")
    }
    return header
  }
}
