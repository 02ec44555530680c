import Foundation

/// Why a `LoopbackHTTPServer` could not start.
public enum LoopbackServerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A socket call failed; `call` is its name (`socket`, `bind`, `listen`...).
  case socket(call: String, errno: Int32)

  /// The failing call and the system's reason.
  public var description: String {
    switch self {
    case .socket(let call, let code):
      "Loopback server: \(call)() failed: \(String(cString: strerror(code))) (errno \(code))."
    }
  }
}
