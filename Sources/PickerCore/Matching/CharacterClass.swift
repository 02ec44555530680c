/// The kind of a character, for the word-boundary bonuses of the scorer.
enum CharacterClass: Equatable {
  case whitespace
  case delimiter
  case nonWord
  case lower
  case upper
  case letter
  case digit

  /// Classifies a character by its first scalar.
  init(_ scalar: Unicode.Scalar) {
    let value = scalar.value
    if value < 0x80 {
      switch value {
      case 0x61...0x7A: self = .lower
      case 0x41...0x5A: self = .upper
      case 0x30...0x39: self = .digit
      case 0x09...0x0D, 0x20: self = .whitespace
      case 0x2F, 0x2C, 0x3A, 0x3B, 0x7C: self = .delimiter  // / , : ; |
      default: self = .nonWord
      }
      return
    }
    let properties = scalar.properties
    if properties.isWhitespace {
      self = .whitespace
    } else if properties.changesWhenLowercased {
      self = .upper
    } else if properties.isLowercase {
      self = .lower
    } else if properties.numericType != nil {
      self = .digit
    } else if properties.isAlphabetic {
      self = .letter
    } else {
      self = .nonWord
    }
  }

  /// Whether characters of this class make up words.
  var isWord: Bool {
    switch self {
    case .lower, .upper, .letter, .digit: true
    case .whitespace, .delimiter, .nonWord: false
    }
  }

  /// The bonus for matching a character of class `self` that follows one of class
  /// `previous` (see ``MatchScoring`` for the reasoning).
  func boundaryBonus(after previous: CharacterClass) -> Int32 {
    guard isWord else {
      return self == .whitespace ? MatchScoring.boundaryAfterWhitespace : MatchScoring.nonWord
    }
    switch previous {
    case .whitespace: return MatchScoring.boundaryAfterWhitespace
    case .delimiter: return MatchScoring.boundaryAfterDelimiter
    case .nonWord: return MatchScoring.boundary
    case .lower where self == .upper: return MatchScoring.camelCase
    case .lower, .upper, .letter:
      return self == .digit ? MatchScoring.camelCase : 0
    case .digit: return 0
    }
  }
}
