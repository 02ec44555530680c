import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What stops a server that runs until interrupted.
public protocol StopSignal: Sendable {
  /// Returns the number of the signal that asked to stop, once one has.
  func wait() async -> Int32
}

/// SIGINT or SIGTERM, caught from the moment this is created (so a signal sent right after
/// a server has said where it listens is never lost to the default action), awaited with
/// `wait()`: how `ssopick serve` and `ssopick demo --serve` stop cleanly. (Unchecked
/// `Sendable`: the signal sources are only kept alive, never touched after `init`.)
public final class TerminationSignal: StopSignal, @unchecked Sendable {
  private let stream: AsyncStream<Int32>
  private let sources: [any DispatchSourceSignal]

  /// Starts catching SIGINT and SIGTERM (their default action, ending the process, is off
  /// from now on).
  public init() {
    let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
    self.stream = stream
    sources = [SIGINT, SIGTERM].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { continuation.yield(number) }
      source.resume()
      return source
    }
  }

  /// Returns the number of the first signal that arrived, once one has (at once if one
  /// already did).
  @discardableResult
  public func wait() async -> Int32 {
    for await number in stream { return number }
    return SIGTERM
  }
}
