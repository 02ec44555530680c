import FlyingSocks
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// FlyingFox's socket pool with `TCP_NODELAY` switched on for every socket it waits on.
///
/// FlyingFox writes a response's head and body in two `write`s and never disables Nagle's
/// algorithm, so on a kept-alive connection the body waits for the client's delayed ACK of the
/// head: about 40 ms per response on Linux, which would make the fake — not the client under
/// test — the bottleneck of every benchmark. FlyingFox exposes no hook for accepted sockets,
/// but every socket passes through the pool when it waits for data (the listening socket too;
/// Linux and macOS copy the option to the sockets it accepts), so the pool sets it there.
struct NoDelaySocketPool<Base: AsyncSocketPool>: AsyncSocketPool {
  let base: Base

  private static var noDelay: BoolSocketOption {
    #if canImport(Glibc)
      BoolSocketOption(level: Int32(IPPROTO_TCP), name: Int32(TCP_NODELAY))
    #else
      BoolSocketOption(level: IPPROTO_TCP, name: TCP_NODELAY)
    #endif
  }

  func prepare() async throws {
    try await base.prepare()
  }

  func run() async throws {
    try await base.run()
  }

  func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
    // Best effort: a socket that is not TCP (or already closed) just keeps its setting.
    try? socket.setValue(true, for: Self.noDelay)
    try await base.suspendSocket(socket, untilReadyFor: events)
  }
}
