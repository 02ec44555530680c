import Foundation

/// The catalog cache file format, version 1: compact, length-prefixed, little-endian binary,
/// read straight from the bytes (no JSON decoding of thousands of objects), so that a warm
/// `ssopick list --cached` with 20,000 rows stays within a few milliseconds. Role names
/// (permission sets) repeat across accounts, so each is stored once and accounts refer to
/// them by index: 20,000 rows decode into a few dozen role strings.
///
/// ```
/// magic      8 bytes  "SSOPKCAT"
/// version    u32      1 (any other version reads as "no cache")
/// flags      u32      0 (reserved)
/// fetchedAt  i64      milliseconds since 1970
/// startURL   str      the session it belongs to (another session's file reads as absent)
/// session    str      the sso-session name ("" for a legacy profile)
/// roleNames  u32      count, then each distinct role name as str
/// accounts   u32      count, then per account (in catalog order: sorted):
///   id, name, email   str ×3
///   roles    i32      count, -1 when not listed; then a u32 index into roleNames per role
/// checksum   u64      over every byte before it (see `checksum`)
/// ```
/// `str` is a u32 byte count and that many bytes of UTF-8. Anything that does not parse
/// exactly — truncated, extended, bit-flipped, an index out of range — is treated as no
/// cache at all.
enum CatalogCodec {
  static let magic: [UInt8] = Array("SSOPKCAT".utf8)
  static let version: UInt32 = 1

  /// Who a cache file belongs to.
  struct Identity: Equatable {
    var startURL: String
    var sessionName: String
  }

  static func encode(_ catalog: Catalog, identity: Identity) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(64 + catalog.accounts.count * 96)
    out += magic
    append(version, to: &out)
    append(UInt32(0), to: &out)
    let milliseconds = (catalog.fetchedAt.timeIntervalSince1970 * 1000).rounded()
    append(UInt64(bitPattern: Int64(milliseconds)), to: &out)
    append(identity.startURL, to: &out)
    append(identity.sessionName, to: &out)
    var roleIndex: [String: UInt32] = [:]
    var roleNames: [String] = []
    for account in catalog.accounts {
      for role in catalog.roles[account.accountID] ?? [] where roleIndex[role] == nil {
        roleIndex[role] = UInt32(roleNames.count)
        roleNames.append(role)
      }
    }
    append(UInt32(roleNames.count), to: &out)
    for role in roleNames { append(role, to: &out) }
    append(UInt32(catalog.accounts.count), to: &out)
    for account in catalog.accounts {
      append(account.accountID, to: &out)
      append(account.accountName, to: &out)
      append(account.emailAddress, to: &out)
      if let roles = catalog.roles[account.accountID] {
        append(UInt32(roles.count), to: &out)
        for role in roles { append(roleIndex[role] ?? 0, to: &out) }
      } else {
        append(UInt32(bitPattern: -1), to: &out)
      }
    }
    append(checksum(out), to: &out)
    return out
  }

  /// The catalog in `bytes`, or `nil` when they are not a valid version-1 file of `identity`.
  static func decode(_ bytes: [UInt8], identity: Identity) -> Catalog? {
    guard bytes.count >= magic.count + 8 + 8 + 8 + 4 + 8 else { return nil }
    return bytes.withUnsafeBytes { raw -> Catalog? in
      let body = UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 8)])
      guard
        raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self).littleEndian
          == checksum(body)
      else { return nil }
      var reader = Reader(bytes: body)
      guard reader.skip(magic: magic), reader.u32() == version, reader.u32() != nil,
        let milliseconds = reader.u64(),
        let startURL = reader.string(), let sessionName = reader.string(),
        startURL == identity.startURL, sessionName == identity.sessionName,
        let roleCount = reader.u32().map(Int.init), roleCount <= body.count / 4
      else { return nil }
      var roleNames: [String] = []
      roleNames.reserveCapacity(roleCount)
      for _ in 0..<roleCount {
        guard let name = reader.string() else { return nil }
        roleNames.append(name)
      }
      guard let count = reader.u32().map(Int.init), count <= body.count / 16 else { return nil }
      var accounts: [AccountInfo] = []
      accounts.reserveCapacity(count)
      var roles: [String: [String]] = [:]
      roles.reserveCapacity(count)
      for _ in 0..<count {
        guard let id = reader.string(), let name = reader.string(), let email = reader.string(),
          let listed = reader.u32().map({ Int32(bitPattern: $0) })
        else { return nil }
        accounts.append(AccountInfo(accountID: id, accountName: name, emailAddress: email))
        guard listed >= 0 else {
          guard listed == -1 else { return nil }
          continue
        }
        guard Int(listed) <= reader.remaining / 4 else { return nil }
        var names: [String] = []
        names.reserveCapacity(Int(listed))
        for _ in 0..<listed {
          guard let index = reader.u32().map(Int.init), index < roleNames.count else {
            return nil
          }
          names.append(roleNames[index])
        }
        roles[id] = names
      }
      guard reader.remaining == 0 else { return nil }
      let fetchedAt = Date(timeIntervalSince1970: Double(Int64(bitPattern: milliseconds)) / 1000)
      return Catalog(trustedSortedAccounts: accounts, roles: roles, fetchedAt: fetchedAt)
    }
  }

  /// A fast 64-bit hash over 8-byte words (FNV-1a's prime, with a final avalanche). It
  /// detects corruption and truncation; it is not meant to resist tampering (the file is the
  /// user's own, mode 0600).
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    let prime: UInt64 = 0x0000_0100_0000_01b3
    let words = bytes.count / 8
    for index in 0..<words {
      let word = bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
      hash = (hash ^ word.littleEndian) &* prime
      hash ^= hash >> 31
    }
    for index in (words * 8)..<bytes.count {
      hash = (hash ^ UInt64(bytes[index])) &* prime
    }
    hash ^= UInt64(bytes.count)
    hash ^= hash >> 33
    hash = hash &* 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    return hash
  }

  static func checksum(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  private static func append(_ value: UInt32, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out += $0 }
  }

  private static func append(_ value: UInt64, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out += $0 }
  }

  private static func append(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { utf8 in
      append(UInt32(utf8.count), to: &out)
      out += utf8
    }
  }

  /// A cursor over the bytes; every read checks the bounds.
  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var remaining: Int { bytes.count - offset }

    mutating func skip(magic: [UInt8]) -> Bool {
      guard remaining >= magic.count else { return false }
      for (index, byte) in magic.enumerated() where bytes[offset + index] != byte {
        return false
      }
      offset += magic.count
      return true
    }

    mutating func u32() -> UInt32? {
      guard remaining >= 4 else { return nil }
      defer { offset += 4 }
      return bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }

    mutating func u64() -> UInt64? {
      guard remaining >= 8 else { return nil }
      defer { offset += 8 }
      return bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    mutating func string() -> String? {
      guard let length = u32().map(Int.init), length <= remaining else { return nil }
      defer { offset += length }
      return String(
        decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]),
        as: UTF8.self)
    }
  }
}
