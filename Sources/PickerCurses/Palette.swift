import CNcursesShim
import PickerCore

/// How each ``CellStyle`` looks: curses attributes, plus colour pairs when colours are
/// allowed (not with `NO_COLOR`, not on a monochrome terminal). Without colours every style
/// still stands out by attributes alone: reverse for the highlight, bold and underline for
/// matched characters.
struct Palette: Sendable {
  /// Whether colour pairs are used.
  let colors: Bool
  /// Whether the terminal has the bright colours (16 or more).
  let richColors: Bool

  private enum Pair: Int32 {
    case title = 1
    case muted
    case match
    case accent
    case loading
    case error
  }

  /// Defines the colour pairs (nothing without colours).
  func definePairs(on screen: OpaquePointer) {
    guard colors else { return }
    let grey: Int32 = richColors ? 8 : -1
    _ = cncs_define_pair(screen, Pair.title.rawValue, 7, 4)
    _ = cncs_define_pair(screen, Pair.muted.rawValue, grey, -1)
    _ = cncs_define_pair(screen, Pair.match.rawValue, 2, -1)
    _ = cncs_define_pair(screen, Pair.accent.rawValue, 6, -1)
    _ = cncs_define_pair(screen, Pair.loading.rawValue, 3, -1)
    _ = cncs_define_pair(screen, Pair.error.rawValue, 1, -1)
  }

  /// The shim's attribute bits for `style`.
  func attributes(for style: CellStyle) -> UInt32 {
    let bold = UInt32(CNCS_ATTR_BOLD)
    let underline = UInt32(CNCS_ATTR_UNDERLINE)
    let reverse = UInt32(CNCS_ATTR_REVERSE)
    let dim = UInt32(CNCS_ATTR_DIM)
    guard colors else {
      switch style {
      case .plain, .border: return 0
      case .title: return reverse | bold
      case .muted, .loading: return dim
      case .match: return bold | underline
      case .selected: return reverse
      case .selectedMatch: return reverse | bold | underline
      case .prompt, .key, .warning, .error: return bold
      }
    }
    switch style {
    case .plain: return 0
    case .title: return bold | pair(.title)
    case .muted, .border: return richColors ? pair(.muted) : dim
    case .match: return bold | pair(.match)
    case .selected: return reverse
    case .selectedMatch: return reverse | bold | underline
    case .prompt, .key: return bold | pair(.accent)
    case .loading: return pair(.loading)
    case .warning: return bold | pair(.loading)
    case .error: return bold | pair(.error)
    }
  }

  private func pair(_ pair: Pair) -> UInt32 {
    (UInt32(pair.rawValue) & 0xFF) << 16
  }
}
