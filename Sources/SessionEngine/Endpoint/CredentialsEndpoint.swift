import Crypto
import Foundation
import LoopbackServer

/// The container credentials endpoint (spec §18) that `ssopick serve` and `exec --refresh`
/// run: the AWS SDKs, given `AWS_CONTAINER_CREDENTIALS_FULL_URI` (``url``) and
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` (``token``), fetch the role's credentials from it and
/// fetch them again before they expire, so a command that runs for hours never holds
/// expired keys.
///
/// - It listens on 127.0.0.1 only (``HTTPServer`` cannot bind anything else), on `port` or a
///   free one.
/// - Every request must carry `Authorization: <token>`: without one it is answered 401, with
///   another one 403, both without a body. The token is compared in constant time (the
///   SHA-256 digests of both, byte by byte, without an early exit).
/// - Only `GET` of ``path`` is served (another method: 405; another path or a query: 404), so
///   the endpoint serves the one role it was started for and nothing else.
/// - It answers what `source` says: the credentials as JSON (`AccessKeyId`,
///   `SecretAccessKey`, `Token`, `Expiration` as `YYYY-MM-DDTHH:MM:SSZ`, `AccountId`), or a
///   503 whose JSON body (`Code`, `Message`) the SDK shows in its error — the message says
///   what to do, never a secret.
/// - Nothing is logged: the token and the credentials exist only in the answers.
public final class CredentialsEndpoint: Sendable {
  /// What `source` answers for one request.
  public enum Answer: Sendable, Equatable {
    /// Serve these credentials.
    case credentials(RoleCredentials)
    /// None can be served now: answer 503 with `code` and `message` (no secrets).
    case unavailable(code: String, message: String)
  }

  /// Gives the credentials to serve; called for every authorised request, so it decides
  /// when they are renewed.
  public typealias Source = @Sendable () async -> Answer

  /// The path the SDKs are given (the only one served).
  public static let defaultPath = "/role-credentials"

  /// The port it listens on, on 127.0.0.1.
  public let port: UInt16
  /// The path it serves.
  public let path: String
  /// The secret the SDKs must send as `Authorization` (for `AWS_CONTAINER_AUTHORIZATION_TOKEN`).
  public let token: String
  private let server: HTTPServer

  /// Starts listening on 127.0.0.1:`port` (0: a free port) and serving `source`'s answers to
  /// requests that bring `token`.
  ///
  /// - Throws: ``CredentialsEndpointError`` when the port cannot be bound.
  public init(
    port: UInt16 = 0, token: String = CredentialsEndpoint.newToken(),
    path: String = CredentialsEndpoint.defaultPath, source: @escaping Source
  ) throws(CredentialsEndpointError) {
    let expected = Self.digest(token)
    let served = path
    do {
      server = try HTTPServer(port: port) { request in
        await Self.respond(to: request, expected: expected, path: served, source: source)
      }
    } catch {
      throw .cannotListen(port: port, reason: error.description)
    }
    self.port = server.port
    self.path = path
    self.token = token
  }

  /// `AWS_CONTAINER_CREDENTIALS_FULL_URI`: `http://127.0.0.1:PORT/PATH`.
  public var url: String { "http://127.0.0.1:\(port)\(path)" }

  /// The two variables an SDK needs, in the order they are printed.
  public var variables: [(name: String, value: String)] {
    [
      ("AWS_CONTAINER_CREDENTIALS_FULL_URI", url),
      ("AWS_CONTAINER_AUTHORIZATION_TOKEN", token),
    ]
  }

  /// Stops listening and closes every connection; returns when the server's threads have
  /// ended. Idempotent.
  public func stop() async {
    await server.stop()
  }

  /// A new random token: 32 bytes from the system's secure generator, as 64 hex digits (no
  /// character an SDK could refuse, such as CR or LF).
  public static func newToken() -> String {
    SymmetricKey(size: .bits256).withUnsafeBytes { bytes in
      bytes.map { String(format: "%02x", $0) }.joined()
    }
  }

  // MARK: Answering

  private static func respond(
    to request: HTTPServer.Request, expected: [UInt8], path: String, source: Source
  ) async -> HTTPServer.Response {
    guard let given = request.header("Authorization") else {
      return HTTPServer.Response(status: 401, headers: noStore)
    }
    guard constantTimeEqual(digest(given), expected) else {
      return HTTPServer.Response(status: 403, headers: noStore)
    }
    guard request.path == path, request.rawQuery.isEmpty else {
      return HTTPServer.Response(status: 404, headers: noStore)
    }
    guard request.method == "GET" else {
      return HTTPServer.Response(status: 405, headers: noStore + [("Allow", "GET")])
    }
    switch await source() {
    case .credentials(let credentials):
      return json(200, body(credentials))
    case .unavailable(let code, let message):
      return json(503, .object([("Code", .string(code)), ("Message", .string(message))]))
    }
  }

  /// The JSON document of spec §18 for `credentials`.
  static func body(_ credentials: RoleCredentials) -> PythonJSON {
    .object([
      ("AccessKeyId", .string(credentials.accessKeyID)),
      ("SecretAccessKey", .string(credentials.secretAccessKey)),
      ("Token", .string(credentials.sessionToken)),
      ("Expiration", .string(AWSTimestamp.format(credentials.expiration))),
      ("AccountId", .string(credentials.accountID)),
    ])
  }

  private static let noStore = [(name: "Cache-Control", value: "no-store")]

  private static func json(_ status: Int, _ value: PythonJSON) -> HTTPServer.Response {
    HTTPServer.Response(
      status: status, headers: [("Content-Type", "application/json")] + noStore,
      body: Data(value.rendered(style: .compact).utf8))
  }

  // MARK: The token

  private static func digest(_ text: String) -> [UInt8] {
    Array(SHA256.hash(data: Data(text.utf8)))
  }

  /// Whether `a` and `b` are equal, looking at every byte whatever the first difference.
  static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}

/// Why the credentials endpoint could not start.
public enum CredentialsEndpointError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The port could not be bound (in use, say).
  case cannotListen(port: UInt16, reason: String)

  /// What happened and what to do.
  public var description: String {
    switch self {
    case .cannotListen(let port, let reason):
      "Cannot serve credentials on 127.0.0.1:\(port): \(reason)."
    }
  }
}
