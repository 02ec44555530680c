/// Why a catalog could not be produced, in words a person can act on.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The listing stopped; the message says why and what to do (e.g. run `ssopick login`).
  case listingFailed(message: String)
  /// The cache was asked for (`--cached`) and there is none for this session.
  case noCachedCatalog(session: String)
  /// A maximum age could not be read.
  case invalidMaxAge(text: String, source: String)

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .listingFailed(let message):
      return message
    case .noCachedCatalog(let session):
      return "No cached catalog for \(session) yet. Run `ssopick list` without --cached "
        + "(it lists the accounts and saves them)."
    case .invalidMaxAge(let text, let source):
      return "\(source) must be a duration such as 90s, 30m, 1h or 2d (or 0), got \"\(text)\"."
    }
  }
}
