import PickerCore
import SessionEngine

extension CommandContext {
  /// Opens the picker's terminal (colours unless `NO_COLOR`, the mouse if `mouse`), runs a
  /// `PickerProgram` over `feeds` on it until it has an outcome, and closes the terminal:
  /// the one way the commands show a picker. Returns the outcome and the model as it ended
  /// (to run again after a sign-in).
  func runPicker(
    _ model: PickerModel, feeds: [any CatalogFeed], mouse: Bool = true,
    loginStatus: (@Sendable (Int) async -> PickerProgram.LoginStatus)? = nil,
    onDraw: ((PickerModel, Frame) -> Void)? = nil
  ) async throws -> (outcome: PickerOutcome, model: PickerModel) {
    let terminal = try pickerTerminal.open(
      PickerTerminalOptions(mouse: mouse, colors: environment.nonEmpty("NO_COLOR") == nil))
    let program = PickerProgram(
      model: model, terminal: terminal, feeds: feeds, loginStatus: loginStatus, onDraw: onDraw)
    let outcome = await program.runOnOwnThread()
    terminal.close()
    return (outcome, program.currentModel)
  }
}
