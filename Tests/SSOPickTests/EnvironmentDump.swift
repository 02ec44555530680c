import SSOPickTestSupport

/// The environment a command printed with `env -0`.
enum EnvironmentDump {
  static func parse(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for entry in text.split(separator: "\0") {
      guard let equals = entry.firstIndex(of: "=") else { continue }
      result[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
    }
    return result
  }
}

extension BinaryRunner.Output {
  /// Standard output, then standard error (for checks that do not care which).
  var output: String { stdout + stderr }
}
