import Foundation
public import PickerCore

/// A terminal for tests: plays a script of input and keeps every frame drawn, no tty needed.
///
/// A script mixes input with waits: `.waitFor` holds the input back until a drawn frame
/// satisfies a condition (e.g. "the catalog has loaded"), so a test never sleeps and never
/// races the catalog task. A wait that is not satisfied within `deadline` (real time, a
/// generous safety net) ends the run with SIGHUP and is reported in ``failures``; so is a
/// script that runs out before the picker decides.
///
/// Events with no wait between them are all waiting at once, so the run loop takes them in
/// one read (up to its batch size), as it takes a paste or fast typing from a real terminal.
public final class ScriptedTerminal: Terminal, @unchecked Sendable {
  /// One step of a script.
  public enum Step: Sendable {
    /// Deliver this input.
    case event(TerminalEvent)
    /// Wait until a drawn frame satisfies the condition (described for failure messages).
    case waitFor(String, @Sendable (Frame) -> Bool)
    /// Run this (e.g. let the stub catalog send more events), then go on.
    case run(@Sendable () -> Void)
  }

  private let condition = NSCondition()
  private var script: [Step]
  private var woken = false
  private var currentSize: TerminalSize
  private var drawn: [Frame] = []
  private var problems: [String] = []
  private let deadline: Duration
  private var waitStarted: ContinuousClock.Instant?
  private var exhausted = false

  /// A terminal of `size` that will play `script`.
  public init(size: TerminalSize, script: [Step], deadline: Duration = .seconds(20)) {
    self.currentSize = size
    self.script = script
    self.deadline = deadline
  }

  /// A script step that presses `key`.
  public static func key(_ key: Key) -> Step { .event(.key(key)) }

  /// Script steps that type `text`, one character at a time.
  public static func type(_ text: String) -> [Step] {
    text.map { .event(.key(.character($0))) }
  }

  /// A script step that waits until the screen shows `text`.
  public static func waitForText(_ text: String) -> Step {
    .waitFor("the screen shows \(text)") { $0.plainText.contains(text) }
  }

  /// Every frame drawn, in order.
  public var frames: [Frame] {
    condition.lock()
    defer { condition.unlock() }
    return drawn
  }

  /// What went wrong: waits that timed out, a script that ran out.
  public var failures: [String] {
    condition.lock()
    defer { condition.unlock() }
    return problems
  }

  /// The current size.
  public var size: TerminalSize {
    condition.lock()
    defer { condition.unlock() }
    return currentSize
  }

  /// Keeps `frame`.
  public func draw(_ frame: Frame) {
    condition.lock()
    drawn.append(frame)
    condition.unlock()
  }

  /// Returns the next scripted input once its waits are satisfied.
  public func nextEvent(timeout: Duration?) -> TerminalEvent? {
    condition.lock()
    defer { condition.unlock() }
    while let step = script.first {
      switch step {
      case .event(let event):
        script.removeFirst()
        waitStarted = nil
        if case .resize(let size) = event { currentSize = size }
        return event
      case .run(let action):
        script.removeFirst()
        condition.unlock()
        action()
        condition.lock()
      case .waitFor(let description, let satisfied):
        if let frame = drawn.last, satisfied(frame) {
          script.removeFirst()
          waitStarted = nil
          continue
        }
        let clock = ContinuousClock()
        let started = waitStarted ?? clock.now
        waitStarted = started
        if clock.now - started > deadline {
          problems.append("timed out waiting until \(description)")
          script.removeAll()
          return .signal(1)
        }
        // Not yet: let the loop fold in what arrived (it draws, then asks again).
        if timeout == .zero { return nil }
        waitForWake(timeout: timeout ?? .milliseconds(100))
        return nil
      }
    }
    // A poll for input already waiting just finds none; only a real wait means the script
    // has nothing left to say.
    if timeout == .zero { return nil }
    if !exhausted {
      exhausted = true
      problems.append("the script ran out before the picker finished")
    }
    return .signal(1)
  }

  /// Ends a wait in ``nextEvent(timeout:)``.
  public func wake() {
    condition.lock()
    woken = true
    condition.signal()
    condition.unlock()
  }

  private func waitForWake(timeout: Duration) {
    if !woken {
      let seconds =
        Double(timeout.components.seconds)
        + Double(timeout.components.attoseconds) / 1e18
      _ = condition.wait(until: Date().addingTimeInterval(max(0.001, seconds)))
    }
    woken = false
  }
}
