import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process environment as a value. The engine never reads `ProcessInfo` itself: front ends
/// pass `Environment.current`, tests pass a dictionary.
public struct Environment: Sendable, Equatable {
  /// Every variable, name to value.
  public var variables: [String: String]

  /// Creates an environment holding exactly `variables`.
  public init(_ variables: [String: String] = [:]) {
    self.variables = variables
  }

  /// The environment of this process. If `HOME` is unset, it is filled in from the password
  /// database, as Python's `os.path.expanduser` does, so `~` still means something.
  public static var current: Environment {
    var variables = ProcessInfo.processInfo.environment
    if (variables["HOME"] ?? "").isEmpty, let home = passwordDatabaseHome() {
      variables["HOME"] = home
    }
    return Environment(variables)
  }

  /// The value of `name`, or `nil` when it is unset.
  public subscript(name: String) -> String? {
    get { variables[name] }
    set { variables[name] = newValue }
  }

  /// The value of `name` when it is set to something other than the empty string. ssopick
  /// treats `AWS_PROFILE=` like an unset variable.
  public func nonEmpty(_ name: String) -> String? {
    guard let value = variables[name], !value.isEmpty else { return nil }
    return value
  }

  /// The user's home directory: `HOME`, or `nil` when it is unset or empty.
  public var homeDirectory: String? { nonEmpty("HOME") }

  /// Expands a path the way botocore does for `AWS_CONFIG_FILE`: first `$NAME` and `${NAME}`
  /// (unknown variables are left as written, like `os.path.expandvars`), then a leading `~`
  /// or `~/` to `HOME` (`~user` is left as written).
  public func expandingPath(_ path: String) -> String {
    expandingTilde(expandingVariables(path))
  }

  /// Replaces `$NAME` and `${NAME}` (NAME made of ASCII letters, digits and `_`) with the
  /// variable's value; unknown variables stay as written.
  public func expandingVariables(_ text: String) -> String {
    guard text.contains("$") else { return text }
    let scalars = Array(text.unicodeScalars)
    var result = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      guard scalar == "$", index + 1 < scalars.count else {
        result.append(scalar)
        index += 1
        continue
      }
      if scalars[index + 1] == "{" {
        if let close = scalars[(index + 2)...].firstIndex(of: "}") {
          let name = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
          if let value = variables[name] {
            result.append(contentsOf: value.unicodeScalars)
          } else {
            result.append(contentsOf: scalars[index...close])
          }
          index = close + 1
          continue
        }
        result.append(scalar)
        index += 1
        continue
      }
      var end = index + 1
      while end < scalars.count, Self.isWordScalar(scalars[end]) { end += 1 }
      if end == index + 1 {
        result.append(scalar)
        index += 1
        continue
      }
      let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
      if let value = variables[name] {
        result.append(contentsOf: value.unicodeScalars)
      } else {
        result.append(contentsOf: scalars[index..<end])
      }
      index = end
    }
    return String(result)
  }

  /// Replaces a leading `~` (alone or followed by `/`) with the home directory. Left as is
  /// when `HOME` is unknown or the path starts with `~user`.
  public func expandingTilde(_ path: String) -> String {
    guard path.hasPrefix("~"), let home = homeDirectory else { return path }
    let rest = path.dropFirst()
    guard rest.isEmpty || rest.hasPrefix("/") else { return path }
    if home.hasSuffix("/") && rest.hasPrefix("/") {
      return String(home.dropLast()) + rest
    }
    return home + rest
  }

  private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        || ("0"..."9").contains(scalar))
  }

  private static func passwordDatabaseHome() -> String? {
    guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else {
      return nil
    }
    let home = String(cString: directory)
    return home.isEmpty ? nil : home
  }
}
