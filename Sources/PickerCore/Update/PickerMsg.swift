public import Foundation
public import SessionEngine

/// Everything that can happen to the picker: input from the terminal, time passing, and the
/// results of work done outside `update` (catalog events from the loader).
public enum PickerMsg: Sendable {
  /// A key was pressed.
  case key(Key)
  /// The mouse was used.
  case mouse(MouseEvent)
  /// The terminal has a new size.
  case resize(TerminalSize)
  /// Time passed; the clock now reads `Date` (drives the spinner and the time left).
  case tick(Date)
  /// The catalog loader of session `source` (0 for a picker over one session) reported
  /// something.
  case catalog(CatalogEvent, source: Int = 0)
  /// The loader's event stream ended (after `.finished` or `.failed`, or because it broke).
  case catalogEnded(source: Int = 0)
  /// Session `source`'s access token expires at this time (`nil`: unknown or not signed in);
  /// `renewable` when a refresh token can renew it without the user.
  case login(expiresAt: Date?, renewable: Bool, source: Int = 0)
  /// A signal asked the program to stop (SIGTERM, SIGHUP, SIGINT, SIGQUIT).
  case signal(Int32)
}

/// Work `update` asks for, as data: the run loop performs it, tests compare it.
public enum PickerEffect: Hashable, Sendable {
  /// List this account's roles next: it is under the cursor (or on screen) and still
  /// loading. When several are asked for in one update, the last is the most urgent.
  case prioritize(accountID: String, source: Int = 0)
  /// Start the listing again from AWS, ignoring the cache (Ctrl-R; every session's).
  case reloadCatalog
  /// Close the picker with this outcome.
  case finish(PickerOutcome)
}
