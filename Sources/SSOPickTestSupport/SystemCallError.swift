import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A C library call that failed, with the error number it reported.
public struct SystemCallError: Error, Equatable, CustomStringConvertible {
  /// The function that failed, e.g. `posix_spawn`.
  public var call: String
  /// The error number (`errno`, or the code a `posix_spawn*` function returned).
  public var code: Int32

  /// Creates an error for `call` with `code`.
  public init(call: String, code: Int32) {
    self.call = call
    self.code = code
  }

  /// `call failed: <strerror> (errno N)`.
  public var description: String {
    "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
  }
}

/// The one place that turns C error reporting into thrown errors (the way swift-nio's
/// users of `CNIOLinux` do), so no caller compares with -1 or reads `errno` itself.
enum SystemCall {
  /// Calls `body` — a function that returns -1 and sets `errno` on failure — again while it
  /// is interrupted by a signal (`EINTR`), and returns its result or throws.
  ///
  /// Not for `close`, which must not be retried.
  @discardableResult
  static func run<Result: SignedInteger>(_ call: String, _ body: () -> Result)
    throws(SystemCallError) -> Result
  {
    while true {
      let result = body()
      if result != -1 { return result }
      let code = errno
      if code != EINTR { throw SystemCallError(call: call, code: code) }
    }
  }

  /// Throws when `code` — what a function that returns its error number (the `posix_spawn`
  /// family) returned — is not 0.
  static func check(_ call: String, returned code: Int32) throws(SystemCallError) {
    if code != 0 { throw SystemCallError(call: call, code: code) }
  }
}
