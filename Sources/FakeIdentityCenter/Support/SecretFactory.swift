import Foundation

/// Makes the opaque secrets the fake hands out: tokens, client ids and secrets, device and
/// authorization codes, role credentials. They use the system's cryptographic generator and
/// imitate the look of the real values (prefixes, alphabets, lengths).
enum SecretFactory {
  static let base64URLAlphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
  static let base64Alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  static let upperAlphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
  /// User codes avoid letters people confuse (no I, O, 0, 1).
  static let userCodeAlphabet = Array("BCDFGHJKLMNPQRSTVWXZ")

  static func random(_ count: Int, from alphabet: [Character]) -> String {
    var generator = SystemRandomNumberGenerator()
    var result = ""
    result.reserveCapacity(count)
    for _ in 0..<count {
      result.append(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))])
    }
    return result
  }

  static func clientID() -> String { random(22, from: base64URLAlphabet) + "ZXUtY2VudHJhbC0x" }
  static func clientSecret() -> String {
    "eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0."
      + random(120, from: base64URLAlphabet) + "." + random(64, from: base64URLAlphabet)
  }
  static func accessToken() -> String { "aoa" + random(180, from: base64URLAlphabet) }
  static func refreshToken() -> String { "aor" + random(180, from: base64URLAlphabet) }
  static func deviceCode() -> String { random(86, from: base64URLAlphabet) }
  static func authorizationCode() -> String { random(64, from: base64URLAlphabet) }
  static func requestID() -> String { UUID().uuidString.lowercased() }

  static func userCode() -> String {
    random(4, from: userCodeAlphabet) + "-" + random(4, from: userCodeAlphabet)
  }

  static func accessKeyID() -> String { "ASIA" + random(16, from: upperAlphanumeric) }

  /// 40 characters, always with a `/` and a `+` like real secret keys often have.
  static func secretAccessKey() -> String {
    random(18, from: base64Alphabet) + "/" + random(10, from: base64Alphabet) + "+"
      + random(10, from: base64Alphabet)
  }

  /// A long session token in the base64 alphabet, ending in `==` like real ones.
  static func sessionToken() -> String {
    "IQoJb3JpZ2luX2VjE" + random(120, from: base64Alphabet) + "//"
      + random(200, from: base64Alphabet) + "=="
  }

  static func signinToken() -> String { random(220, from: base64URLAlphabet) }
}
