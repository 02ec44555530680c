import SessionEngine

/// The picker's key bindings: the one table that drives `update` and writes the help
/// overlay (and the `--help` text), so documentation and behaviour cannot drift apart.
public enum KeyTable {
  /// What can trigger a command.
  public enum Trigger: Hashable, Sendable, CustomStringConvertible {
    /// A key.
    case key(Key)
    /// Any printable character not bound to something else.
    case anyText
    /// The mouse wheel turned up.
    case wheelUp
    /// The mouse wheel turned down.
    case wheelDown
    /// A mouse click.
    case click

    /// How the trigger is written in help texts.
    public var description: String {
      switch self {
      case .key(let key): key.description
      case .anyText: "typing"
      case .wheelUp: "wheel ↑"
      case .wheelDown: "wheel ↓"
      case .click: "click"
      }
    }
  }

  /// One line of the table: the triggers of a command and what it does, in words.
  public struct Binding: Hashable, Sendable {
    /// The keys (or mouse actions) that run the command.
    public var triggers: [Trigger]
    /// The command.
    public var command: PickerCommand
    /// What the command does, for the help overlay.
    public var help: String

    /// Creates a binding.
    public init(_ triggers: [Trigger], _ command: PickerCommand, _ help: String) {
      self.triggers = triggers
      self.command = command
      self.help = help
    }

    /// The triggers as shown in help, e.g. `↑, Ctrl-P`.
    public var keysText: String { triggers.map(\.description).joined(separator: ", ") }
  }

  /// Every binding, in the order the help overlay lists them.
  public static let bindings: [Binding] = [
    Binding([.anyText], .type, "Search account name, id, e-mail and role"),
    Binding([.key(.up), .key(.control("p"))], .moveUp, "Move up"),
    Binding([.key(.down), .key(.control("n"))], .moveDown, "Move down"),
    Binding([.key(.pageUp)], .pageUp, "Page up"),
    Binding([.key(.pageDown)], .pageDown, "Page down"),
    Binding([.key(.home)], .first, "First row"),
    Binding([.key(.end)], .last, "Last row"),
    Binding([.wheelUp], .scrollUp, "Scroll up"),
    Binding([.wheelDown], .scrollDown, "Scroll down"),
    Binding([.click], .pointAt, "Highlight a row"),
    Binding([.key(.enter)], .choose, "Choose the highlighted role"),
    Binding([.key(.control("o"))], .openConsole, "Open the AWS console for it (browser)"),
    Binding([.key(.backspace)], .deleteBackward, "Delete a character"),
    Binding([.key(.control("w"))], .deleteWord, "Delete a word"),
    Binding([.key(.control("u"))], .clearQuery, "Clear the query"),
    Binding([.key(.control("r"))], .refresh, "Reload accounts and roles from AWS"),
    Binding([.key(.control("l"))], .signIn, "Sign in to a session"),
    Binding([.key(.character("?")), .key(.function(1))], .toggleHelp, "Show or hide this help"),
    Binding([.key(.escape), .key(.control("c"))], .cancel, "Cancel (exit status 130)"),
  ]

  private static let byTrigger: [Trigger: PickerCommand] = {
    var table: [Trigger: PickerCommand] = [:]
    for binding in bindings {
      for trigger in binding.triggers where table[trigger] == nil {
        table[trigger] = binding.command
      }
    }
    return table
  }()

  /// The command `key` runs: its binding, else ``PickerCommand/type`` for a printable
  /// character, else `nil` (the key does nothing).
  public static func command(for key: Key) -> PickerCommand? {
    if let command = byTrigger[.key(key)] { return command }
    if case .character = key { return byTrigger[.anyText] }
    return nil
  }

  /// The command a mouse event runs, if any.
  public static func command(for mouse: MouseEvent) -> PickerCommand? {
    switch mouse {
    case .wheelUp: byTrigger[.wheelUp]
    case .wheelDown: byTrigger[.wheelDown]
    case .click: byTrigger[.click]
    }
  }

  /// The table as plain text, one binding a line (`--help` and the README use it).
  public static var helpText: String {
    let width = bindings.map { DisplayWidth.of($0.keysText) }.max() ?? 0
    return bindings.map { binding in
      let keys = binding.keysText
      return "  " + keys + String(repeating: " ", count: width - DisplayWidth.of(keys) + 2)
        + binding.help
    }.joined(separator: "\n")
  }
}
