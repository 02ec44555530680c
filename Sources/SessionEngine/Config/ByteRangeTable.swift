/// A hash set of byte ranges of one buffer, each stored with a small integer (a line index),
/// for finding repeated section headers without building a string per header.
///
/// Equal means equal bytes, so callers use it only where that is the same as `String`
/// equality (ASCII text). Collisions are resolved by comparing bytes; it grows as needed.
/// Slots are 8 bytes (hash and value), so a table for 20,000 headers stays in the cache.
struct ByteRangeTable {
  /// The low 32 bits of the hash of the entry in each slot.
  private var hashes: [UInt32]
  /// The index in `entries` of the entry in each slot, plus one (0 marks an empty slot).
  private var slots: [UInt32]
  /// The stored ranges and their values, in insertion order.
  private var entries: [(range: Range<Int>, value: Int)] = []

  /// An empty table sized for about `expectedCount` ranges.
  init(expectedCount: Int) {
    var capacity = 16
    while capacity < expectedCount * 2 { capacity *= 2 }
    hashes = Array(repeating: 0, count: capacity)
    slots = Array(repeating: 0, count: capacity)
    entries.reserveCapacity(expectedCount)
  }

  /// A fast, non-cryptographic hash of `bytes[range]`, eight bytes at a time.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = UInt64(truncatingIfNeeded: range.count) &* multiplier
    var index = range.lowerBound
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= range.upperBound {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        hash = (hash ^ word) &* multiplier
        hash ^= hash >> 29
        index += 8
      }
    }
    while index < range.upperBound {
      hash = (hash ^ UInt64(bytes[index])) &* multiplier
      index += 1
    }
    return hash ^ (hash >> 32)
  }

  /// Stores `value` under `bytes[range]` and returns `nil`, or, when an equal range is
  /// already stored, returns its value and stores nothing.
  mutating func insert(_ value: Int, for range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    if (entries.count + 1) * 2 > slots.count { grow() }
    let hash = UInt32(truncatingIfNeeded: Self.hash(bytes, range))
    let mask = slots.count - 1
    var position = Int(hash) & mask
    while slots[position] != 0 {
      let stored = entries[Int(slots[position]) - 1]
      if hashes[position] == hash && bytes[stored.range].elementsEqual(bytes[range]) {
        return stored.value
      }
      position = (position + 1) & mask
    }
    entries.append((range, value))
    hashes[position] = hash
    slots[position] = UInt32(truncatingIfNeeded: entries.count)
    return nil
  }

  private mutating func grow() {
    let oldHashes = hashes
    let oldSlots = slots
    hashes = Array(repeating: 0, count: oldSlots.count * 2)
    slots = Array(repeating: 0, count: oldSlots.count * 2)
    let mask = slots.count - 1
    for slot in oldSlots.indices where oldSlots[slot] != 0 {
      var position = Int(oldHashes[slot]) & mask
      while slots[position] != 0 { position = (position + 1) & mask }
      hashes[position] = oldHashes[slot]
      slots[position] = oldSlots[slot]
    }
  }
}
