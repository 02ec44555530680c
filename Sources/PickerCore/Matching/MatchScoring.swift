/// How a match is scored. The ideas come from fzf's `algo.go` (word-start bonuses,
/// consecutive runs, gap penalties); the formulation and constants here are our own.
///
/// ## What is matched
///
/// Each row is one line of search text: account name, role, account id and email, in that
/// order, with a separator between fields (see ``SearchField``). Text and query are folded
/// (``TextFolding``). The query is split at whitespace into terms; a row matches when every
/// term is a subsequence of its text (fuzzy), in any order relative to the other terms. A term
/// may run across fields (`prdadm` → **Pr**o**d**uction / **Adm**inistratorAccess), and the
/// gap across the separator is penalised like any other gap. A row's score is the sum of its
/// terms' scores; each term is aligned on its own, so terms may overlap.
///
/// ## Scoring one alignment
///
/// An alignment puts the term's characters on increasing positions of the text. Each matched
/// character earns:
///
/// - **the match score**, 16, plus a **field bonus**: 4 in the account name and role, 2 in the
///   account id, 0 in the email. So the same match in a name or role beats it in an email,
///   but a much better match in the email (a prefix against scattered letters) still wins.
/// - **a boundary bonus**, from the character before it in the original text: 10 after
///   whitespace or at the start of a field, 9 after a delimiter (`/ , : ; |`), 8 after other
///   punctuation (`-`, `_`, `.`, `@`), 7 at a camelCase hump (`AdministratorAccess`) or where
///   digits follow letters, 8 for punctuation itself. Typing the first letters of words is
///   what people do, so word starts are worth half a match.
/// - for the **first character** of the term, the boundary bonus counts **twice**: where a
///   term starts says most about whether it was meant.
/// - inside a **consecutive run**, the character earns the larger of its own bonus, the best
///   bonus seen so far in the run, and 4; so `admin` typed at a word start keeps the
///   word-start bonus on every letter, and any run beats the same letters spread out.
///
/// Each **gap** between two matched characters costs 3 for the first skipped unit and 1 for
/// each further one: a tight match beats a loose one, but a long gap does not rule out a
/// match whose characters sit on word starts.
///
/// The best alignment is found with dynamic programming over (term character × text
/// position), computed only where the text has the term's characters (``TermAligner``). Each
/// cell keeps its best score, the run's bonus and where it came from, so the highlighted
/// positions are the alignment that earned the score. Ties prefer the consecutive step, then
/// the later gap start, then the leftmost end.
///
/// ## Whole-term bonuses
///
/// When the whole term appears contiguously at the **start of a field**, that alignment gets
/// +20 (a **prefix** match), or +40 when it covers the whole field (an **exact** match), and
/// it is used instead of the table's best if it then scores at least as much. With the
/// boundary bonuses this gives, for the same term: exact > prefix > word start > scattered.
///
/// ## Order of results
///
/// Higher total score first; then the caller's rank (``SearchableRow/rank``, recency in the
/// picker); then the shorter row text; then the original order. An empty query keeps every
/// row, ordered by rank and then original order.
///
/// ## Smart case
///
/// Each term on its own: a term with an uppercase letter matches case-sensitively (`Prod`
/// finds `Production` but not `prod-eu`), an all-lowercase term ignores case. Diacritics are
/// folded either way. This is fzf's smart case, applied per term as fzf does.
enum MatchScoring {
  /// The score of any matched character.
  static let match: Int32 = 16
  /// The penalty for the first unit of a gap.
  static let gapStart: Int32 = -3
  /// The penalty for every further unit of a gap.
  static let gapExtension: Int32 = -1
  /// The least bonus of a character inside a consecutive run.
  static let consecutive: Int32 = 4
  /// How many times the first character of a term counts its boundary bonus.
  static let firstCharacterMultiplier: Int32 = 2

  /// After whitespace, or at the start of a field.
  static let boundaryAfterWhitespace: Int32 = 10
  /// After `/ , : ; |`.
  static let boundaryAfterDelimiter: Int32 = 9
  /// After other punctuation.
  static let boundary: Int32 = 8
  /// A camelCase hump, or a digit after a letter.
  static let camelCase: Int32 = 7
  /// A punctuation character itself.
  static let nonWord: Int32 = 8

  /// Added to each matched character, by field.
  static func fieldBonus(_ field: SearchField) -> Int32 {
    switch field {
    case .accountName, .roleName: 4
    case .accountId, .session: 2
    case .email: 0
    }
  }

  /// The whole term at the start of a field.
  static let prefix: Int32 = 20
  /// The whole term is the whole field.
  static let exact: Int32 = 40
}
