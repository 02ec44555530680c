import Crypto
import Foundation
import LoopbackServer

/// Checks the SigV4 signature of a request to the fake's STS (spec §17.2) against the secret
/// of the credentials the fake issued, as STS does: which key, whether its session token came
/// along, whether it has expired, whether the signing time is within the allowed skew, and
/// whether the signature computed from the request as received is the one sent.
///
/// Written apart from the engine's signer (the fake does not depend on `SessionEngine`), so the
/// two implementations check each other, and botocore checks both.
struct SigV4Verifier {
  /// The issued credentials, by access key id.
  var credentials: [String: RoleCredentialRecord]
  /// The fake's time.
  var now: Date
  /// How far the signing time may be from `now`.
  var allowedSkew: TimeInterval

  /// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
  struct Authorization {
    var accessKeyID: String
    var day: String
    var region: String
    var service: String
    var signedHeaders: [String]
    var signature: String
  }

  /// The access key and its record when `request` is signed with it, or the STS error.
  func verify(_ request: FakeHTTPRequest) throws(APIError) -> (String, RoleCredentialRecord) {
    let query = QueryString(raw: request.rawQuery)
    guard let header = request.header("authorization") else {
      if query["X-Amz-Algorithm"] != nil || query["X-Amz-Signature"] != nil {
        throw APIError(
          .incompleteSignature, "Presigned STS requests are not supported by this fake.")
      }
      throw APIError(.missingAuthenticationToken)
    }
    let authorization = try Self.parse(header)
    guard let record = credentials[authorization.accessKeyID] else {
      throw APIError(.invalidClientTokenId)
    }
    let token = request.header("x-amz-security-token") ?? query["X-Amz-Security-Token"]
    guard token == record.sessionToken else { throw APIError(.invalidClientTokenId) }
    guard record.expiresAt > now else { throw APIError(.stsExpiredToken) }
    guard let dateText = request.header("x-amz-date") else {
      throw APIError(
        .incompleteSignature,
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    }
    guard let signedAt = Timestamp.parseSigV4(dateText) else {
      throw APIError(.incompleteSignature, "X-Amz-Date must be in the ISO8601 basic format.")
    }
    guard authorization.day == String(dateText.prefix(8)) else {
      throw APIError(
        .signatureDoesNotMatch,
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
          + "HTTP: '\(authorization.day)' != '\(dateText.prefix(8))', from '\(dateText)'.")
    }
    guard authorization.service == "sts" else {
      throw APIError(
        .signatureDoesNotMatch, "Credential should be scoped to correct service: 'sts'. ")
    }
    if signedAt < now.addingTimeInterval(-allowedSkew) {
      throw APIError(
        .signatureDoesNotMatch,
        "Signature expired: \(dateText) is now earlier than "
          + "\(Timestamp.sigV4(now.addingTimeInterval(-allowedSkew))) "
          + "(\(Timestamp.sigV4(now)) - \(Int(allowedSkew / 60)) min.)")
    }
    if signedAt > now.addingTimeInterval(allowedSkew) {
      throw APIError(
        .signatureDoesNotMatch,
        "Signature not yet current: \(dateText) is still later than "
          + "\(Timestamp.sigV4(now.addingTimeInterval(allowedSkew))) "
          + "(\(Timestamp.sigV4(now)) + \(Int(allowedSkew / 60)) min.)")
    }
    guard authorization.signedHeaders.contains("host") else {
      throw APIError(
        .signatureDoesNotMatch,
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS "
          + "Authorization.")
    }
    var headerLines = ""
    for name in authorization.signedHeaders {
      guard let value = request.header(name) else {
        throw APIError(
          .signatureDoesNotMatch, "A signed header (\(name)) is not in the request.")
      }
      headerLines += name + ":" + Self.trimmed(value) + "\n"
    }
    let payload =
      request.header("x-amz-content-sha256") ?? Self.hex(SHA256.hash(data: request.body))
    let canonical = [
      request.method, Self.canonicalPath(request.path), Self.canonicalQuery(request.rawQuery),
      headerLines, authorization.signedHeaders.joined(separator: ";"), payload,
    ].joined(separator: "\n")
    let scope = "\(authorization.day)/\(authorization.region)/sts/aws4_request"
    let stringToSign = [
      "AWS4-HMAC-SHA256", dateText, scope, Self.hex(SHA256.hash(data: Data(canonical.utf8))),
    ].joined(separator: "\n")
    var key = SymmetricKey(data: Data(("AWS4" + record.secretAccessKey).utf8))
    for part in [authorization.day, authorization.region, "sts", "aws4_request"] {
      key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key))
    }
    // A constant-time comparison, as a real verifier would make.
    guard let sent = Self.bytes(hex: authorization.signature),
      HMAC<SHA256>.isValidAuthenticationCode(
        sent, authenticating: Data(stringToSign.utf8), using: key)
    else {
      throw APIError(.signatureDoesNotMatch)
    }
    return (authorization.accessKeyID, record)
  }

  static func parse(_ header: String) throws(APIError) -> Authorization {
    let algorithm = "AWS4-HMAC-SHA256 "
    guard header.hasPrefix(algorithm) else {
      throw APIError(
        .incompleteSignature, "Unsupported AWS 'algorithm': only AWS4-HMAC-SHA256 is accepted.")
    }
    var parts: [String: String] = [:]
    for piece in header.dropFirst(algorithm.count).split(separator: ",") {
      let pair = piece.trimmingSpacesAndTabs().split(separator: "=", maxSplits: 1)
      if pair.count == 2 { parts[String(pair[0])] = String(pair[1]) }
    }
    guard let credential = parts["Credential"], let signedHeaders = parts["SignedHeaders"],
      let signature = parts["Signature"]
    else {
      throw APIError(
        .incompleteSignature,
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.")
    }
    let scope = credential.split(separator: "/", omittingEmptySubsequences: false)
    guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty else {
      throw APIError(
        .incompleteSignature,
        "Credential must have exactly 5 slash-delimited elements, e.g. "
          + "keyid/date/region/service/term.")
    }
    return Authorization(
      accessKeyID: String(scope[0]), day: String(scope[1]), region: String(scope[2]),
      service: String(scope[3]),
      signedHeaders: signedHeaders.split(separator: ";").map { $0.lowercased() },
      signature: signature)
  }

  /// Dot segments and empty segments removed, then each segment's bytes outside the
  /// unreserved set percent-encoded (the path as received is already decoded once).
  static func canonicalPath(_ path: String) -> String {
    var segments: [Substring] = []
    for segment in path.split(separator: "/") {
      if segment == "." { continue }
      if segment == ".." {
        _ = segments.popLast()
        continue
      }
      segments.append(segment)
    }
    let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
    return "/" + segments.map { QueryString.encode(String($0)) }.joined(separator: "/") + trailing
  }

  /// Each name and value decoded and encoded again, sorted by name, then value.
  static func canonicalQuery(_ raw: String) -> String {
    QueryString(raw: raw).items
      .map { (QueryString.encode($0.name), QueryString.encode($0.value)) }
      .sorted {
        ($0.0.utf8.lexicographicallyPrecedes($1.0.utf8))
          || ($0.0 == $1.0 && $0.1.utf8.lexicographicallyPrecedes($1.1.utf8))
      }
      .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
  }

  /// No white space around the value, inner runs of it one space.
  static func trimmed(_ value: String) -> String {
    value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
  }

  static func bytes(hex: String) -> Data? {
    let digits = Array(hex.utf8)
    guard digits.count == 64 else { return nil }
    var data = Data()
    var index = 0
    while index < digits.count {
      guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
        return nil
      }
      data.append(high << 4 | low)
      index += 2
    }
    return data
  }

  private static func nibble(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 48...57: byte - 48
    case 97...102: byte - 87
    case 65...70: byte - 55
    default: nil
    }
  }
}
