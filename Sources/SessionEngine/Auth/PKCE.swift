import Crypto

/// A PKCE verifier and its S256 challenge (spec §4.2, RFC 7636).
public struct PKCE: Sendable, Equatable {
  /// The secret sent with CreateToken: 64 characters from the unreserved set.
  public let verifier: String
  /// `base64url(SHA-256(verifier))` without padding: 43 characters, sent to /authorize.
  public let challenge: String
  /// Always `S256`.
  public let method = "S256"

  /// A fresh pair from the system's cryptographic random number generator.
  public init() {
    var generator = SystemRandomNumberGenerator()
    self.init(verifier: Self.randomVerifier(using: &generator))
  }

  /// The pair for a given verifier (for tests and the spec's vector).
  public init(verifier: String) {
    self.verifier = verifier
    self.challenge = Self.challenge(for: verifier)
  }

  /// `base64url_nopad(SHA-256(ASCII bytes of verifier))`.
  public static func challenge(for verifier: String) -> String {
    Base64URL.encodeWithoutPadding(Array(SHA256.hash(data: Array(verifier.utf8))))
  }

  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

  /// 64 characters drawn uniformly from the unreserved set.
  static func randomVerifier(using generator: inout some RandomNumberGenerator) -> String {
    let bytes = (0..<64).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// base64url (RFC 4648 §5) without padding.
enum Base64URL {
  private static let table = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

  static func encodeWithoutPadding(_ bytes: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count * 4 + 2) / 3)
    var index = 0
    while index + 3 <= bytes.count {
      let value =
        UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
      output += [18, 12, 6, 0].map { table[Int((value >> $0) & 0x3F)] }
      index += 3
    }
    let remaining = bytes.count - index
    if remaining == 1 {
      let value = UInt32(bytes[index]) << 16
      output += [18, 12].map { table[Int((value >> $0) & 0x3F)] }
    } else if remaining == 2 {
      let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
      output += [18, 12, 6].map { table[Int((value >> $0) & 0x3F)] }
    }
    return String(decoding: output, as: UTF8.self)
  }
}
