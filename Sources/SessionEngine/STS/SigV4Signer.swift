import Crypto
public import Foundation

/// Signs HTTP requests with AWS Signature Version 4 (spec §17.2) the way botocore's
/// `SigV4Auth` does for services other than S3:
///
/// - the canonical URI is the URL's path with dot segments and repeated slashes removed,
///   percent-encoded once more (`%` becomes `%25`: the path of an already-encoded URL is
///   encoded twice, as SigV4 requires outside S3);
/// - the canonical query is the URL's query, each name and value decoded and encoded again
///   with the RFC 3986 unreserved set, sorted by name, then value;
/// - every header is signed except the hop-by-hop ones and `User-Agent` (botocore's list),
///   names lower-cased and sorted, values trimmed with inner runs of white space collapsed,
///   the values of a repeated header joined with `,` in the order sent; `Host` is the
///   request's `Host` header or, without one, the URL's host (and port unless it is the
///   scheme's default);
/// - the payload hash is the hex SHA-256 of the body.
///
/// ``sign(_:at:)`` sets `X-Amz-Date`, `X-Amz-Security-Token` (when the credentials carry a
/// session token, so the token is signed) and `Authorization`.
public struct SigV4Signer: Sendable {
  /// The credentials to sign with.
  public var credentials: AWSCredentials
  /// The signing region, e.g. `eu-central-1` (`us-east-1` for the global STS endpoint).
  public var region: String
  /// The signing name of the service, e.g. `sts`.
  public var service: String

  /// Creates a signer.
  public init(credentials: AWSCredentials, region: String, service: String) {
    self.credentials = credentials
    self.region = region
    self.service = service
  }

  /// Headers botocore never signs (`SIGNED_HEADERS_BLACKLIST`): hop-by-hop fields a proxy may
  /// change, and the user agent.
  public static let unsignedHeaders: Set<String> = [
    "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
    "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "authorization",
  ]

  /// `request` signed at `date`: any `Authorization`, `X-Amz-Date` (and, with a session token,
  /// `X-Amz-Security-Token`) it had are replaced.
  public func sign(_ request: HTTPRequest, at date: Date) -> HTTPRequest {
    var signed = request
    let hasToken = credentials.sessionToken != nil
    signed.headers.removeAll {
      let name = $0.name.lowercased()
      return name == "authorization" || name == "x-amz-date"
        || (hasToken && name == "x-amz-security-token")
    }
    signed.headers.append(HTTPHeader("X-Amz-Date", Self.timestamp(date)))
    if let token = credentials.sessionToken {
      signed.headers.append(HTTPHeader("X-Amz-Security-Token", token))
    }
    signed.headers.append(HTTPHeader("Authorization", signature(for: signed).authorization))
    return signed
  }

  /// The signature of `request` as it is: its `X-Amz-Date` header gives the time (the
  /// current time when it has none), every other header is signed as it is.
  public func signature(for request: HTTPRequest) -> SigV4Signature {
    let timestamp = request.headers.value(for: "X-Amz-Date") ?? Self.timestamp(Date())
    let canonical = SigV4CanonicalRequest(request)
    let day = String(timestamp.prefix(8))
    let scope = "\(day)/\(region)/\(service)/aws4_request"
    let stringToSign = [
      "AWS4-HMAC-SHA256", timestamp, scope, Self.hex(SHA256.hash(data: Data(canonical.text.utf8))),
    ].joined(separator: "\n")
    let key = signingKey(day: day)
    let signature = Self.hex(
      HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    let authorization =
      "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
      + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    return SigV4Signature(
      canonicalRequest: canonical.text, stringToSign: stringToSign,
      signedHeaders: canonical.signedHeaders, signature: signature, authorization: authorization)
  }

  /// `kSigning` of spec §17.2 for `day` (`YYYYMMDD`).
  func signingKey(day: String) -> SymmetricKey {
    func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
      SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }
    let secret = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
    return hmac(hmac(hmac(hmac(secret, day), region), service), "aws4_request")
  }

  /// `date` as SigV4's `YYYYMMDDTHHMMSSZ` (UTC).
  public static func timestamp(_ date: Date) -> String {
    String(AWSTimestamp.format(date).unicodeScalars.filter { $0 != "-" && $0 != ":" })
  }

  /// Lowercase hex of `bytes`.
  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// The parts of one SigV4 signature, for tests and diagnostics. The canonical request holds
/// the signed header values (a session token among them): never print it.
public struct SigV4Signature: Sendable, Equatable {
  /// The canonical request (step 1).
  public var canonicalRequest: String
  /// The string to sign (step 2).
  public var stringToSign: String
  /// The signed header names joined with `;`.
  public var signedHeaders: String
  /// The hex signature (step 3).
  public var signature: String
  /// The `Authorization` header value (step 4).
  public var authorization: String
}
