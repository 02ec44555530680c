/// Joins a service base URL and an operation path the way botocore does with a custom
/// endpoint: a path prefix on the base is kept (`http://h/prefix/` + `token` →
/// `http://h/prefix/token`), and exactly one `/` separates them.
public enum OperationURL {
  /// `base` and `path` joined with one slash.
  public static func join(_ base: String, _ path: String) -> String {
    var trimmedBase = Substring(base)
    while trimmedBase.hasSuffix("/") { trimmedBase = trimmedBase.dropLast() }
    var trimmedPath = Substring(path)
    while trimmedPath.hasPrefix("/") { trimmedPath = trimmedPath.dropFirst() }
    return "\(trimmedBase)/\(trimmedPath)"
  }
}
