import CCurl

/// A libcurl easy handle and its error buffer, owned by the curl thread and reused from a
/// pool: `curl_easy_reset` keeps the handle's share (DNS cache, TLS sessions) while
/// clearing every per-request option.
final class EasyHandle {
  /// The `CURL *`.
  let raw: UnsafeMutableRawPointer
  /// `CURLOPT_ERRORBUFFER`: libcurl writes its detailed message here on failure.
  let errorBuffer: UnsafeMutablePointer<CChar>

  /// Creates a handle attached to `share`, or returns `nil` if libcurl cannot allocate one.
  init?(share: UnsafeMutableRawPointer?) {
    guard let raw = ccurl_easy_init() else { return nil }
    self.raw = raw
    let size = Int(CURL_ERROR_SIZE)
    errorBuffer = .allocate(capacity: size)
    errorBuffer.initialize(repeating: 0, count: size)
    if let share {
      _ = ccurl_easy_setopt_share(raw, share)
    }
  }

  deinit {
    ccurl_easy_cleanup(raw)
    errorBuffer.deallocate()
  }

  /// Clears every option of the previous request (connections and shares stay).
  func reset() {
    ccurl_easy_reset(raw)
    errorBuffer[0] = 0
  }

  /// libcurl's detailed message for the last failure, or `nil` if it wrote none.
  var errorMessage: String? {
    errorBuffer[0] == 0 ? nil : String(cString: errorBuffer)
  }
}
