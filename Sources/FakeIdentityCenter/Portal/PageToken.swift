import Crypto
import Foundation

/// The opaque `next_token` of the portal's list operations.
///
/// It is base64 of 25 bytes: six fixed bytes that encode as `++++////` (so every token
/// contains `+` and `/`, and 25 bytes force the `==` padding — clients must percent-encode
/// all three), then the listing (accounts, or the roles of one account), the offset, and an
/// 8-byte HMAC so that an edited or foreign token is rejected.
struct PageToken: Equatable {
  enum Listing: Equatable {
    case accounts
    case roles(accountIndex: Int)
  }

  var listing: Listing
  var offset: Int

  private static let prefix: [UInt8] = [0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFF]

  func encoded(key: SymmetricKey) -> String {
    var body: [UInt8] = [1]
    switch listing {
    case .accounts:
      body.append(1)
      body += PageToken.bytes(0)
    case .roles(let accountIndex):
      body.append(2)
      body += PageToken.bytes(UInt32(accountIndex))
    }
    body += PageToken.bytes(UInt32(offset))
    body.append(0)
    let mac = HMAC<SHA256>.authenticationCode(for: body, using: key)
    return Data(PageToken.prefix + body + Array(mac).prefix(8)).base64EncodedString()
  }

  static func decode(_ text: String, key: SymmetricKey) -> PageToken? {
    guard let data = Data(base64Encoded: text), data.count == 25 else { return nil }
    let bytes = Array(data)
    guard Array(bytes[0..<6]) == prefix else { return nil }
    let body = Array(bytes[6..<17])
    let mac = HMAC<SHA256>.authenticationCode(for: body, using: key)
    guard Array(mac).prefix(8).elementsEqual(bytes[17..<25]), body[0] == 1 else { return nil }
    let index = Int(integer(body[2..<6]))
    let offset = Int(integer(body[6..<10]))
    switch body[1] {
    case 1: return PageToken(listing: .accounts, offset: offset)
    case 2: return PageToken(listing: .roles(accountIndex: index), offset: offset)
    default: return nil
    }
  }

  private static func bytes(_ value: UInt32) -> [UInt8] {
    [
      UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
      UInt8(value & 0xFF),
    ]
  }

  private static func integer(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.reduce(0) { $0 << 8 | UInt32($1) }
  }
}
