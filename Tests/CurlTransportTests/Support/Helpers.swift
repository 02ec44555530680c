import CurlTransport
import Foundation
import SessionEngine
import Testing

/// Sends `request` and returns the `HTTPTransportError` it throws (a test failure if it
/// succeeds or throws something else).
func expectTransportError(
  _ transport: CurlTransport, _ request: HTTPRequest,
  sourceLocation: SourceLocation = #_sourceLocation
) async -> HTTPTransportError? {
  do {
    let response = try await transport.send(request)
    Issue.record("expected an error, got status \(response.status)", sourceLocation: sourceLocation)
    return nil
  } catch let error as HTTPTransportError {
    return error
  } catch {
    Issue.record("expected HTTPTransportError, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// Deterministic pseudo-random bytes (xorshift), so a large body is checked byte for byte.
func pseudoRandomBytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Data {
  var state = seed
  var bytes = [UInt8](repeating: 0, count: count)
  for index in bytes.indices {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    bytes[index] = UInt8(truncatingIfNeeded: state)
  }
  return Data(bytes)
}

func get(_ url: String, headers: [HTTPHeader] = [], timeout: Duration? = nil) -> HTTPRequest {
  HTTPRequest(method: "GET", url: url, headers: headers, timeout: timeout)
}
