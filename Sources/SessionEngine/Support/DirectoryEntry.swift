#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `readdir`'s entries, read safely from Swift.
enum DirectoryEntry {
  private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)

  /// The entry's name where `readdir` put it. A `dirent` is only as long as its name, so
  /// copying the struct's whole `d_name` array (`entry.pointee.d_name`) can read past the
  /// end of `readdir`'s buffer — and crash, as it did in a release build.
  static func name(_ entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar>? {
    guard let nameOffset else { return nil }
    return UnsafePointer(
      UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
  }
}
