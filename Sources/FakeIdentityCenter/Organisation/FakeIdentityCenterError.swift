/// Errors the fake reports to the person starting it (bad options, bad organisation file,
/// a port it cannot bind). Wire errors sent to clients are `APIError`s, not these.
public enum FakeIdentityCenterError: Error, Equatable, CustomStringConvertible {
  /// The organisation file could not be read.
  case organisationFileUnreadable(path: String, reason: String)
  /// The organisation file is not valid; `line` is 1-based when known.
  case organisationFileInvalid(path: String, line: Int?, reason: String)
  /// An option is out of range or inconsistent.
  case invalidOption(name: String, reason: String)
  /// The server could not start listening.
  case cannotListen(reason: String)

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .organisationFileUnreadable(let path, let reason):
      return "cannot read organisation file \(path): \(reason)"
    case .organisationFileInvalid(let path, let line, let reason):
      let place = line.map { "\(path):\($0)" } ?? path
      return "\(place): invalid organisation file: \(reason). "
        + "Expected {\"accounts\": [{\"accountId\": \"123456789012\", "
        + "\"accountName\": \"…\", \"emailAddress\": \"…\", \"roles\": [\"…\"]}]}"
    case .invalidOption(let name, let reason):
      return "invalid option \(name): \(reason)"
    case .cannotListen(let reason):
      return "the fake Identity Center cannot listen on 127.0.0.1: \(reason)"
    }
  }
}
