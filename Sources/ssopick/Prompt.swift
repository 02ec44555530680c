import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Asks questions on the terminal: the question goes to stderr (stdout carries only results),
/// the answer is read from stdin. Used only when stdin is a terminal.
enum Prompt {
  /// Whether stdin is a terminal, so asking makes sense.
  static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

  /// The user gave up (end of input) before answering.
  struct NoAnswer: Error, CustomStringConvertible {
    var question: String
    var description: String { "No answer for \"\(question)\"; nothing was changed." }
  }

  /// Asks `question` until `check` accepts the answer. An empty answer means `defaultValue`
  /// (shown in brackets) when there is one, and asks again when there is none.
  static func ask(
    _ question: String, default defaultValue: String? = nil,
    check: (String) throws -> Void = { _ in }
  ) throws -> String {
    while true {
      let suffix = defaultValue.map { " [\($0)]" } ?? ""
      FileHandle.standardError.write(Data("\(question)\(suffix): ".utf8))
      guard let line = readLine(strippingNewline: true) else {
        FileHandle.standardError.write(Data("\n".utf8))
        throw NoAnswer(question: question)
      }
      let answer = line.trimmingCharacters(in: .whitespaces)
      guard let value = answer.isEmpty ? defaultValue : answer else { continue }
      do {
        try check(value)
        return value
      } catch {
        StandardError.write("\(error)")
      }
    }
  }
}
