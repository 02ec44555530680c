/// One row as the aligner reads it: its units and its character index, as buffers into the
/// ``RowStore``.
///
/// The character index lists, for each bucket (``PackedUnit/bucket(_:)``), the row's units
/// in that bucket, ascending: the `e`s of a row are `entries[buckets[4] ..< buckets[5]]`. An
/// entry is the packed unit with its scalar bits replaced by the unit's position in the row:
/// for a letter or digit the bucket says which scalar it is, so the aligner reads only the
/// index (one or two cache lines per row and character) and never scans the row. Units in the
/// shared bucket for everything else are compared with `units[position]`.
struct RowText {
  /// The row's units.
  let units: UnsafeBufferPointer<UInt32>
  /// `bucketCount + 1` offsets into `entries`: bucket `b` is `buckets[b] ..< buckets[b + 1]`.
  let buckets: UnsafeBufferPointer<Int32>
  /// Index entries of all rows (``PackedUnit`` attributes, position in bits 0–20).
  let entries: UnsafeBufferPointer<UInt32>
}
