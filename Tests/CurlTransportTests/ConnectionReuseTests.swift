import CurlTransport
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

@Suite("CurlTransport keeps connections and runs requests concurrently", .timeLimit(.minutes(1)))
struct ConnectionReuseTests {
  @Test func sequentialRequestsShareOneConnection() async throws {
    try await LoopbackHTTPServer { .status(200, body: $0.path) }.serve { server in
      let transport = CurlTransport()
      for index in 0..<20 {
        let response = try await transport.send(get(server.url("/page/\(index)")))
        #expect(String(decoding: response.body, as: UTF8.self) == "/page/\(index)")
      }
      #expect(server.statistics.acceptedConnections == 1)
      #expect(Set(server.requests.map(\.connectionNumber)) == [1])
    }
  }

  @Test func fiftyConcurrentRequestsStayWithinMaxConnections() async throws {
    let maxConnections = 8
    // The handler holds each request until `maxConnections` are in the handler at once
    // (or 10 s pass). A transport that sent one request at a time would never get there.
    let barrier = Barrier(parties: maxConnections)
    try await LoopbackHTTPServer { request in
      let met = barrier.arrive(within: 10)
      return .status(
        200, headers: [HTTPHeader("x-barrier", met ? "met" : "missed")], body: request.path)
    }.serve { server in
      let transport = CurlTransport(configuration: .init(maxConnections: maxConnections))
      let responses = try await withThrowingTaskGroup(of: (Int, HTTPResponse).self) { group in
        for index in 0..<50 {
          group.addTask { (index, try await transport.send(get(server.url("/item/\(index)")))) }
        }
        var all: [Int: HTTPResponse] = [:]
        for try await (index, response) in group { all[index] = response }
        return all
      }
      #expect(responses.count == 50)
      for (index, response) in responses {
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "/item/\(index)")
      }
      // Nobody waited out the barrier's timeout: `maxConnections` requests were in flight.
      #expect(responses.values.allSatisfy { $0.header("x-barrier") == "met" })
      let accepted = server.statistics.acceptedConnections
      #expect(accepted >= 1 && accepted <= maxConnections)

      // The connections stay in the cache: another burst opens none.
      for index in 0..<5 {
        _ = try await transport.send(get(server.url("/again/\(index)")))
      }
      #expect(server.statistics.acceptedConnections == accepted)
    }
  }

  @Test func manyTransportsCanCoexistAndShutDown() async throws {
    try await LoopbackHTTPServer(reply: .status(200, body: "ok")).serve { server in
      for _ in 0..<5 {
        let transport = CurlTransport()
        let response = try await transport.send(get(server.url("/")))
        #expect(response.status == 200)
      }
      // Each released transport closed its connections when its thread ended.
      #expect(await server.waitUntil { $0.closedConnections == 5 })
    }
  }
}

/// Lets callers through once `parties` have arrived (later arrivals pass at once).
final class Barrier: @unchecked Sendable {  // `arrived` is guarded by `condition`
  private let condition = NSCondition()
  private var arrived = 0
  private let parties: Int

  init(parties: Int) {
    self.parties = parties
  }

  /// Waits for the others; `false` if they did not come within `seconds`.
  func arrive(within seconds: TimeInterval) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    arrived += 1
    if arrived >= parties {
      condition.broadcast()
      return true
    }
    let deadline = Date(timeIntervalSinceNow: seconds)
    while arrived < parties {
      if !condition.wait(until: deadline) { return arrived >= parties }
    }
    return true
  }
}
