/// A written model of how `cmd.exe` reads one line of a batch file, enough to judge
/// ssopick's `@set NAME=value` lines. cmd is not available where these tests run, so this
/// model *is* the specification the cmd output is tested against. Sources: Microsoft's
/// documentation of `set`, `call` and the escape character `^`, and the widely cited
/// description of cmd's parsing phases (Stack Overflow question 4094699, "How does the
/// Windows Command Interpreter (CMD.EXE) parse scripts?").
///
/// Phases modelled, in order:
/// 1. **Percent expansion** (batch files): `%%` → `%`; `%0`…`%9` and `%*` → the batch
///    arguments; `%NAME%` → the variable's value, or nothing when it is undefined; a `%`
///    with no closing `%` is removed. This happens before anything else, even inside quotes.
/// 1.5. Every carriage return is removed; a line feed ends the line (the rest is the next
///    command).
/// 2. **Special characters**: left to right with a quote flag. `"` toggles the flag and is
///    kept. Outside quotes, `^` makes the next character literal and is removed; an
///    unescaped `&`, `|`, `<` or `>` is an operator (a new command, a pipe or a
///    redirection); `(` and `)` are block delimiters. Inside quotes every character is
///    literal.
/// 3. `@` at the start of the command turns off echo for it and is removed.
/// 5. **Delayed expansion** (only with `cmd /v:on` or `setlocal EnableDelayedExpansion`),
///    and only when the command still contains `!`: `!NAME!` → the value (undefined →
///    nothing), and `^` escapes the next character (and is removed). It runs after phase 2,
///    so it cannot create operators.
///
/// Then the internal command `set NAME=VALUE` (no quotes around the argument) assigns
/// everything after the first `=` verbatim, trailing spaces included; an empty value
/// removes the variable.
enum CmdParserModel {
  /// What one line did.
  struct Outcome: Equatable {
    /// Operators (`&`, `|`, `<`, `>`, `(`, `)`) found outside quotes: each means cmd would
    /// run, pipe or redirect something other than the one `set`.
    var operators: [Character]
    /// The assignment made, if the line is a `set`.
    var assignment: (name: String, value: String)?
    /// Whether a line feed split the line (a second command).
    var splitLines: Bool

    static func == (lhs: Outcome, rhs: Outcome) -> Bool {
      lhs.operators == rhs.operators && lhs.assignment?.name == rhs.assignment?.name
        && lhs.assignment?.value == rhs.assignment?.value && lhs.splitLines == rhs.splitLines
    }
  }

  /// Interprets `line` (without its CR LF) as cmd does in a batch file.
  static func interpret(
    _ line: String, variables: [String: String] = ["PATH": "C:\\Windows", "USERNAME": "u"],
    arguments: [String] = ["batch.cmd"], delayedExpansion: Bool = false
  ) -> Outcome {
    // Phase 1: percent expansion.
    var expanded: [Character] = []
    let characters = Array(line)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      guard character == "%" else {
        expanded.append(character)
        index += 1
        continue
      }
      let next = index + 1 < characters.count ? characters[index + 1] : nil
      if next == "%" {
        expanded.append("%")
        index += 2
      } else if let next, let digit = next.wholeNumberValue, digit <= 9 {
        expanded += Array(digit < arguments.count ? arguments[digit] : "")
        index += 2
      } else if next == "*" {
        expanded += Array(arguments.dropFirst().joined(separator: " "))
        index += 2
      } else if let close = characters[(index + 1)...].firstIndex(of: "%") {
        let name = String(characters[(index + 1)..<close])
        expanded += Array(variables[name] ?? "")
        index = close + 1
      } else {
        index += 1  // a lone % is removed
      }
    }
    // Phase 1.5: CR removed; LF ends the command.
    expanded.removeAll { $0 == "\r" }
    var splitLines = false
    if let feed = expanded.firstIndex(of: "\n") {
      splitLines = true
      expanded = Array(expanded[..<feed])
    }
    // Phase 2: quotes, carets, operators.
    var result: [Character] = []
    var operators: [Character] = []
    var quoted = false
    index = 0
    while index < expanded.count {
      let character = expanded[index]
      if character == "\"" {
        quoted.toggle()
        result.append(character)
      } else if quoted {
        result.append(character)
      } else if character == "^" {
        if index + 1 < expanded.count {
          result.append(expanded[index + 1])
          index += 1
        }
      } else if "&|<>()".contains(character) {
        operators.append(character)
        result.append(character)
      } else {
        result.append(character)
      }
      index += 1
    }
    // Phase 3: a leading @.
    var command = String(result)
    if command.hasPrefix("@") { command.removeFirst() }
    // Phase 5: delayed expansion.
    if delayedExpansion, command.contains("!") {
      var output: [Character] = []
      let chars = Array(command)
      var position = 0
      while position < chars.count {
        let character = chars[position]
        if character == "^" {
          if position + 1 < chars.count { output.append(chars[position + 1]) }
          position += 2
        } else if character == "!" {
          if let close = chars[(position + 1)...].firstIndex(of: "!") {
            output += Array(variables[String(chars[(position + 1)..<close])] ?? "")
            position = close + 1
          } else {
            position += 1
          }
        } else {
          output.append(character)
          position += 1
        }
      }
      command = String(output)
    }
    var assignment: (String, String)?
    if command.lowercased().hasPrefix("set "), let equals = command.firstIndex(of: "=") {
      let name = String(command[command.index(command.startIndex, offsetBy: 4)..<equals])
      assignment = (name, String(command[command.index(after: equals)...]))
    }
    return Outcome(operators: operators, assignment: assignment, splitLines: splitLines)
  }
}
