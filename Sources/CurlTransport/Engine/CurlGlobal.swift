import CCurl

/// `curl_global_init`, done once per process (lazily, and thread-safely, by `static let`).
enum CurlGlobal {
  /// The result of the one `curl_global_init` call.
  static let initResult: CURLcode = ccurl_global_init_default()
}
