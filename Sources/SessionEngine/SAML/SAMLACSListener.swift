/// What the identity provider's auto-submitting form posted to the loopback ACS.
public struct SAMLPostedResponse: Sendable, Equatable, CustomStringConvertible {
  /// The `SAMLResponse` field: base64 of the `samlp:Response` (secret).
  public var encoded: String
  /// The `RelayState` field (equal to the request's).
  public var relayState: String

  /// Creates a value.
  public init(encoded: String, relayState: String) {
    self.encoded = encoded
    self.relayState = relayState
  }

  /// `SAMLPostedResponse(N characters)`: never the assertion.
  public var description: String { "SAMLPostedResponse(\(encoded.count) characters)" }
}

/// The loopback Assertion Consumer Service of the SP-initiated sign-in (spec §12.4 A): a
/// one-shot HTTP listener on 127.0.0.1 and ::1 (both addresses of `localhost`, so no other
/// program can take one of them), on a port the OS picks, bound *before* the browser opens.
///
/// It accepts exactly one `POST /saml/acs` whose form carries `SAMLResponse` and the
/// expected `RelayState`, and answers it with a page telling the user to return to the
/// terminal. Anything else gets an error page and the wait goes on: a request with another
/// `RelayState` is not the answer to this sign-in. The wait ends after 5 minutes (on the
/// injected clock) or when the task is cancelled; the listener is closed afterwards. It
/// answers from the moment it is made, on a thread of its own, so a browser is never kept
/// waiting on a busy concurrency pool.
///
/// ```swift
/// let listener = try SAMLACSListener()
/// let request = SAMLAuthnRequest(issuer: profile.appIDURI,
///   assertionConsumerServiceURL: listener.acsURL, issueInstant: time.now,
///   relayState: listener.relayState)
/// // print and open request.redirectURL(idpURL: profile.idpURL, loginHint: …)
/// let posted = try await listener.waitForResponse(time: time)
/// let response = try SAMLResponse.parse(encoded: posted.encoded)
/// try response.check(now: time.now, answering: request)
/// ```
public final class SAMLACSListener: Sendable {
  /// How long the identity provider has to answer.
  public static let timeout: Duration = .seconds(300)
  /// The path the form is posted to.
  public static let path = "/saml/acs"
  /// The largest form accepted (STS takes at most 100,000 characters of assertion).
  static let maximumBody = 512 * 1024

  private let socket: LoopbackListenerSocket
  private let serving: LoopbackServing<SAMLPostedResponse>

  /// The port the OS assigned.
  public var port: UInt16 { socket.port }

  /// The `AssertionConsumerServiceURL` to send: `http://localhost:PORT/saml/acs`.
  public var acsURL: String { SAMLAuthnRequest.acsURL(port: port) }

  /// The `RelayState` the answer must carry: put it in the request
  /// (`SAMLAuthnRequest(…, relayState: listener.relayState)`). Secret until the answer arrives.
  public let relayState: String

  /// Binds 127.0.0.1 (and ::1 where the machine has IPv6) on an OS-chosen port and starts
  /// answering at once, on a thread of its own, for the answer carrying `relayState`
  /// (random unless given).
  ///
  /// - Throws: ``SAMLError/listener(errno:)``.
  public init(relayState: String = SAMLAuthnRequest.randomNonce()) throws(SAMLError) {
    do {
      socket = try LoopbackListenerSocket(alsoIPv6: true)
    } catch {
      throw .listener(errno: error.errno)
    }
    self.relayState = relayState
    serving = socket.start(maximumBody: Self.maximumBody) { request in
      Self.answer(request, relayState: relayState)
    }
  }

  deinit { close() }

  /// Stops listening. Safe to call more than once.
  public func close() { socket.close() }

  /// Waits for the identity provider's POST with ``relayState`` (it may have arrived
  /// already), then closes the listener.
  ///
  /// - Throws: ``SAMLError/timedOut(minutes:replyURL:)`` after `timeout` on `time`, and
  ///   `CancellationError` when the task is cancelled.
  public func waitForResponse(time: any TimeSource, timeout: Duration = SAMLACSListener.timeout)
    async throws -> SAMLPostedResponse
  {
    defer { close() }
    let serving = self.serving
    let posted = try await withThrowingTaskGroup(of: SAMLPostedResponse?.self) { group in
      group.addTask { try await serving.value() }
      group.addTask {
        try await time.timeout(after: timeout)
        return nil
      }
      defer { group.cancelAll() }
      return try await group.next() ?? nil
    }
    guard let posted else {
      throw SAMLError.timedOut(
        minutes: Int(timeout.components.seconds / 60),
        replyURL: SAMLAuthnRequest.replyURLToRegister)
    }
    return posted
  }

  /// The page for `request`, and the response when it is the one awaited.
  static func answer(_ request: LoopbackHTTPRequest, relayState: String) -> (
    LoopbackHTTPPage, SAMLPostedResponse?
  ) {
    guard request.path == path else { return (.notFound, nil) }
    guard request.method == "POST" else {
      return (
        LoopbackHTTPPage(
          status: "405 Method Not Allowed", title: "Unexpected request",
          text: "This address takes the identity provider's sign-in answer (a POST)."), nil
      )
    }
    var fields: [String: String] = [:]
    for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2 else { continue }
      let name = SAMLAssertionInput.formDecode(parts[0])
      // Base64 has no spaces: a `+` in SAMLResponse is a `+`.
      let value =
        name == "SAMLResponse"
        ? (PercentEncoding.decode(String(parts[1])) ?? String(parts[1]))
        : SAMLAssertionInput.formDecode(parts[1])
      if fields[name] == nil { fields[name] = value }
    }
    guard fields["RelayState"] == relayState else {
      return (
        LoopbackHTTPPage(
          status: "400 Bad Request", title: "Not this sign-in",
          text: "This answer does not belong to the sign-in ssopick is waiting for (its "
            + "RelayState differs), so it was ignored. Return to the terminal."), nil
      )
    }
    guard let encoded = fields["SAMLResponse"], !encoded.isEmpty else {
      return (
        LoopbackHTTPPage(
          status: "400 Bad Request", title: "No sign-in answer",
          text: "The form carried no SAMLResponse. Return to the terminal."), nil
      )
    }
    return (
      LoopbackHTTPPage(
        status: "200 OK", title: "Sign-in received",
        text: "ssopick has received the sign-in. You can close this tab and return to the "
          + "terminal."),
      SAMLPostedResponse(encoded: encoded, relayState: relayState)
    )
  }
}
