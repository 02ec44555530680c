#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why ``HTTPServer`` could not start.
public enum HTTPServerError: Error, Equatable, CustomStringConvertible {
  /// A socket call failed; `errno` is the system's error number.
  case socket(call: String, errno: Int32)

  /// A message a person can act on, e.g. `bind: Address already in use (is another server
  /// on that port?)`.
  public var description: String {
    switch self {
    case .socket(let call, let code):
      let reason = String(cString: strerror(code))
      let hint =
        code == EADDRINUSE ? " (is another server on that port? use port 0 for a free one)" : ""
      return "\(call): \(reason)\(hint)"
    }
  }
}
